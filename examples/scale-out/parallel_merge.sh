#!/usr/bin/env bash
# Runs a koe summary tool over many shard files with GNU parallel, exactly:
# one `TOOL OPTIONS --partial SHARD` job per shard, then `TOOL OPTIONS --merge -`
# on their outputs, which equals a single `TOOL OPTIONS SHARD...` run byte for
# byte (--quote passes options such as month(date) past the shell). GNU parallel keeps each job's output whole (--group, its default), so
# the partial streams arrive one after another, in whatever order they finish.
#
#   examples/scale-out/parallel_merge.sh nps --by plan -- shards/*.csv
#   KOE_BIN=build JOBS=2 examples/scale-out/parallel_merge.sh segment --by region -- shards/*.csv
#
# Many hosts (koe installed on each; the shard sent there and removed after):
#   parallel --will-cite -S host1,host2 --transferfile {} --cleanup \
#     nps --by plan --partial {} ::: shards/*.csv | nps --by plan --merge -
set -euo pipefail
tool=$1
shift
options=()
while (($#)) && [ "$1" != -- ]; do
  options+=("$1")
  shift
done
[ "${1:-}" = -- ] || { echo "usage: $0 TOOL [OPTIONS...] -- SHARD..." >&2; exit 2; }
shift
command=${KOE_BIN:+$KOE_BIN/}$tool
parallel --will-cite --quote --halt now,fail=1 -j "${JOBS:-2}" "$command" "${options[@]}" --partial {} ::: "$@" |
  "$command" "${options[@]}" --merge -
