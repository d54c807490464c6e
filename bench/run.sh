#!/usr/bin/env bash
# koe's benchmark: `nps --by plan` side by side with the tools a user would otherwise reach
# for, on the same generated file, in one run (docs: ../shared/PRODUCT.md "Performance";
# bench/README.md here).
#
#   bench/run.sh [--rows N] [--runs K] [--slow-runs J] [--group-rows M]
#
#   --rows N        responses in the generated files (default 10000000: the size the
#                   targets are defined for, ~800 MB of CSV)
#   --runs K        timed runs of each fast command (default 5; one warm-up run before)
#   --slow-runs J   timed runs of Miller and pandas (default 2, at most K; no warm-up)
#   --group-rows M  responses in the many-groups file, grouped by id: M groups (default
#                   1000000: the size the target is defined for)
#
# Steps: installs what is missing (Debian packages; bench/node_modules by `npm ci`), makes
# bench/out/responses.csv and .ndjson with gen-responses (kept while the row count and seed
# match), and bench/out/responses-1m.csv for the many-groups job (`nps --by id`, every
# output format, against DuckDB), warms the page cache, runs every command once under
# /usr/bin/time (peak RSS) and checks that every peer's NPS per group agrees with
# `nps -o csv` to 2 decimals, times
# everything with hyperfine, counts nps's instructions with callgrind on a 100,000-row file,
# and writes bench/results/REPORT.md, bench/results/summary.json and hyperfine's raw JSON.
# Generated data stays in bench/out/ (git-ignored).
#
# Environment: KOE_BUILD_DIR (default build) is where nps and gen-responses are.
set -euo pipefail

rows=10000000
runs=5
slow_runs=
seed=1
group_rows=1000000
usage() { sed -n '6,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case "$1" in
    --rows) rows=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    --slow-runs) slow_runs=${2:?}; shift 2 ;;
    --group-rows) group_rows=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[[ $rows =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ && $group_rows =~ ^[1-9][0-9]*$ ]] ||
  { echo "run.sh: --rows, --runs and --group-rows take positive integers" >&2; exit 2; }
