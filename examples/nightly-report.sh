#!/usr/bin/env bash
# Writes a dated Markdown NPS report, OUTPUT_DIR/nps-YYYY-MM-DD.md: the NPS by plan (its
# last row is all rows) and by region, weighted, with intervals.
#
#   examples/nightly-report.sh EXPORT.csv OUTPUT_DIR
#
# The report is written beside its final name first and renamed into place only when
# every step has succeeded, so a failed run (a malformed export, a full disk, a tool not
# found) leaves the previous report as it was, and nothing half-written.
#
# nps is taken from $KOE_BIN when set, else from the build/ folder of the koe clone this
# script is in, else from PATH: under cron's PATH (/usr/bin:/bin) a clone built with
# ./setup.sh and an installed package both work as they are. For cron, at 06:15 each day:
#   15 6 * * *  /opt/koe/examples/nightly-report.sh /data/exports/latest.csv /srv/reports
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 EXPORT.csv OUTPUT_DIR" >&2
  exit 2
fi
export_file=$1
out_dir=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${KOE_BIN:-}
[[ -z $bin && -x $root/build/nps ]] && bin=$root/build
nps=${bin:+$bin/}nps
day=$(date +%F)
report="$out_dir/nps-$day.md"
mkdir -p "$out_dir"
partial=$(mktemp "$out_dir/.nps-$day.md.XXXXXX")
trap 'rm -f "$partial"' EXIT
{
  echo "# NPS report, $day"
  echo
  echo "Source: \`$(basename "$export_file")\`"
  echo
  echo "## By plan"
  echo
  "$nps" --by plan -o md "$export_file"
  echo
  echo "## By region, weighted"
  echo
  "$nps" --by region --weight weight -o md "$export_file"
} >"$partial"
# mktemp made the file readable by its owner only; give it the mode a new file gets.
chmod "$(printf '%o' $((0666 & ~0$(umask))))" "$partial"
mv "$partial" "$report"
echo "$report"
