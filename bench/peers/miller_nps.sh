#!/usr/bin/env bash
# NPS per plan with Miller (mlr 6, Debian package), for koe's benchmark (bench/run.sh).
#
#   bash bench/peers/miller_nps.sh FILE.csv
#
# One mlr process, a verb chain over the CSV:
#   cut      keep plan and score
#   filter   keep answers Miller infers as a number with an integral value in 0..10
#            (blanks, "N/A", "ten", 7.5, -1, 11 are dropped: the same rules as koe's nps)
#   put      0/1 indicator fields promoter (9-10), passive (7-8), detractor (0-6)
#   stats1   count and sum of the indicators per plan
#   put/cut/rename/sort   n and NPS = 100 * (promoters - detractors) / n, sorted by plan
# Prints plan,n,promoters,passives,detractors,nps like the other peers.
set -euo pipefail
exec mlr --icsv --ocsv \
  cut -f plan,score \
  then filter 'is_numeric($score) && $score >= 0 && $score <= 10 && $score == floor($score)' \
  then put '$promoter = $score >= 9 ? 1 : 0;
            $passive = ($score >= 7 && $score <= 8) ? 1 : 0;
            $detractor = $score <= 6 ? 1 : 0' \
  then stats1 -a count,sum -f promoter,passive,detractor -g plan \
  then put '$nps = fmtnum(100 * ($promoter_sum - $detractor_sum) / $promoter_count, "%.6f")' \
  then cut -o -f plan,promoter_count,promoter_sum,passive_sum,detractor_sum,nps \
  then rename promoter_count,n,promoter_sum,promoters,passive_sum,passives,detractor_sum,detractors \
  then sort -f plan \
  "$1"
