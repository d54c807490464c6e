#!/usr/bin/env bash
# Fails (exit 1) when the overall NPS is under FLOOR or fewer than MIN_N answers are valid;
# a malformed export fails with exit 3. Prints the overall result as JSON for the CI log.
# usage: ci-gate.sh EXPORT.csv FLOOR MIN_N
set -euo pipefail
nps_bin=${NPS:-nps}
"$nps_bin" --fail-under "$2" --min-n "$3" -o ndjson "$1"
