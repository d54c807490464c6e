#!/usr/bin/env bash
# koe's rca-tag benchmark: root-cause tagging with a 500-rule taxonomy on one core, in MB/s
# of comment text (target in ../../../shared/PRODUCT.md "Performance": 100 MB/s or more of
# comment text per core; bench/README.md here).
#
#   bench/rca/run.sh [--rows N] [--runs K]
#
#   --rows N   responses in the generated file (default 1000000, ~78 MB of CSV)
#   --runs K   timed runs of each command (default 5; one warm-up run before)
#
# Steps: installs what is missing (Debian packages), writes the 500-rule taxonomy
# (make_taxonomy.py) and a 1-rule one, makes bench/out/rca/responses.csv with gen-responses
# (kept while the row count and seed match), counts its comment bytes (the sum of the
# comment fields' bytes, once, with /usr/bin/python3's csv), runs every command once under
# /usr/bin/time (peak RSS) and checks that --engine auto and --engine re2 write
# byte-identical rows (and summaries), times everything with hyperfine pinned to one core
# (taskset -c 0; the rows once more on two threads, unpinned, for the speed-up, with their
# output held to one core's byte for byte), counts instructions with callgrind on a 20,000-row file, and writes
# bench/rca/results/REPORT.md, summary.json, callgrind.txt and hyperfine's JSON.
# Generated data stays in bench/out/rca/ (git-ignored).
#
# Environment: KOE_BUILD_DIR (default build) is where rca-tag and gen-responses are.
set -euo pipefail

