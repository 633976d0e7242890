#!/usr/bin/env bash
# Times `inquest site` on a branch of 1,000 incidents against two baselines measured in the
# same run on the same data: `inquest list --json` (reads every incident file, renders
# nothing) and `git archive` of the branch (git reads every blob, the floor for touching
# all the data). Reports seconds (the median of RUNS runs) and the ratios.
#
#   Benchmarks/site.sh              # 1,000 incidents, 3 runs each, release build
#   N=200 RUNS=5 Benchmarks/site.sh
#   INQUEST_BIN=path Benchmarks/site.sh   # time that binary instead of building release
#
# The data is written with git fast-import (Benchmarks/lib/generate-incidents.py, fixed
# seed), not through the CLI, so making it takes seconds and every run sees the same data.
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
start=$(date +%s%N)
python3 "$ROOT/Benchmarks/lib/generate-incidents.py" "$N" | git -C "$repo" fast-import --quiet
files=$(git -C "$repo" ls-tree -r --name-only postmortems | wc -l)
echo "==> $N incidents, $files files on the branch, written in $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2

# median_seconds CMD...: runs CMD RUNS times (output discarded) and prints the median seconds.
median_seconds() {
    local times=() t0 t1
    for _ in $(seq "$RUNS"); do
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s%N)
        times+=($(( t1 - t0 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" '{ a[NR] = $1 } END { printf "%.3f", a[int((n + 1) / 2)] / 1e9 }'
}

# --full: later runs would otherwise find nothing changed and rewrite nothing (docs/site.md).
site=$(median_seconds "$INQUEST_BIN" -C "$repo" site --full "$work/site")
list=$(median_seconds "$INQUEST_BIN" -C "$repo" list --json)
archive=$(median_seconds git -C "$repo" archive --format=tar -o "$work/branch.tar" postmortems)
pages=$(find "$work/site" -name '*.html' | wc -l)
bytes=$(du -sb "$work/site" | cut -f1)

echo "inquest site:        ${site} s  ($pages pages, $(( bytes / 1024 / 1024 )) MiB)"
echo "inquest list --json: ${list} s"
echo "git archive:         ${archive} s"
awk -v s="$site" -v l="$list" -v a="$archive" 'BEGIN {
    printf "ratio site / list --json: %.1fx\nratio site / git archive: %.1fx\n", s / l, s / a }'
echo "($N incidents, median of $RUNS runs, $(nproc) cores, $INQUEST_BIN)"
