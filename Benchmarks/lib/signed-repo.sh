# shellcheck shell=bash
# Sourced by the benchmarks that time signed histories (verify.sh, signoff.sh).

# bench_hermetic NAME EMAIL: a private HOME under $WORK, no system or global git config,
# UTC and the C locale, and NAME <EMAIL> as the author and committer of what git writes.
bench_hermetic() {
    export HOME="$WORK/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null TZ=UTC LC_ALL=C
    export GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$2"
    export GIT_COMMITTER_NAME="$1" GIT_COMMITTER_EMAIL="$2"
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
