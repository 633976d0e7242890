# shellcheck shell=bash
# Sourced by every benchmark script: sets INQUEST_BIN to the binary to time. When it is not
# set already, builds the release binary exactly as scripts/install does (static Swift
# standard library, static libgit2 and SQLite: scripts/lib/static-libs.sh), so the figures
# are those of the installed tool.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ -z "${INQUEST_BIN:-}" ]; then
    # shellcheck source=../../scripts/lib/static-libs.sh
    ROOT=$bench_root source "$bench_root/scripts/lib/static-libs.sh"
    ROOT=$bench_root inquest_use_static_libs
    echo "==> swift build -c release --static-swift-stdlib --product inquest" >&2
    (cd "$bench_root" && swift build -c release --static-swift-stdlib --product inquest >&2)
    INQUEST_BIN=$(cd "$bench_root" && swift build -c release --static-swift-stdlib --show-bin-path)/inquest
fi
export INQUEST_BIN
