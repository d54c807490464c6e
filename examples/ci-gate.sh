#!/usr/bin/env bash
# Fails (exit 1) when the overall NPS is under FLOOR or fewer than MIN_N answers are valid;
# a malformed export fails with exit 3, a usage mistake with exit 2. Prints the overall
# result as JSON for the CI log.
#
#   examples/ci-gate.sh EXPORT.csv FLOOR MIN_N
#
# nps is taken from $KOE_BIN when set, else from the build/ folder of the koe clone this
# script is in, else from PATH.
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "usage: $0 EXPORT.csv FLOOR MIN_N" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${KOE_BIN:-}
[[ -z $bin && -x $root/build/nps ]] && bin=$root/build
"${bin:+$bin/}nps" --fail-under "$2" --min-n "$3" -o ndjson "$1"
