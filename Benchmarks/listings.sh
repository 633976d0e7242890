#!/usr/bin/env bash
# followups --open, stats, list and list --json with a warm index at N incidents (default
# 10,000), for two builds of inquest in the same run (Benchmarks/README.md, `listings.sh`).
#
#   Benchmarks/listings.sh BEFORE_BIN AFTER_BIN [N]
#   RUNS=11 Benchmarks/listings.sh old/inquest .build-release/release/inquest 1000
#
# Needs fossil (Debian: apt-get install fossil), git and python3.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 2 ] || { echo "usage: $0 BEFORE_BIN AFTER_BIN [N]" >&2; exit 2; }
command -v fossil >/dev/null || { echo "error: fossil is not installed (apt-get install -y fossil)" >&2; exit 1; }
exec python3 "$ROOT/Benchmarks/lib/listings.py" "$@"
