#!/usr/bin/env bash
# What the tree checks (TreeHygiene) cost a server hook and `check` on a large branch.
#
#   Benchmarks/hygiene.sh                          # 1,000 incidents, median of 3, release build
#   INQUEST_BIN=.build/debug/inquest Benchmarks/hygiene.sh
#
# Times, on a branch of N incidents (9 files each, from lib/generate-incidents.py):
#   - `inquest hook pre-receive` for a push that adds one timeline event: the tree checks walk
#     the structure of the whole branch and the one incident folder the push touched;
#   - `inquest check ID` on that incident (the same validation without the walk: baseline);
#   - `inquest check` of the whole branch (every record, and the walk of the whole tree);
#   - `inquest list --json` (reads every incident.md: baseline);
# and the ratios hook / check ID and check / list.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-1000}
RUNS=${RUNS:-3}
# shellcheck source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=lib/common.sh
source "$ROOT/Benchmarks/lib/common.sh"
bench_hermetic "$work" Bench bench@example.com
repo=$work/bench.git
bench_repo "$repo"
python3 "$ROOT/Benchmarks/lib/generate-incidents.py" "$N" | git -C "$repo" fast-import --quiet
old=$(git -C "$repo" rev-parse postmortems)
id=$(git -C "$repo" ls-tree -r --name-only postmortems | awk -F/ '/\/incident.md$/ && !found { print $3; found = 1 }')
"$INQUEST_BIN" -C "$repo" timeline add "$id" --at 2026-11-27T10:00Z "One more event" >/dev/null
new=$(git -C "$repo" rev-parse postmortems)
[ "$old" != "$new" ] || { echo "adding the timeline event failed" >&2; exit 1; }

median_seconds() {
    local times=() t0 t1
    for _ in $(seq "$RUNS"); do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        t1=$(date +%s%N)
        times+=($(( t1 - t0 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" '{ a[NR] = $1 } END { printf "%.3f", a[int((n + 1) / 2)] / 1e9 }'
}

hook_run() { echo "$old $new refs/heads/postmortems" | (cd "$repo" && "$INQUEST_BIN" hook pre-receive); }
hook=$(median_seconds hook_run)
one=$(median_seconds "$INQUEST_BIN" -C "$repo" check "$id")
all=$(median_seconds "$INQUEST_BIN" -C "$repo" check)
list=$(median_seconds "$INQUEST_BIN" -C "$repo" list --json)

echo "hook pre-receive (one incident touched): ${hook} s"
echo "check ID (that incident):                ${one} s"
echo "check (whole branch):                    ${all} s"
echo "list --json:                             ${list} s"
awk -v h="$hook" -v o="$one" -v a="$all" -v l="$list" 'BEGIN {
    printf "ratio hook / check ID: %.1fx\nratio check / list --json: %.1fx\n", h / o, a / l }'
echo "($N incidents, median of $RUNS runs, $(nproc) cores, $INQUEST_BIN)"
