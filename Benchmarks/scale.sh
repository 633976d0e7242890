#!/usr/bin/env bash
# Inquest at 1,000 and 10,000 incidents against Fossil's tickets, in one run: new, list,
# show, search, --version, list on a cold index against git cat-file, new at 10,000 against
# new at 100, followups and stats, and peak memory of each. Prints a Markdown table
# (Benchmarks/README.md has the last one).
#
#   Benchmarks/scale.sh                    # release build (static stdlib), 1,000 and 10,000
#   RUNS=21 Benchmarks/scale.sh 1000       # other sizes, more runs per figure
#   INQUEST_BIN=path Benchmarks/scale.sh   # time that binary instead of building
#
# Needs fossil (Debian: apt-get install fossil), git and python3.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v fossil >/dev/null || { echo "error: fossil is not installed (apt-get install -y fossil)" >&2; exit 1; }
# shellcheck source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"
exec python3 "$ROOT/Benchmarks/lib/scale.py" "$INQUEST_BIN" "$@"
