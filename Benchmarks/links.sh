#!/usr/bin/env bash
# Times the scan of a code history for follow-up trailers (docs/followup-proof.md): a first
# scan of N commits (default 100,000) carrying TRAILERS `Fixes-Follow-up:` trailers (default
# 1,000), against `git log --format=%H%x00%B` over the same history in the same run; then a
# second scan after NEW more commits (default 100), which only walks those.
#
#   Benchmarks/links.sh                          # release build, median of 3 runs
#   N=20000 RUNS=5 Benchmarks/links.sh
#   INQUEST_BIN=path Benchmarks/links.sh         # time that binary instead of building release
#
# What is timed is `inquest followups --audit` on a branch with no follow-up done yet: it
# starts the process, reads the branch, scans the code refs (main here) and resolves every
# trailer against the follow-ups, and prints nothing. So the figures include what every
# command that shows fixes pays on top of the scan. The history is written with git
# fast-import (Benchmarks/lib/generate-code-history.py, fixed dates and contents).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-100000}
TRAILERS=${TRAILERS:-1000}
NEW=${NEW:-100}
RUNS=${RUNS:-3}
# shellcheck source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=lib/common.sh
source "$ROOT/Benchmarks/lib/common.sh"
bench_hermetic "$work" Bench bench@example.com
repo=$work/code.git
git init -q --bare -b main "$repo"
inq() { "$INQUEST_BIN" -C "$repo" "$@"; }
inq init >/dev/null 2>&1
id=$(inq new 'Benchmark incident' 2>/dev/null)
fus=()
for n in $(seq 10); do
    fus+=("$(inq followup add "$id" --kind bug --owner bench --due 2026-12-31 "Follow-up $n" 2>/dev/null)")
done

start=$(date +%s%N)
python3 "$ROOT/Benchmarks/lib/generate-code-history.py" "$N" "$TRAILERS" "${fus[@]}" | git -C "$repo" fast-import --quiet
echo "==> $N commits on main ($TRAILERS with trailers) written in $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2
cache=$repo/inquest/code-links

# median_seconds SETUP CMD...: runs SETUP then times CMD, RUNS times; prints the median seconds.
median_seconds() {
    local setup=$1 times=() t0 t1
    shift
    for _ in $(seq "$RUNS"); do
        eval "$setup"
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s%N)
        times+=($(( t1 - t0 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" '{ a[NR] = $1 } END { printf "%.3f", a[int((n + 1) / 2)] / 1e9 }'
}

gitlog=$(median_seconds : git -C "$repo" log --format=%H%x00%B main)
first=$(median_seconds "rm -f '$cache'" inq followups --audit)
linked=$(grep -c '^ref ' "$cache" || true)
[ "$linked" -ge 1 ] || { echo "error: the scan wrote no cache" >&2; exit 1; }
cp "$cache" "$work/cache-before"
unchanged=$(median_seconds : inq followups --audit)
baseline=$(median_seconds : inq followups --json)

python3 "$ROOT/Benchmarks/lib/generate-code-history.py" "$NEW" 10 "${fus[@]}" --from main --start "$N" \
    | git -C "$repo" fast-import --quiet --force
second=$(median_seconds "cp '$work/cache-before' '$cache'" inq followups --audit)
found=$(grep -c '^commit ' "$cache" || true)

echo "git log --format=%H%x00%B (baseline):  ${gitlog} s"
echo "first scan (no cache):                  ${first} s"
echo "second scan (+$NEW commits, cache):      ${second} s"
echo "no new commits (cache):                 ${unchanged} s"
echo "inquest followups --json (no scan):     ${baseline} s"
awk -v f="$first" -v g="$gitlog" -v s="$second" 'BEGIN {
    printf "ratio first scan / git log:    %.2fx (target: within 2x)\n", f / g
    printf "ratio second scan / first:     %.1f%% (target: under 5%%)\n", 100 * s / f }'
echo "($N + $NEW commits, $found with trailers found, median of $RUNS runs, $(nproc) cores, $INQUEST_BIN)"
