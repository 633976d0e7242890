#!/usr/bin/env bash
# The sign-off gate (policy `signoff_by_other`) on N approved incidents (default 1,000):
# `inquest check` judges every incident's approvals against the signatures of the commits
# that created and approved it. It must read the history once per run, not once per
# incident: the stats line (INQUEST_STATS=1) gives the count of history passes, origin
# scans and commits read, beside the commits git counts, cold (no verdict cache) and warm.
#
#   Benchmarks/signoff.sh                         # 1,000 incidents, median of 3 runs
#   N=200 RUNS=5 Benchmarks/signoff.sh
#   INQUEST_BIN=.build-release/release/inquest Benchmarks/signoff.sh
#
# The history is generated once and kept in $WORK (default /tmp/inquest-bench-signoff-N):
# `inquest init` by Alice (her SSH key the first trust root), `inquest trust add` of Bob's
# key, then, written with git fast-import, a policy that gates `approved` on
# `signoff_by_other` for every incident, N commits by Alice each creating an incident at
# `approved`, and N commits by Bob each recording his approval of one; every commit signed
# by its author's key in process (lib/sign-history.py, needs Python's `cryptography`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
N="${N:-1000}"
RUNS="${RUNS:-3}"
WORK="${WORK:-/tmp/inquest-bench-signoff-$N}"

# shellcheck source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"

# shellcheck source=lib/common.sh
source "$here/lib/common.sh"
bench_hermetic "$WORK/home" Alice alice@example.com
repo="$WORK/repo.git"

if [ ! -f "$WORK/ready" ]; then
    rm -rf "$WORK"
    mkdir -p "$HOME"
    bench_signed_repo "$repo" "$WORK/alice"
    ssh-keygen -q -t ed25519 -N "" -C bob -f "$WORK/bob"
    "$INQUEST_BIN" -C "$repo" trust add "$WORK/bob.pub" --owner "Bob <bob@example.com>" >/dev/null
    base=$(git -C "$repo" rev-parse postmortems)
    bobkey=$(ssh-keygen -lf "$WORK/bob.pub" | awk '{print $2}')
    python3 - "$N" "$base" "$bobkey" <<'PY' | git -C "$repo" fast-import --quiet
import sys
n, base, bobkey = int(sys.argv[1]), sys.argv[2], sys.argv[3]
t = 1_790_000_000
out = sys.stdout
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
def rid(i):
    s = ""
    for _ in range(10):
        s = ALPHABET[i % 32] + s
        i //= 32
    return "INC-" + s
def incident(i, approved):
    approvals = (f"approvals:\n  - {{by: Bob, email: bob@example.com, key: \"{bobkey}\", at: 2026-10-02T00:00:00Z}}\n"
                 if approved else "")
    return (f"---\nid: {rid(i)}\ntitle: Incident {i} of the benchmark\nseverity: sev3\nstatus: approved\n"
            f"customer_impact: false\ndata_breach: false\nowner: alice\ncreated: 2026-10-01T00:00:00Z\n"
            f"started:\ndetected:\ncontained:\nresolved:\ntags: []\n{approvals}---\n\n## Summary\n\nIncident {i}.\n")
def commit(msg, who, email, when, files, first=False):
    out.write(f"commit refs/heads/postmortems\nauthor {who} <{email}> {when} +0000\n"
              f"committer {who} <{email}> {when} +0000\ndata {len(msg)}\n{msg}")
    if first:
        out.write(f"from {base}\n")
    for path, body in files:
        out.write(f"M 100644 inline {path}\ndata {len(body)}\n{body}\n")
policy = "version: 1\ngates:\n  approved:\n    signoff_by_other: true\nevery_incident:\n  gates:\n    approved:\n      signoff_by_other: true\n"
commit("policy: every approved incident needs a sign-off by another\n", "Alice", "alice@example.com", t,
       [(".inquest/policy.yml", policy)], first=True)
path = lambda i: f"incidents/2026-10/{rid(i)}/incident.md"
for i in range(n):
    commit(f"new {rid(i)}: Incident {i}\n\nInquest-Records: {rid(i)}\n", "Alice", "alice@example.com", t + 1 + i,
           [(path(i), incident(i, False))])
for i in range(n):
    commit(f"{rid(i)}: approved by Bob <bob@example.com>\n\nInquest-Records: {rid(i)}\n", "Bob", "bob@example.com",
           t + 1 + n + i, [(path(i), incident(i, True))])
PY
    python3 "$here/lib/sign-history.py" "$repo" postmortems "$base" "$WORK/alice" "bob@example.com=$WORK/bob" >/dev/null
    git -C "$repo" repack -adq
    git -C "$repo" prune --expire=now
    touch "$WORK/ready"
fi

count=$(git -C "$repo" rev-list --count postmortems)
cache="$repo/inquest/verdicts.v2"
check() { "$INQUEST_BIN" -C "$repo" --no-index check; }
# The gate's verdict, and what one run read (the stats line on stderr).
stats() { INQUEST_STATS=1 "$INQUEST_BIN" -C "$repo" --no-index check 2>&1 >/dev/null | sed -n 's/^inquest stats: //p'; }
problems=$("$INQUEST_BIN" -C "$repo" --no-index check 2>/dev/null | grep -c . || true)
rm -f "$cache"; cold_stats=$(stats)
warm_stats=$(stats)
baseline() { git -C "$repo" rev-list --count postmortems >/dev/null; git -C "$repo" rev-list postmortems | git -C "$repo" cat-file --batch >/dev/null; }
read -r git_wall git_cpu <<<"$(time_runs baseline)"
read -r cold_wall cold_cpu <<<"$(BEFORE="rm -f '$cache'" time_runs check)"
check >/dev/null 2>&1 || true
read -r warm_wall warm_cpu <<<"$(time_runs check)"

ratio() { echo "$1 / $2" | bc -l; }
printf '%d approved incidents, %d commits, median of %d runs, %s, load %s\n' "$N" "$count" "$RUNS" "$INQUEST_BIN" \
    "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)"
printf 'problems reported by check: %d (0: every approval counted)\n' "$problems"
printf 'cold: %s\nwarm: %s\n' "$cold_stats" "$warm_stats"
printf '%-42s %8s %8s %7s %7s\n' "" "wall s" "cpu s" "wall x" "cpu x"
printf '%-42s %8.3f %8.3f\n' "git rev-list --count + cat-file --batch" "$git_wall" "$git_cpu"
printf '%-42s %8.3f %8.3f %6.1fx %6.1fx\n' "inquest check, cold (no verdict cache)" "$cold_wall" "$cold_cpu" \
    "$(ratio "$cold_wall" "$git_wall")" "$(ratio "$cold_cpu" "$git_cpu")"
printf '%-42s %8.3f %8.3f %6.1fx %6.1fx\n' "inquest check, warm (cached)" "$warm_wall" "$warm_cpu" \
    "$(ratio "$warm_wall" "$git_wall")" "$(ratio "$warm_cpu" "$git_cpu")"
