#!/usr/bin/env bash
# segment's cost against nps --by with the same dimensions, on the benchmark file: the same
# scan, plus the comparisons (issue: "segment costs no more than nps --by").
#
#   bench/segment/run.sh [--rows N] [--runs K]
#
# Uses bench/out/responses.csv when it has N rows (bench/run.sh makes it), else generates it
# with gen-responses (seed 1). Times each pair with hyperfine in one run, the file in page
# cache, and writes bench/segment/results/REPORT.md and hyperfine's JSON beside it.
set -euo pipefail
rows=10000000
runs=5
while (($#)); do
  case "$1" in
    --rows) rows=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    *) echo "usage: bench/segment/run.sh [--rows N] [--runs K]" >&2; exit 2 ;;
  esac
done
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=${KOE_BUILD_DIR:-build}
out=bench/out
results=bench/segment/results
mkdir -p "$out" "$results"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
data=$out/responses.csv
stamp=$out/responses.csv.rows
if [[ ! -s $data || "$(cat "$stamp" 2>/dev/null)" != "$rows 1" ]]; then
  "$build/gen-responses" --rows "$rows" --seed 1 > "$data"
  echo "$rows 1" > "$stamp"
fi
cat "$data" > /dev/null  # page cache

pairs=(
  "plan"
  "month(date)"
  "region,plan"
)
commands=()
for by in "${pairs[@]}"; do
  commands+=("$build/nps -q -o csv --by '$by' $data" "$build/segment -q -o csv --by '$by' $data")
done
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$results/hyperfine.json" \
  "${commands[@]}" > "$results/hyperfine.txt"

/usr/bin/python3 - "$results" "$rows" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys, pathlib
results, rows, cores, load = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
runs = json.loads((results / "hyperfine.json").read_text())["results"]
lines = ["# segment vs nps --by: the same scan", "",
         f"{rows:,} responses (bench/out/responses.csv, gen-responses seed 1), file in page cache, "
         f"{cores} cores, load average after the run {load}. Means of hyperfine runs; the ratio "
         "is what counts (machines of one kind differ 2-3x in absolute speed).", "",
         "| --by | nps (s) | segment (s) | segment / nps |", "|---|---:|---:|---:|"]
for i in range(0, len(runs), 2):
    nps, seg = runs[i], runs[i + 1]
    by = nps["command"].split("--by '")[1].split("'")[0]
    lines.append(f"| `{by}` | {nps['mean']:.3f} ± {nps['stddev']:.3f} | "
                 f"{seg['mean']:.3f} ± {seg['stddev']:.3f} | {seg['mean'] / nps['mean']:.3f} |")
lines += ["", "Commands: `nps -q -o csv --by DIM FILE` and `segment -q -o csv --by DIM FILE` "
          "(NPS; segment adds each group's comparison with the rest or the previous period, "
          "the adjustment and the findings)."]
(results / "REPORT.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
PY
