#!/usr/bin/env bash
# Writes a dated Markdown NPS report: overall and by plan, with intervals.
# usage: nightly-report.sh EXPORT.csv OUTPUT_DIR
set -euo pipefail
export_file=$1
out_dir=$2
nps_bin=${NPS:-nps}
day=$(date +%F)
report="$out_dir/nps-$day.md"
mkdir -p "$out_dir"
{
  echo "# NPS report, $day"
  echo
  echo "Source: \`$(basename "$export_file")\`"
  echo
  echo "## By plan"
  echo
  "$nps_bin" --by plan -o md "$export_file"
  echo
  echo "## By region, weighted"
  echo
  "$nps_bin" --by region --weight weight -o md "$export_file"
} >"$report"
echo "$report"