rows=1000000
runs=5
seed=1
small_rows=20000
usage() { sed -n '6,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while (($#)); do
  case "$1" in
    --rows) rows=${2:?}; shift 2 ;;
    --runs) runs=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[[ $rows =~ ^[1-9][0-9]*$ && $runs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --rows and --runs take positive integers" >&2; exit 2; }

started=$(date +%s)
load_at_start=$(cut -d" " -f1-3 /proc/loadavg)
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
build=${KOE_BUILD_DIR:-build}
out=bench/out/rca
run_dir=$out/run
results=bench/rca/results
py=/usr/bin/python3
core=0 # the core every timed command is pinned to
log() { printf '[bench/rca %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- what the benchmark needs -------------------------------------------------------------
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v valgrind >/dev/null || need+=(valgrind)
command -v callgrind_annotate >/dev/null || need+=(valgrind)
command -v taskset >/dev/null || need+=(util-linux)
[[ -x /usr/bin/time ]] || need+=(time)
[[ -x $py ]] || need+=(python3)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [[ ! -x $build/rca-tag || ! -x $build/gen-responses ]]; then
  log "building koe ($build)"
  KOE_BUILD_DIR=$build ./setup.sh build >&2
fi

mkdir -p "$out" "$run_dir" "$results"
rm -rf "${run_dir:?}"/*
mkdir -p "$run_dir/output" "$run_dir/rss" "$run_dir/callgrind"

# --- taxonomies ---------------------------------------------------------------------------
tax=$out/taxonomy-500.csv
tax1=$out/taxonomy-1.csv
tax1all=$out/taxonomy-1-all.csv
"$py" bench/rca/make_taxonomy.py -o "$tax" 2>"$run_dir/taxonomy.txt"
log "$(cat "$run_dir/taxonomy.txt")"
# The baseline's one rule never fires: rca-tag still reads, normalises each comment, scans
# it once and writes the rows (or the summary), but has nothing to match.
printf 'tag,pattern,kind,exclude,owner,negation\nbaseline/none,zqxjkvw,keyword,,nobody,\n' >"$tax1"
# In summary mode a comment no rule tags also goes to the untagged-terms count, so a rule
# that never fires makes that baseline do more work than the real run; the summary's
# baseline is one rule that tags every comment (regex ".") instead, and the never-firing
# one is timed beside it.
printf 'tag,pattern,kind,exclude,owner,negation\nbaseline/all,.,regex,,nobody,no\n' >"$tax1all"

# --- data ---------------------------------------------------------------------------------
csv=$out/responses.csv
small=$out/responses-$((small_rows / 1000))k.csv
header=$out/header.csv
gen() { # rows file
  local stamp="rows=$1 seed=$seed"
  if [[ -s $2 && -f $2.stamp && $(cat "$2.stamp") == "$stamp" ]]; then
    log "keeping $2 ($stamp)"
  else
    log "generating $2 ($stamp)"
    rm -f "$2.stamp" "$2.sizes"
    "$build/gen-responses" --rows "$1" --seed "$seed" --format csv >"$2.tmp"
    mv "$2.tmp" "$2"
    echo "$stamp" >"$2.stamp"
  fi
  # Comment text: the sum of the comment fields' bytes (UTF-8, as read: quotes undone).
  [[ -s $2.sizes ]] || "$py" - "$2" >"$2.sizes" <<'EOF'
import csv, os, sys
path = sys.argv[1]
rows = commented = comment_bytes = 0
with open(path, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        rows += 1
        text = row["comment"]
        comment_bytes += len(text.encode("utf-8"))
        commented += bool(text.strip())
print(f"rows={rows}\ncommented={commented}\ncomment_bytes={comment_bytes}\n"
      f"file_bytes={os.path.getsize(path)}")
EOF
}
gen "$rows" "$csv"
gen "$small_rows" "$small"
head -n 1 "$csv" >"$header"

log "warming the page cache"
cat "$csv" "$small" >/dev/null

# --- the commands -------------------------------------------------------------------------
# key, label, command. Every command is pinned to one core. "startup" is the same rca-tag on
# the header alone: reading and compiling the taxonomy, no rows. Every step runs one copy of
# build/rca-tag, taken now, so a rebuild while the benchmark runs cannot mix two binaries.
mkdir -p "$out/bin"
cp "$build/rca-tag" "$out/bin/rca-tag.tmp"
mv "$out/bin/rca-tag.tmp" "$out/bin/rca-tag"
rca=$out/bin/rca-tag
binary_sha=$(sha256sum "$rca" | cut -c1-16)
binary_built=$(date -u -r "$build/rca-tag" +%Y-%m-%dT%H:%M:%SZ)
log "timing a copy of $build/rca-tag (built $binary_built, sha256 $binary_sha)"
pin="taskset -c $core"
commands=$run_dir/commands.tsv
{
  for mode in rows summary; do
    [[ $mode == rows ]] && args="-o csv" || args="--summary --nps-score score"
    printf '%s-auto\t%s, --engine auto\t%s %s -t %s --engine auto %s %s > /dev/null\n' "$mode" "$mode" "$pin" "$rca" "$tax" "$args" "$csv"
    printf '%s-re2\t%s, --engine re2\t%s %s -t %s --engine re2 %s %s > /dev/null\n' "$mode" "$mode" "$pin" "$rca" "$tax" "$args" "$csv"
    if [[ $mode == rows ]]; then
      printf '%s-base\t%s, baseline (1 rule, never fires)\t%s %s -t %s --engine auto %s %s > /dev/null\n' "$mode" "$mode" "$pin" "$rca" "$tax1" "$args" "$csv"
    else
      printf '%s-base\t%s, baseline (1 rule, tags every comment)\t%s %s -t %s --engine auto %s %s > /dev/null\n' "$mode" "$mode" "$pin" "$rca" "$tax1all" "$args" "$csv"
      printf '%s-base0\t%s, 1 rule that never fires\t%s %s -t %s --engine auto %s %s > /dev/null\n' "$mode" "$mode" "$pin" "$rca" "$tax1" "$args" "$csv"
    fi
  done
  # Both cores, not pinned: the same rows as rows-auto (which one core runs) on two threads.
  printf 'threads-2\trows, --engine auto, two threads (not pinned)\t%s -t %s --engine auto --threads 2 -o csv %s > /dev/null\n' "$rca" "$tax" "$csv"
  printf 'startup-auto\tstartup, --engine auto\t%s %s -t %s --engine auto -o csv %s > /dev/null\n' "$pin" "$rca" "$tax" "$header"
  printf 'startup-re2\tstartup, --engine re2\t%s %s -t %s --engine re2 -o csv %s > /dev/null\n' "$pin" "$rca" "$tax" "$header"
  printf 'startup-base\tstartup, baseline (1 rule)\t%s %s -t %s --engine auto -o csv %s > /dev/null\n' "$pin" "$rca" "$tax1" "$header"
} >"$commands"

# --- one run of each under /usr/bin/time: peak RSS, and the output for the check ---------
log "one run of each command: output and peak RSS"
failed=$run_dir/failed.txt
: >"$failed"
while IFS=$'\t' read -r key label cmd; do
  keep=${cmd% > /dev/null} # the output is kept for the check
  if /usr/bin/time -f %M -o "$run_dir/rss/$key" sh -c "$keep" >"$run_dir/output/$key.out" 2>"$run_dir/output/$key.err"; then
    log "  $label: $(cat "$run_dir/rss/$key") kB peak RSS"
  else
    echo "$key" >>"$failed"
    log "  $label FAILED (left out of the timing): $(tail -n 3 "$run_dir/output/$key.err" | tr '\n' ' ')"
  fi
done <"$commands"
engine_auto=$("$rca" -t "$tax" --engine auto --summary -o json "$header" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["engine"])' || echo "?")

log "checking that --engine auto and --engine re2 agree byte for byte"
check=$run_dir/check.txt
{
  for mode in rows summary; do
    a=$run_dir/output/$mode-auto.out b=$run_dir/output/$mode-re2.out
    if [[ ! -s $a || ! -s $b ]]; then
      echo "$mode: missing output"
    elif cmp -s "$a" "$b"; then
      echo "$mode: identical ($(wc -c <"$a") bytes, sha256 $(sha256sum "$a" | cut -c1-16))"
    else
      echo "$mode: DIFFERENT: $(cmp "$a" "$b" 2>&1 | head -n 1); $(diff "$a" "$b" | grep -c '^[<>]') lines differ"
      diff "$a" "$b" | head -n 20 >"$run_dir/$mode-engines.diff" || true
    fi
  done
  a=$run_dir/output/rows-auto.out b=$run_dir/output/threads-2.out
  if [[ ! -s $a || ! -s $b ]]; then
    echo "two threads: missing output"
  elif cmp -s "$a" "$b"; then
    echo "two threads: identical to one core's rows ($(wc -c <"$a") bytes)"
  else
    echo "two threads: DIFFERENT from one core's rows: $(cmp "$a" "$b" 2>&1 | head -n 1)"
  fi
} >"$check"
sed 's/^/  /' "$check" >&2
# One output row per input row, and how many were tagged (row mode, --engine auto).
"$py" - "$run_dir/output/rows-auto.out" >"$run_dir/tagged.txt" <<'EOF' || true
import csv, sys
rows = tagged = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        rows += 1
        tagged += bool(row["tags"])
print(f"output_rows={rows}\ntagged_rows={tagged}")
EOF
# How many of the taxonomy's rules fire at all (on the small file).
"$rca" -t "$tax" --summary -o json "$small" >"$run_dir/small-summary.json" 2>/dev/null || true

# --- timing -------------------------------------------------------------------------------
args=()
while IFS=$'\t' read -r key label cmd; do
  grep -qx "$key" "$failed" && continue
  args+=(--command-name "$label" "$cmd")
done <"$commands"
rm -f "$results"/hyperfine-*.json
load_before_timing=$(cut -d" " -f1-3 /proc/loadavg)
log "timing ($runs runs each, on core $core)"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$results/hyperfine-rca.json" "${args[@]}" >&2

# --- instructions per comment byte --------------------------------------------------------
# The full run minus the header-only run is the cost of the rows alone (Hyperscan's compile
# of the taxonomy is most of a 20,000-row run; summary mode also loads MeCab's dictionary).
log "counting instructions on $small (callgrind)"
callgrind() { # name command...
  local name=$1
  shift
  printf '%s\t%s\n' "$name" "valgrind --tool=callgrind --callgrind-out-file=$run_dir/callgrind/$name.out $*" >>"$run_dir/callgrind.tsv"
  valgrind --tool=callgrind --callgrind-out-file="$run_dir/callgrind/$name.out" "$@" >/dev/null 2>"$run_dir/callgrind/$name.err" ||
    log "callgrind $name failed: $(tail -n 3 "$run_dir/callgrind/$name.err")"
}
: >"$run_dir/callgrind.tsv"
callgrind rows-auto "$rca" -t "$tax" --engine auto -o csv "$small"
callgrind startup-auto "$rca" -t "$tax" --engine auto -o csv "$header"
callgrind summary-auto "$rca" -t "$tax" --engine auto --summary --nps-score score "$small"
callgrind startup-summary-auto "$rca" -t "$tax" --engine auto --summary --nps-score score "$header"
callgrind rows-base "$rca" -t "$tax1" --engine auto -o csv "$small"
callgrind startup-base "$rca" -t "$tax1" --engine auto -o csv "$header"
for name in rows-auto startup-auto summary-auto startup-summary-auto rows-base startup-base; do
  f=$run_dir/callgrind/$name.out
  [[ -s $f ]] || continue
  callgrind_annotate --threshold=100 "$f" >"$run_dir/callgrind/$name.self.txt" 2>/dev/null || true
  callgrind_annotate --threshold=100 --inclusive=yes "$f" >"$run_dir/callgrind/$name.incl.txt" 2>/dev/null || true
done

# --- report -------------------------------------------------------------------------------
finished=$(date +%s)
{
  echo "rows=$rows"
  echo "seed=$seed"
  echo "runs=$runs"
  echo "core=$core"
  echo "started=$started"
  echo "finished=$finished"
  echo "csv=$csv"
  echo "small=$small"
  echo "small_rows=$small_rows"
  echo "taxonomy=$tax"
  echo "taxonomy1=$tax1"
  echo "taxonomy1all=$tax1all"
  echo "engine_auto=$engine_auto"
  echo "binary=$build/rca-tag"
  echo "binary_sha=$binary_sha"
  echo "binary_built=$binary_built"
  echo "invocation=bench/rca/run.sh --rows $rows --runs $runs"
  echo "load_at_start=$load_at_start"
  echo "load_before_timing=$load_before_timing"
  echo "load_at_end=$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$run_dir/meta.txt"
"$py" bench/rca/report.py "$run_dir" "$results"
log "done in $((finished - started)) s: $results/REPORT.md"
