#!/usr/bin/env bash
# Times `inquest import` of N incidents (JSON lines in the shape of `show --json`, each with
# four timeline events, two findings and two follow-ups: 9 record files) and `inquest site`
# of the resulting branch, first run and incremental run after one change, with peak memory
# (/usr/bin/time -v), against `git archive` of the same branch measured in the same run:
# git reading every blob of the tree, the floor for touching all the data.
#
#   Benchmarks/import-site.sh                 # 10,000 incidents, release build
#   N=1000 RUNS=3 Benchmarks/import-site.sh   # median of RUNS runs of each step
#   INQUEST_BIN=path Benchmarks/import-site.sh
#
# The input is written by Benchmarks/lib/generate-import.py (fixed seed) in about a second.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-10000}
RUNS=${RUNS:-1}
# shellcheck source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=lib/common.sh
source "$ROOT/Benchmarks/lib/common.sh"
bench_hermetic "$work" Bench bench@example.com

start=$(date +%s%N)
python3 "$ROOT/Benchmarks/lib/generate-import.py" "$N" > "$work/incidents.jsonl"
echo "==> $N incidents as JSON lines ($(( $(stat -c %s "$work/incidents.jsonl") / 1024 / 1024 )) MiB) in $(( ($(date +%s%N) - start) / 1000000 )) ms" >&2

# measure NAME CMD...: runs CMD once under /usr/bin/time; appends "seconds kib cpu-seconds"
# to $work/NAME (CPU = user + system: steadier than wall time on a shared machine).
measure() {
    local name=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/time.out" "$@" >/dev/null 2>"$work/stderr.out" || {
        echo "failed: $*" >&2; cat "$work/stderr.out" >&2; exit 1; }
    awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time.out" >> "$work/$name"
}

fresh_repo() {
    rm -rf "$work/repo.git"
    git init -q --bare "$work/repo.git"
    "$INQUEST_BIN" -C "$work/repo.git" init >/dev/null 2>&1
}

for _ in $(seq "$RUNS"); do
    fresh_repo
    measure import "$INQUEST_BIN" -C "$work/repo.git" import "$work/incidents.jsonl"
done
repo=$work/repo.git
files=$(git -C "$repo" ls-tree -r --name-only postmortems | wc -l)
loose=$(git -C "$repo" count-objects -v | awk '/^count:/ { print $2 }')
packs=$(git -C "$repo" count-objects -v | awk '/^packs:/ { print $2 }')
git -C "$repo" fsck --strict --no-dangling >/dev/null 2>&1 || { echo "git fsck --strict failed after the import" >&2; exit 1; }
echo "==> branch: $files files; $loose loose objects, $packs packs after the import" >&2

for _ in $(seq "$RUNS"); do
    measure archive git -C "$repo" archive --format=tar -o "$work/branch.tar" postmortems
    rm -rf "$work/site"
    measure site_full "$INQUEST_BIN" -C "$repo" site "$work/site"
    # One change to one incident, through the CLI, then the incremental run.
    id=$("$INQUEST_BIN" -C "$repo" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
    "$INQUEST_BIN" -C "$repo" set "$id" "summary=Changed at $(date +%s%N)" >/dev/null 2>&1
    measure site_incremental "$INQUEST_BIN" -C "$repo" site "$work/site" --json
    measure site_unchanged "$INQUEST_BIN" -C "$repo" site "$work/site"
done
written=$("$INQUEST_BIN" -C "$repo" set "$id" "summary=Again $(date +%s%N)" >/dev/null 2>&1;
          "$INQUEST_BIN" -C "$repo" site "$work/site" --json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["written"]))')

# median NAME: "seconds MiB cpu" (median by time of the runs; the memory and CPU of that run).
median() {
    sort -n "$work/$1" | awk -v n="$RUNS" '{ t[NR] = $1; m[NR] = $2; c[NR] = $3 } END { i = int((n + 1) / 2); printf "%.2f %.0f %.2f", t[i], m[i] / 1024, c[i] }'
}
read -r at am ac <<< "$(median archive)"
printf '| step (%s incidents, %s files) | wall s | CPU s | peak MiB | wall / git archive | CPU / git archive |\n|---|---|---|---|---|---|\n' "$N" "$files"
for step in import site_full site_incremental site_unchanged archive; do
    read -r t m c <<< "$(median "$step")"
    case $step in
        import) label="inquest import (one commit, packed)" ;;
        site_full) label="inquest site, first run" ;;
        site_incremental) label="inquest site, after one incident changed" ;;
        site_unchanged) label="inquest site, nothing changed" ;;
        archive) label="git archive of the branch (baseline)" ;;
    esac
    awk -v l="$label" -v t="$t" -v m="$m" -v c="$c" -v a="$at" -v ac="$ac" 'BEGIN {
        printf "| %s | %.2f | %.2f | %d | %.1fx | %.1fx |\n", l, t, c, m, (a > 0 ? t / a : 0), (ac > 0 ? c / ac : 0) }'
done
echo
echo "(median of $RUNS run(s), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end; an incremental run after one change rewrote $written pages; $INQUEST_BIN)"
