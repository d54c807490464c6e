#!/usr/bin/env bash
# Writes the nightly report people read: OUTDIR/report.md (chat, wiki,
# e-mail) and OUTDIR/report.html (one self-contained file with charts), built
# by koe-report from the JSON the tools write, so the report and the tools
# cannot disagree. The JSON it was built from is kept in OUTDIR/json/.
#
#   examples/nightly-html-report.sh EXPORT OUTDIR
#
# Everything is written into a temporary folder inside OUTDIR first and moved
# into place only when every step has succeeded, so a failed run (a malformed
# export, a full disk) leaves the previous report as it was.
#
# Environment:
#   TAXONOMY      taxonomy files separated by ':' (default: taxonomy-en.csv and
#                 taxonomy-ja.csv next to this script)
#   DATE_COLUMN   the date column of the trends (default: date)
#   SEGMENTS      the dimensions of the segment breakdown (default: region,plan)
#   REPORT_TITLE  the title (default: "Customer feedback report, YYYY-MM-DD")
#   ENCODING      the export's encoding when not UTF-8, e.g. cp932; PRESET
#                 qualtrics or surveymonkey: given to every tool (the report
#                 states them from the tools' JSON)
#
#   KOE_BIN       the folder holding the tools (nps, csat, ces, segment,
#                 rca-tag, koe-report); default: the build/ folder of the koe
#                 clone this script is in, when it holds them, else PATH
#
# Under cron's PATH (/usr/bin:/bin) a clone built with ./setup.sh and an
# installed package both work as they are. For cron, at 06:30 each day:
#   30 6 * * *  /opt/koe/examples/nightly-html-report.sh /data/exports/latest.csv /srv/reports
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 EXPORT OUTDIR" >&2
  exit 2
fi
export_file=$1
out_dir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${KOE_BIN:-}
[[ -z $bin && -x ${here%/*}/build/nps ]] && bin=${here%/*}/build
[[ -n $bin && $bin != /* ]] && bin=$PWD/$bin  # koe-report runs in the work folder
bin=${bin:+$bin/}
taxonomy=${TAXONOMY:-$here/taxonomy-en.csv:$here/taxonomy-ja.csv}
date_column=${DATE_COLUMN:-date}
segments=${SEGMENTS:-region,plan}
title=${REPORT_TITLE:-"Customer feedback report, $(date +%F)"}

input=()
[ -n "${ENCODING:-}" ] && input+=(--encoding "$ENCODING")
[ -n "${PRESET:-}" ] && input+=(--preset "$PRESET")
taxonomy_args=()
IFS=: read -ra files <<<"$taxonomy"
for file in "${files[@]}"; do taxonomy_args+=(-t "$file"); done

mkdir -p "$out_dir"
work=$(mktemp -d "$out_dir/.report.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/json"
json=$work/json
"${bin}nps" -q -o json "${input[@]}" "$export_file" >"$json/nps.json"
"${bin}csat" -q -o json "${input[@]}" "$export_file" >"$json/csat.json"
"${bin}ces" -q -o json "${input[@]}" "$export_file" >"$json/ces.json"
"${bin}segment" -q -o json "${input[@]}" --by "month($date_column)" "$export_file" >"$json/trend-nps.json"
"${bin}segment" -q -o json "${input[@]}" --metric csat --by "month($date_column)" "$export_file" \
  >"$json/trend-csat.json"
"${bin}segment" -q -o json "${input[@]}" --by "$segments" --sort impact "$export_file" >"$json/segments.json"
"${bin}rca-tag" -q --summary --nps-score score -o json "${input[@]}" "${taxonomy_args[@]}" "$export_file" \
  >"$json/rca.json"

# Run from the work folder, so the report names its sources json/nps.json ...
report=("${bin}koe-report" --title "$title" --nps json/nps.json --csat json/csat.json --ces json/ces.json
  --trend json/trend-nps.json --trend json/trend-csat.json --segment json/segments.json
  --rca json/rca.json)
(cd "$work" && "${report[@]}" -o md >report.md && "${report[@]}" -o html >report.html)

# Each rename is atomic; the JSON the report was built from goes last.
mv "$work/report.md" "$out_dir/report.md"
mv "$work/report.html" "$out_dir/report.html"
rm -rf "$out_dir/json"
mv "$json" "$out_dir/json"
echo "$out_dir/report.html"
