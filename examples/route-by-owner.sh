#!/usr/bin/env bash
# Route tagged detractor comments to the teams that own their root causes.
#
#   examples/route-by-owner.sh EXPORT OUTDIR
#
# Tags EXPORT (any input rca-tag reads: CSV, TSV, NDJSON, a JSON array) with
# the example taxonomies, keeps the detractors (score 0-6) whose comment
# carries at least one tag, and writes OUTDIR/<owner>.csv for every owning
# team: the export's columns plus `tags` and `owners`, one row per comment.
# A comment whose causes belong to two teams goes to both files (its `owners`
# field then names the file's team, its `tags` field keeps every tag). Tagged
# comments whose rules name no owner go to OUTDIR/_unowned.csv. At the end,
# one line per owner: the team, its number of comments and its file.
#
# A score counts as a detractor the way nps reads it: after trimming, an
# integer 0-6, optionally signed, with leading zeros or a ".0" tail, in ASCII
# or full-width digits (6, 06, +6, 6.0, ６). Blanks, N/A, 7.5, ten ... are not
# detractors. A team's file is rewritten on each run; files of teams that do
# not appear in this run are left alone, so give each run its own OUTDIR
# (e.g. a dated one) when that matters.
#
# Environment:
#   RCA_TAG   the rca-tag program (default: rca-tag on PATH)
#   TAXONOMY  taxonomy files separated by ':' (default: taxonomy-en.csv and
#             taxonomy-ja.csv next to this script)
#   SCORE     the 0-10 column (default: score)
#   TEXT      the comment column (default: comment)
#
# Needs Miller (mlr, Debian package miller).
#
#   PATH=build:$PATH examples/route-by-owner.sh examples/responses.csv /tmp/routed
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 EXPORT OUTDIR" >&2
  exit 2
fi
input=$1
outdir=$2

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rca_tag=${RCA_TAG:-rca-tag}
taxonomy=${TAXONOMY:-$here/taxonomy-en.csv:$here/taxonomy-ja.csv}
score=${SCORE:-score}
text=${TEXT:-comment}

taxonomy_args=()
IFS=: read -r -a taxonomy_files <<<"$taxonomy"
for file in "${taxonomy_files[@]}"; do
  [[ -n $file ]] && taxonomy_args+=(--taxonomy "$file")
done

for program in "$rca_tag" mlr; do
  if ! command -v "$program" >/dev/null; then
    echo "$0: $program not found; put it on PATH$([[ $program == mlr ]] && echo ' (Debian package miller)' || echo ' or set RCA_TAG')" >&2
    exit 2
  fi
done

mkdir -p "$outdir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# rca-tag writes every row with two added fields, tags and owners (both
# ';'-separated, empty when no rule fired). Miller keeps the tagged
# detractors, gives each owner its own copy of the row (nest --explode), and
# tees each copy into its owner's file. The count lines are printed only
# when the whole pipeline succeeded.
# shellcheck disable=SC1010,SC2016  # Miller's own "then" chain and single-quoted DSL
"$rca_tag" "${taxonomy_args[@]}" --text "$text" "$input" |
  mlr --icsv --ocsv \
    filter -s score="$score" -s flag="$work/no-score" '
      if (is_absent($[@score])) {
        @absent = true;
      }
      s = strip(string($[@score]));
      for (wide, narrow in {"０":"0","１":"1","２":"2","３":"3","４":"4","５":"5","６":"6"}) {
        s = gsub(s, wide, narrow);
      }
      $tags != "" && (s =~ "^[+]?0*[0-6]([.]0+)?$" || s =~ "^-0+([.]0+)?$");
      end {
        if (is_present(@absent)) {
          print > @flag, "absent";
        }
      }
    ' \
    then put '$owners = $owners == "" ? "_unowned" : $owners' \
    then nest --explode --values --across-records -f owners --nested-fs ';' \
    then put -q -s outdir="$outdir" '
      # A file name from the owner: no path separators, spaces or control characters.
      name = gsub(gsub($owners, "[/[:space:][:cntrl:]]", "_"), "^[.]", "_");
      path = @outdir . "/" . name . ".csv";
      tee > path, $*;
      @count[$owners] += 1;
      @path[$owners] = path;
      end {
        if (length(@count) == 0) {
          print "no tagged detractor comments";
        }
        for (owner, count in sort(@count)) {
          print format("{}: {} {} -> {}", owner, count, count == 1 ? "comment" : "comments", @path[owner]);
        }
      }
    ' >"$work/counts"
if [[ -e $work/no-score ]]; then
  echo "$0: $input has no column \"$score\"; name the 0-10 column with SCORE=..." >&2
  exit 2
fi
cat "$work/counts"
