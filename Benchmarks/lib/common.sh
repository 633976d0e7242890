# shellcheck shell=bash
# Sourced by the benchmark scripts after lib/build.sh (which sets INQUEST_BIN).

# bench_hermetic HOME NAME EMAIL: HOME as the home folder, no system or global git config,
# UTC and the C locale, NAME <EMAIL> as the author and committer of what git writes, and
# the clock pinned where the generated data expects it (lib/generate-incidents.py keeps
# every time before it; the hooks refuse times in the future).
bench_hermetic() {
    export HOME="$1" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null TZ=UTC LC_ALL=C
    export GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$3"
    export GIT_COMMITTER_NAME="$2" GIT_COMMITTER_EMAIL="$3"
    export INQUEST_NOW=2026-11-28T12:00:00Z
}

# bench_repo REPO: a bare repository with `inquest init` run on it (unsigned).
bench_repo() {
    git init -q --bare "$1"
    "$INQUEST_BIN" -C "$1" init >/dev/null 2>&1
}

# bench_signed_repo REPO KEY: a bare repository whose commits git signs with the SSH key
# KEY (made here, no passphrase), and `inquest init` on it, so KEY is the trust root.
bench_signed_repo() {
    local repo=$1 key=$2
    ssh-keygen -q -t ed25519 -N "" -C "$(basename "$key")" -f "$key"
    git init -q --bare "$repo"
    git -C "$repo" config gpg.format ssh
    git -C "$repo" config user.signingkey "$key"
    git -C "$repo" config commit.gpgsign true
    "$INQUEST_BIN" -C "$repo" init >/dev/null
}

# median: the median of the numbers on stdin, one per line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_runs command...: RUNS runs (BEFORE, when set, is evaluated before each); prints
# "wall cpu", each the median in seconds. CPU is user + sys of every process the command
# starts: on a shared machine it is the steadier figure, wall time the one a person waits for.
time_runs() {
    local walls=() cpus=() line
    for _ in $(seq "$RUNS"); do
        [ -n "${BEFORE:-}" ] && eval "$BEFORE"
        line=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
        walls+=("$(echo "$line" | awk '{print $1}')")
        cpus+=("$(echo "$line" | awk '{print $2 + $3}')")
    done
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}
