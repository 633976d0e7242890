# shellcheck shell=bash
# Shared by scripts/demo, scripts/test and .ci/run: installs the Debian packages Inquest
# needs to build and run, but only when one of them is missing.
#
#   libgit2-dev   libgit2 headers and library (the CGit2 module links "git2")
#   libsqlite3-dev  SQLite with FTS5 for the derived index (GRDB links the system library)
#   sqlite3       the tests inspect the index with SQLite's own shell
#   pkg-config    how SwiftPM finds libgit2
#   git           the tests and the demo check what Inquest wrote with git itself
#   gpg           signing (OpenPGP), as git runs it
#   openssh-client  ssh-keygen, for ssh signing, as git runs it
#   cmark-gfm     GitHub's CommonMark parser: tests parse `inquest diff --format markdown` with it

# The static archives of libgit2-dev's own dependencies come with it (see static-libs.sh).
INQUEST_APT_PACKAGES=(libgit2-dev libsqlite3-dev sqlite3 pkg-config git gpg openssh-client cmark-gfm)

# Prints the packages of INQUEST_APT_PACKAGES that are not installed.
inquest_missing_packages() {
    local pkg info
    for pkg in "${INQUEST_APT_PACKAGES[@]}"; do
        # No pipe into grep -q here: with pipefail, an early exit of grep could read as "missing".
        info=$(dpkg -s "$pkg" 2>/dev/null) || info=""
        if [[ "$info" != *"Status: install ok installed"* ]]; then
            echo "$pkg"
        fi
    done
    # The commands themselves, in case they came from somewhere other than dpkg.
    command -v pkg-config >/dev/null 2>&1 || echo pkg-config
    command -v git >/dev/null 2>&1 || echo git
}

# Runs a command as root: directly when we are root, else through sudo.
inquest_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: '$*' needs root; run this script as root or install sudo" >&2
        return 1
    fi
}

# Installs the packages when any is missing (apt-get update first), then checks that a
# Swift toolchain is on PATH (it does not come from Debian's archive).
inquest_install_deps() {
    local missing
    missing=$(inquest_missing_packages | sort -u | tr '\n' ' ')
    if [ -n "${missing// /}" ]; then
        if ! command -v apt-get >/dev/null 2>&1; then
            echo "error: missing packages: $missing; this script installs them with apt-get (Debian/Ubuntu) only" >&2
            return 1
        fi
        echo "==> Installing missing system packages: $missing" >&2
        inquest_as_root apt-get update
        inquest_as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y "${INQUEST_APT_PACKAGES[@]}"
    else
        echo "==> System packages present: ${INQUEST_APT_PACKAGES[*]}" >&2
    fi
    if ! command -v swift >/dev/null 2>&1; then
        echo "error: no 'swift' on PATH; install a Swift 6 toolchain (swift.org) first" >&2
        return 1
    fi
    # Builds that follow link libgit2 and SQLite statically (scripts/lib/static-libs.sh).
    if [ -n "${ROOT:-}" ]; then
        inquest_use_static_libs
    fi
}

# shellcheck source=static-libs.sh
source "$(dirname "${BASH_SOURCE[0]}")/static-libs.sh"
