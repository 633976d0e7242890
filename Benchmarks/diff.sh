#!/usr/bin/env bash
# Times `inquest diff A...B` (record by record, gate verdicts before and after, every
# commit's signature state) on a review branch of M commits over a branch of N incidents,
# against baselines measured in the same run on the same data: `git diff A...B` (git's
# textual diff of the same change, the floor) and `inquest check --range A...B` (the
# policy alone). Reports seconds (the median of RUNS runs) and the ratios.
#
#   Benchmarks/diff.sh                    # N=1000 incidents, M=50 commits, 3 runs each, release build
#   N=200 M=20 RUNS=5 Benchmarks/diff.sh
#   INQUEST_BIN=path Benchmarks/diff.sh   # time that binary instead of building release
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-1000}
M=${M:-50}
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
git -C "$repo" branch --no-track review/bench postmortems

# M commits through the CLI on the review branch, each on another incident: a finding,
# a follow-up, or a two-line section edit, in turn.
# (awk stops counting itself: `head` would close the pipe early, and pipefail would stop the script.)
ids=$(git -C "$repo" ls-tree -d --name-only -r postmortems incidents | awk -F/ -v m="$M" 'NF == 3 && n < m { print $3; n++ }')
i=0
for id in $ids; do
    case $((i % 3)) in
        0) "$INQUEST_BIN" -C "$repo" --branch review/bench finding add "$id" --category process-flaw \
               --evidence "https://logs.example/$i" "Finding $i" >/dev/null ;;
        1) "$INQUEST_BIN" -C "$repo" --branch review/bench followup add "$id" --kind bug --owner bench \
               --due 2027-01-31 "Follow-up $i" >/dev/null ;;
        2) "$INQUEST_BIN" -C "$repo" --branch review/bench set "$id" "takeaways=Takeaway $i.
Second line $i." >/dev/null ;;
    esac
    i=$((i + 1))
done
echo "==> $N incidents, $(git -C "$repo" rev-list --count postmortems..review/bench) commits on review/bench" >&2

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

range=postmortems...review/bench
diff=$(median_seconds "$INQUEST_BIN" -C "$repo" diff "$range" --json)
markdown=$(median_seconds "$INQUEST_BIN" -C "$repo" diff "$range" --format markdown)
check=$(median_seconds "$INQUEST_BIN" -C "$repo" check --range "$range")
gitdiff=$(median_seconds git -C "$repo" diff "$range")

echo "inquest diff --json:     ${diff} s"
echo "inquest diff --format markdown: ${markdown} s"
echo "inquest check --range:   ${check} s"
echo "git diff:                ${gitdiff} s"
awk -v d="$diff" -v c="$check" -v g="$gitdiff" 'BEGIN {
    printf "ratio diff / check --range: %.1fx\nratio diff / git diff: %.1fx\n", d / c, d / g }'
echo "($N incidents, $M commits, median of $RUNS runs, $(nproc) cores, $INQUEST_BIN)"