[[ -z $slow_runs ]] && slow_runs=$((runs < 2 ? runs : 2))
[[ $slow_runs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --slow-runs takes a positive integer" >&2; exit 2; }
((slow_runs > runs)) && slow_runs=$runs

started=$(date +%s)
load_at_start=$(cut -d" " -f1-3 /proc/loadavg)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${KOE_BUILD_DIR:-build}
out=bench/out
run_dir=$out/run
results=bench/results
py=/usr/bin/python3 # the python3 with pandas (another python3 may come first on PATH)
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- what the benchmark needs -------------------------------------------------------------
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v mlr >/dev/null || need+=(miller)
command -v valgrind >/dev/null || need+=(valgrind)
[[ -x /usr/bin/time ]] || need+=(time)
"$py" -c 'import pandas' 2>/dev/null || need+=(python3 python3-pandas)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [[ ! -x $build/nps || ! -x $build/gen-responses ]]; then
  log "building koe ($build)"
  KOE_BUILD_DIR=$build ./setup.sh build >&2
fi
if [[ ! -d bench/node_modules ]]; then
  log "installing DuckDB, Polars and ClickHouse (chdb) for Node (bench/package-lock.json)"
  # The registry reached here may lack some other platforms' optional binaries at the pinned
  # versions, which `npm ci` counts as a lock mismatch; `npm install` then installs the same
  # pinned packages (and leaves the lock as it is).
  npm ci --prefix bench --no-audit --no-fund --loglevel=error >&2 ||
    npm install --prefix bench --no-audit --no-fund --loglevel=error >&2
fi

mkdir -p "$out" "$run_dir" "$results"
rm -rf "${run_dir:?}"/*
mkdir -p "$run_dir/output" "$run_dir/rss"

# --- data ---------------------------------------------------------------------------------
csv=$out/responses.csv
quoted=$out/responses-quoted.csv
ndjson=$out/responses.ndjson
small=$out/responses-100k.csv
groups=$out/responses-1m.csv # the many-groups job: one group per id
group_column=id
stamp="rows=$rows seed=$seed"
for f in csv ndjson; do
  file=$out/responses.$f
  if [[ -s $file && -f $file.stamp && $(cat "$file.stamp") == "$stamp" ]]; then
    log "keeping $file ($stamp)"
  else
    log "generating $file ($stamp)"
    rm -f "$file.stamp"
    "$build/gen-responses" --rows "$rows" --seed "$seed" --format "$f" >"$file.tmp"
    mv "$file.tmp" "$file"
    echo "$stamp" >"$file.stamp"
  fi
done
if [[ -s $quoted && -f $quoted.stamp && $(cat "$quoted.stamp") == "$stamp" ]]; then
  log "keeping $quoted ($stamp)"
else
  log "generating $quoted ($stamp, --quoted: every comment quoted, most with commas, quotes or a line break)"
  rm -f "$quoted.stamp"
  "$build/gen-responses" --rows "$rows" --seed "$seed" --quoted >"$quoted.tmp"
  mv "$quoted.tmp" "$quoted"
  echo "$stamp" >"$quoted.stamp"
fi
group_stamp="rows=$group_rows seed=$seed"
if [[ -s $groups && -f $groups.stamp && $(cat "$groups.stamp") == "$group_stamp" ]]; then
  log "keeping $groups ($group_stamp)"
else
  log "generating $groups ($group_stamp)"
  rm -f "$groups.stamp"
  "$build/gen-responses" --rows "$group_rows" --seed "$seed" --format csv >"$groups.tmp"
  mv "$groups.tmp" "$groups"
  echo "$group_stamp" >"$groups.stamp"
fi
[[ -s $small ]] || "$build/gen-responses" --rows 100000 --seed "$seed" --format csv >"$small"

log "warming the page cache"
cat "$csv" "$quoted" "$ndjson" "$groups" >/dev/null

# --- the commands -------------------------------------------------------------------------
# job key label speed command; speed "slow" means --slow-runs runs and no warm-up.
nps=$build/nps
commands=$run_dir/commands.tsv
{
  printf 'csv\tcat\tcat\tfast\tcat %s > /dev/null\n' "$csv"
  printf 'csv\twc\twc -l\tfast\twc -l %s\n' "$csv"
  printf 'csv\tnps\tnps\tfast\t%s --by plan -q -o csv %s\n' "$nps" "$csv"
  printf 'csv\tduckdb\tDuckDB\tfast\tnode bench/peers/duckdb_nps.mjs csv %s\n' "$csv"
  printf 'csv\tpolars\tPolars\tfast\tnode bench/peers/polars_nps.mjs %s\n' "$csv"
  printf 'csv\tchdb\tClickHouse (chdb)\tfast\tnode bench/peers/chdb_nps.mjs csv %s\n' "$csv"
  printf 'csv\tmiller\tMiller\tslow\tbash bench/peers/miller_nps.sh %s\n' "$csv"
  printf 'csv\tpandas\tpandas\tslow\t%s bench/peers/pandas_nps.py %s\n' "$py" "$csv"
  printf 'quoted\tcat\tcat\tfast\tcat %s > /dev/null\n' "$quoted"
  printf 'quoted\twc\twc -l\tfast\twc -l %s\n' "$quoted"
  printf 'quoted\tnps\tnps\tfast\t%s --by plan -q -o csv %s\n' "$nps" "$quoted"
  printf 'quoted\tduckdb\tDuckDB\tfast\tnode bench/peers/duckdb_nps.mjs csv %s\n' "$quoted"
  printf 'quoted\tpolars\tPolars\tfast\tnode bench/peers/polars_nps.mjs %s\n' "$quoted"
  printf 'quoted\tchdb\tClickHouse (chdb)\tfast\tnode bench/peers/chdb_nps.mjs csv %s\n' "$quoted"
  printf 'ndjson\tcat\tcat\tfast\tcat %s > /dev/null\n' "$ndjson"
  printf 'ndjson\twc\twc -l\tfast\twc -l %s\n' "$ndjson"
  printf 'ndjson\tnps\tnps\tfast\t%s --by plan -q -o csv %s\n' "$nps" "$ndjson"
  printf 'ndjson\tduckdb\tDuckDB\tfast\tnode bench/peers/duckdb_nps.mjs ndjson %s\n' "$ndjson"
  printf 'ndjson\tchdb\tClickHouse (chdb)\tfast\tnode bench/peers/chdb_nps.mjs ndjson %s\n' "$ndjson"
  # Many groups: key nps is the CSV output (the check's reference), nps-FORMAT the others.
  for format in csv table json ndjson md; do
    key=nps
    [[ $format == csv ]] || key=nps-$format
    printf 'groups\t%s\tnps -o %s\tfast\t%s --by %s -q -o %s %s\n' "$key" "$format" "$nps" "$group_column" "$format" "$groups"
  done
  printf 'groups\tduckdb\tDuckDB\tfast\tnode bench/peers/duckdb_nps.mjs csv %s %s\n' "$groups" "$group_column"
  printf 'groups\tpolars\tPolars\tfast\tnode bench/peers/polars_nps.mjs %s %s\n' "$groups" "$group_column"
  printf 'groups\tchdb\tClickHouse (chdb)\tfast\tnode bench/peers/chdb_nps.mjs csv %s %s\n' "$groups" "$group_column"
} >"$commands"

# --- one run of each under /usr/bin/time: peak RSS, and the output for the check ---------
log "one run of each command: output and peak RSS"
failed=$run_dir/failed.tsv
: >"$failed"
while IFS=$'\t' read -r job key label speed cmd; do
  id=$job-$key
  if /usr/bin/time -f %M -o "$run_dir/rss/$id" sh -c "$cmd" >"$run_dir/output/$id.csv" 2>"$run_dir/output/$id.err"; then
    log "  $job $label: $(cat "$run_dir/rss/$id") kB peak RSS"
  else
    printf '%s\t%s\n' "$job" "$key" >>"$failed"
    log "  $job $label FAILED (left out of the timing): $(tail -n 3 "$run_dir/output/$id.err" | tr '\n' ' ')"
  fi
done <"$commands"

log "checking every peer's NPS per group against nps -o csv"
"$py" bench/report.py check "$run_dir" | tee "$run_dir/check.txt" >&2 || true

# --- timing -------------------------------------------------------------------------------
loads=()
time_job() { # job speed json
  local job=$1 speed=$2 json=$3 args=()
  loads+=("load_before_$(basename "$json" .json | sed 's/^hyperfine-//; s/-/_/g')=$(cut -d' ' -f1-3 /proc/loadavg)")
  while IFS=$'\t' read -r j key label s cmd; do
    [[ $j == "$job" && $s == "$speed" ]] || continue
    grep -qx "$j"$'\t'"$key" "$failed" && continue
    args+=(--command-name "$label" "$cmd")
  done <"$commands"
  ((${#args[@]})) || return 0
  if [[ $speed == fast ]]; then
    hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$json" "${args[@]}" >&2
  else
    hyperfine --style basic --runs "$slow_runs" --export-json "$json" "${args[@]}" >&2
  fi
}
rm -f "$results"/hyperfine-*.json
log "timing the CSV job ($runs runs each)"
time_job csv fast "$results/hyperfine-csv.json"
log "timing the slow CSV peers ($slow_runs runs each)"
time_job csv slow "$results/hyperfine-csv-slow.json"
log "timing the quoted-comments CSV job ($runs runs each)"
time_job quoted fast "$results/hyperfine-quoted.json"
log "timing the NDJSON job ($runs runs each)"
time_job ndjson fast "$results/hyperfine-ndjson.json"
log "timing the many-groups job ($runs runs each)"
time_job groups fast "$results/hyperfine-groups.json"

# --- instructions per input byte ----------------------------------------------------------
log "counting instructions of nps --by plan on $small (callgrind)"
callgrind_cmd="valgrind --tool=callgrind --callgrind-out-file=$run_dir/callgrind.out $nps --by plan -q -o csv $small"
$callgrind_cmd >/dev/null 2>"$run_dir/callgrind.err" || log "callgrind failed: $(tail -n 3 "$run_dir/callgrind.err")"

# --- report -------------------------------------------------------------------------------
finished=$(date +%s)
{
  echo "rows=$rows"
  echo "seed=$seed"
  echo "runs=$runs"
  echo "slow_runs=$slow_runs"
  echo "started=$started"
  echo "finished=$finished"
  echo "csv=$csv"
  echo "quoted=$quoted"
  echo "ndjson=$ndjson"
  echo "small=$small"
  echo "groups=$groups"
  echo "group_rows=$group_rows"
  echo "group_column=$group_column"
  echo "invocation=bench/run.sh --rows $rows --runs $runs --slow-runs $slow_runs --group-rows $group_rows"
  echo "callgrind_cmd=$callgrind_cmd"
  echo "load_at_start=$load_at_start"
  printf '%s\n' "${loads[@]}"
  echo "load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$run_dir/meta.txt"
"$py" bench/report.py report "$run_dir" "$results"
log "done in $((finished - started)) s: $results/REPORT.md"
