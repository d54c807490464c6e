#!/usr/bin/env bash
# drivers' cost against nps --by on the benchmark file (issue 17: with 3 drivers, no more than
# 2x nps --by on the same file). Both read the file once; drivers parses four columns per row
# (the outcome and three drivers) into its sums, nps one.
#
#   bench/drivers/run.sh [--rows N] [--runs K]
#
# Uses bench/out/responses.csv when it has N rows (bench/run.sh makes it), else generates it
# with gen-responses (seed 1). Its answer columns are score (0-10), csat (1-5) and ces (1-7);
# a third rating, ease (1-5, a function of the line number), is appended to every line to make
# bench/out/responses-drivers.csv (the generated file has no line breaks inside fields), and
# both tools read that file. The model: score on csat, ces and ease, on the scale 1-7. Times
# the commands with hyperfine in one run, the file in page cache, and writes
# bench/drivers/results/REPORT.md and hyperfine's JSON.
set -euo pipefail
rows=10000000
runs=5
while (($#)); do
  case "$1" in
    --rows) rows=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    *) echo "usage: bench/drivers/run.sh [--rows N] [--runs K]" >&2; exit 2 ;;
  esac
done
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=${KOE_BUILD_DIR:-build}
out=bench/out
results=bench/drivers/results
mkdir -p "$out" "$results"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
data=$out/responses.csv
stamp=$out/responses.csv.rows
if [[ ! -s $data || "$(cat "$stamp" 2>/dev/null)" != "$rows 1" ]]; then
  "$build/gen-responses" --rows "$rows" --seed 1 > "$data"
  echo "$rows 1" > "$stamp"
fi
wide=$out/responses-drivers.csv
if [[ ! -s $wide || $wide -ot $data ]]; then
  awk 'NR == 1 { print $0 ",ease"; next } { print $0 "," (NR * 7) % 5 + 1 }' "$data" > "$wide"
fi
data=$wide
cat "$data" > /dev/null  # page cache

drivers="$build/drivers -q -o csv --outcome score --drivers csat,ces,ease --scale 1-7"
commands=(
  "$build/nps -q -o csv --by plan $data"
  "$drivers $data"
  "$drivers --by plan $data"
  "$drivers --method shapley --by plan $data"
)
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$results/hyperfine.json" \
  "${commands[@]}" > "$results/hyperfine.txt"

/usr/bin/python3 - "$results" "$rows" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys, pathlib
results, rows, cores, load = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
runs = json.loads((results / "hyperfine.json").read_text())["results"]
nps = runs[0]
lines = ["# drivers vs nps --by plan: one pass each", "",
         f"{rows:,} responses (bench/out/responses.csv, gen-responses seed 1), file in page cache, "
         f"{cores} cores, load average after the run {load}. Means of hyperfine runs; the ratio "
         "is what counts (machines of one kind differ 2-3x in absolute speed). Target: 2x or "
         "less.", "",
         "| command | seconds | / nps --by plan |", "|---|---:|---:|"]
for run in runs:
    command = run["command"].replace(str(pathlib.Path.cwd()) + "/", "")
    command = " ".join(w for w in command.split() if not w.endswith(".csv"))
    command = command.split("/")[-1]
    lines.append(f"| `{command}` | {run['mean']:.3f} ± {run['stddev']:.3f} | "
                 f"{run['mean'] / nps['mean']:.2f} |")
lines += ["", "drivers: the outcome (score) and three drivers (csat, ces, ease) parsed per row "
          "into exact sums dealt to 20 jackknife groups, in the row's group and overall; the "
          "analyses are finished from the sums. The files: bench/out/responses-drivers.csv "
          "(the benchmark file with an ease column appended), read by both tools."]
(results / "REPORT.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
PY
