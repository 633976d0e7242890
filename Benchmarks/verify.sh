#!/usr/bin/env bash
# `inquest verify` on a history of N SSH-signed commits (default 10,000): cold (no verdict
# cache), warm (cache from the cold run), against git reading the same history
# (`git rev-list --count` plus every commit object through `git cat-file --batch`), and
# `git verify-commit` per commit on a sample. Ratios are measured in the same run.
#
#   Benchmarks/verify.sh                         # 10,000 commits, median of 3 runs
#   N=2000 RUNS=5 Benchmarks/verify.sh
#   INQUEST_BIN=.build/debug/inquest Benchmarks/verify.sh
#
# The history is generated once and kept in $WORK (default /tmp/inquest-bench-verify-N):
# `inquest init` (signed, so its key is the trust root), N commits each adding a timeline
# event written with git fast-import, then every one of them signed in process by
# lib/sign-history.py (needs Python's `cryptography`), as `git commit -S` would sign it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
N="${N:-10000}"
RUNS="${RUNS:-3}"
SAMPLE="${SAMPLE:-50}"
WORK="${WORK:-/tmp/inquest-bench-verify-$N}"

# shellcheck source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"

# shellcheck source=lib/common.sh
source "$here/lib/common.sh"
bench_hermetic "$WORK/home" Bench bench@example.com
repo="$WORK/repo.git"

if [ ! -f "$WORK/ready" ]; then
    rm -rf "$WORK"
    mkdir -p "$HOME"
    bench_signed_repo "$repo" "$WORK/key"
    base=$(git -C "$repo" rev-parse postmortems)
    python3 - "$N" "$base" <<'PY' | git -C "$repo" fast-import --quiet
import sys
n, base = int(sys.argv[1]), sys.argv[2]
t = 1_790_000_000
out = sys.stdout
for i in range(n):
    body = (f"---\nid: EV-bench{i:06d}\nat: 2026-10-01T00:00:00Z\nkind: action\n---\n"
            f"Step {i} of the response.\n")
    msg = f"INC-bench: timeline EV-bench{i:06d}\n\nInquest-Records: EV-bench{i:06d}\n"
    out.write(f"commit refs/heads/postmortems\n"
              f"author Bench <bench@example.com> {t + i} +0000\n"
              f"committer Bench <bench@example.com> {t + i} +0000\n"
              f"data {len(msg)}\n{msg}")
    if i == 0:
        out.write(f"from {base}\n")
    out.write(f"M 100644 inline incidents/2026-10/INC-bench/timeline/{i:06d}.md\n"
              f"data {len(body)}\n{body}\n")
PY
    python3 "$here/lib/sign-history.py" "$repo" postmortems "$base" "$WORK/key" >/dev/null
    git -C "$repo" repack -adq
    git -C "$repo" prune --expire=now
    awk '{print "bench@example.com " $1 " " $2}' "$WORK/key.pub" > "$WORK/allowed_signers"
    touch "$WORK/ready"
fi

now() { date +%s.%N; }

count=$(git -C "$repo" rev-list --count postmortems)
baseline() { git -C "$repo" rev-list --count postmortems >/dev/null; git -C "$repo" rev-list postmortems | git -C "$repo" cat-file --batch >/dev/null; }
cache="$repo/inquest/verdicts.v2"
verify() { "$INQUEST_BIN" -C "$repo" verify "$@"; }

read -r git_wall git_cpu <<<"$(time_runs baseline)"
read -r cold_wall cold_cpu <<<"$(BEFORE="rm -f '$cache'" time_runs verify)"
verify >/dev/null 2>&1   # make sure the cache is there
read -r warm_wall warm_cpu <<<"$(time_runs verify)"
good=$(verify --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["counts"]["good"])')

sample=$(git -C "$repo" rev-list postmortems | awk -v n="$count" -v k="$SAMPLE" 'NR % int(n / k) == 1' | head -n "$SAMPLE")
s=$(now); ok=0
for c in $sample; do
    git -C "$repo" -c gpg.ssh.allowedSignersFile="$WORK/allowed_signers" verify-commit "$c" 2>/dev/null && ok=$((ok + 1))
done
per=$(echo "($(now) - $s) / $SAMPLE" | bc -l)

ratio() { echo "$1 / $2" | bc -l; }
printf 'commits: %d (inquest: %s good), median of %d runs, %s, load %s\n' "$count" "$good" "$RUNS" "$INQUEST_BIN" \
    "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)"
printf '%-42s %8s %8s %7s %7s\n' "" "wall s" "cpu s" "wall x" "cpu x"
printf '%-42s %8.3f %8.3f\n' "git rev-list --count + cat-file --batch" "$git_wall" "$git_cpu"
printf '%-42s %8.3f %8.3f %6.1fx %6.1fx\n' "inquest verify, cold (no verdict cache)" "$cold_wall" "$cold_cpu" \
    "$(ratio "$cold_wall" "$git_wall")" "$(ratio "$cold_cpu" "$git_cpu")"
printf '%-42s %8.3f %8.3f %6.1fx %6.1fx\n' "inquest verify, warm (cached)" "$warm_wall" "$warm_cpu" \
    "$(ratio "$warm_wall" "$git_wall")" "$(ratio "$warm_cpu" "$git_cpu")"
printf 'git verify-commit per commit (%d sampled, %d ok): %.1f ms wall -> about %.0f s for all %d\n' \
    "$SAMPLE" "$ok" "$(echo "$per * 1000" | bc -l)" "$(echo "$per * $count" | bc -l)" "$count"
