#!/usr/bin/env bash
# `inquest sync` with signing on against the same sync unsigned, on N changed records
# (default 1,000), with Inquest's hooks installed on the client (pre-push) and the server
# (pre-receive), so every signature check a real push makes is in the figure.
#
#   Benchmarks/sync-signing.sh                   # 1,000 records, median of 3 runs
#   N=200 RUNS=5 Benchmarks/sync-signing.sh
#   INQUEST_BIN=.build/debug/inquest Benchmarks/sync-signing.sh
#
# For each variant, in $WORK/<variant> (default /tmp/inquest-bench-sync-signing-N): a bare
# server; clone A runs `inquest init` and adds N incidents
# (lib/generate-incidents.py through git fast-import); in the signed variant every commit
# is then signed with A's SSH key in process (lib/sign-history.py), and `init` made that
# key the trust root. A pushes; the server gets `hooks install --server`; B clones. A changes every incident's owner and pushes; B
# changes every title (both reopen every incident, so the hook
# judges them as open ones; both through fast-import, signed in the signed variant). Then, timed,
# B runs `inquest sync`: fetch, merge of N records, merge commit, push through both hooks.
# Before each run the server's and B's refs are put back and the verdict caches deleted,
# so each run verifies the history from scratch (the worst case).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
N="${N:-1000}"
RUNS="${RUNS:-3}"
WORK="${WORK:-/tmp/inquest-bench-sync-signing-$N}"

# shellcheck source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"
# shellcheck source=lib/common.sh
source "$here/lib/common.sh"
# HOME is each variant's own (setup, below).
bench_hermetic "$WORK" Bench bench@example.com
# The hooks run `inquest hook …` found on PATH, as on a real machine.
mkdir -p "$WORK/bin"
ln -sf "$(cd "$(dirname "$INQUEST_BIN")" && pwd)/$(basename "$INQUEST_BIN")" "$WORK/bin/inquest"
export PATH="$WORK/bin:$PATH"

setup() { # variant: signed | unsigned
    local v=$1 d="$WORK/$1"
    rm -rf "$d"; mkdir -p "$d/home"
    export HOME="$d/home"
    ssh-keygen -q -t ed25519 -N "" -C bench -f "$d/key"
    git init -q --bare "$d/server.git"
    git init -q -b main "$d/a"
    sign() { # repo: signing configuration of the variant
        if [ "$v" = signed ]; then
            git -C "$1" config gpg.format ssh; git -C "$1" config user.signingkey "$d/key"
            git -C "$1" config commit.gpgsign true
        else
            git -C "$1" config commit.gpgsign false
        fi
    }
    sign "$d/a"
    inquest -C "$d/a" init >/dev/null
    local base; base=$(git -C "$d/a" rev-parse postmortems)
    python3 "$here/lib/generate-incidents.py" "$N" | git -C "$d/a" fast-import --quiet
    [ "$v" = signed ] && python3 "$here/lib/sign-history.py" "$d/a" postmortems "$base" "$d/key" >/dev/null
    # The seed goes in before the server hook: its incidents are in every state, and the
    # hook would (rightly) refuse the ones approved without a sign-off.
    git -C "$d/a" push -q "$d/server.git" postmortems
    (cd "$d/server.git" && inquest hooks install --server >/dev/null)
    git clone -q --no-local "$d/server.git" "$d/b"
    git -C "$d/b" branch -q postmortems origin/postmortems
    sign "$d/b"
    (cd "$d/b" && inquest hooks install >/dev/null)
    for side in a:owner b:title; do
        local r="$d/${side%%:*}" f="${side##*:}" before
        before=$(git -C "$r" rev-parse postmortems)
        python3 "$here/lib/edit-incidents.py" "$r" postmortems "$f" | git -C "$r" fast-import --quiet
        [ "$v" = signed ] && python3 "$here/lib/sign-history.py" "$r" postmortems "$before" "$d/key" >/dev/null
    done
    git -C "$d/a" push -q "$d/server.git" postmortems
    git -C "$d/server.git" rev-parse postmortems > "$d/server.tip"
    git -C "$d/b" rev-parse postmortems > "$d/b.tip"
    git -C "$d/b" rev-parse origin/postmortems > "$d/b.origin"
}

run() { # variant: prints "wall cpu" medians
    local v=$1 d="$WORK/$1" walls=() cpus=() line
    export HOME="$d/home"
    for _ in $(seq "$RUNS"); do
        git -C "$d/server.git" update-ref refs/heads/postmortems "$(cat "$d/server.tip")"
        git -C "$d/b" update-ref refs/heads/postmortems "$(cat "$d/b.tip")"
        git -C "$d/b" update-ref refs/remotes/origin/postmortems "$(cat "$d/b.origin")"
        rm -f "$d/b/.git/inquest/verdicts.v2" "$d/server.git/inquest/verdicts.v2"
        line=$( { TIMEFORMAT='%R %U %S'; time inquest -C "$d/b" sync >/dev/null 2>"$d/sync.err"; } 2>&1 ) || {
            echo "sync failed ($v):"; cat "$d/sync.err"; exit 1; }
        walls+=("$(echo "$line" | awk '{print $1}')"); cpus+=("$(echo "$line" | awk '{print $2 + $3}')")
    done
    [ "$(git -C "$d/server.git" rev-parse postmortems)" != "$(cat "$d/server.tip")" ] || { echo "sync pushed nothing ($v)"; exit 1; }
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

[ -f "$WORK/signed/b.tip" ] || setup signed >"$WORK/setup.log" 2>&1
[ -f "$WORK/unsigned/b.tip" ] || setup unsigned >>"$WORK/setup.log" 2>&1
read -r s_wall s_cpu <<<"$(run signed)"
read -r u_wall u_cpu <<<"$(run unsigned)"
awk '{print "bench@example.com " $1 " " $2}' "$WORK/signed/key.pub" > "$WORK/signed/allowed_signers"
merge=$(git -C "$WORK/signed/b" -c gpg.ssh.allowedSignersFile="$WORK/signed/allowed_signers" \
    log -1 --format='%G? %s' postmortems)
printf 'inquest sync, %d records changed on each side, median of %d runs, %s, load %s\n' "$N" "$RUNS" \
    "$INQUEST_BIN" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)"
printf '%-34s %8s %8s\n' "" "wall s" "cpu s"
printf '%-34s %8.3f %8.3f\n' "unsigned" "$u_wall" "$u_cpu"
printf '%-34s %8.3f %8.3f\n' "signed (SSH), hooks verifying" "$s_wall" "$s_cpu"
printf '%-34s %7.2fx %7.2fx\n' "ratio signed / unsigned" "$(echo "$s_wall / $u_wall" | bc -l)" "$(echo "$s_cpu / $u_cpu" | bc -l)"
printf 'signed variant, merge commit: %s\n' "$merge"
