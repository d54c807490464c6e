// NPS per group with ClickHouse embedded (npm chdb), for koe's benchmark (bench/run.sh).
//
//   node bench/peers/chdb_nps.mjs csv|ndjson FILE [COLUMN]
//
// Reads FILE with ClickHouse's own reader (file(..., 'CSVWithNames' | 'JSONEachRow'), all
// columns as text so no inferred type can reject a later value), groups by COLUMN (default
// plan) and prints one CSV row per group, sorted by the group's text, as ClickHouse writes
// it (CSVWithNames: text fields quoted): COLUMN,n,promoters,passives,detractors,nps.
// Rules, the same as koe's nps: an answer counts when, trimmed, it reads as a number with an
// integral value in 0..10; promoters 9-10, passives 7-8, detractors 0-6;
// NPS = 100 * (promoters - detractors) / n. A group without a valid answer has no row.
import { query } from 'chdb';

const names = ['id', 'date', 'channel', 'region', 'plan', 'score', 'csat', 'ces', 'weight', 'comment'];
const [format, file, column = 'plan'] = process.argv.slice(2);
if (!['csv', 'ndjson'].includes(format) || !file || !names.includes(column)) {
  console.error(`usage: chdb_nps.mjs csv|ndjson FILE [COLUMN], COLUMN one of ${names.join(' ')}`);
  process.exit(2);
}
const path = file.replaceAll("'", "\\'");
const columns = names.map((name) => `${name} Nullable(String)`).join(', ');
const source = format === 'csv'
  ? `file('${path}', 'CSVWithNames', '${columns}')`
  : `file('${path}', 'JSONEachRow', '${columns}')`;

const sql = `
SELECT g AS ${column},
       count() AS n,
       countIf(s >= 9) AS promoters,
       countIf(s BETWEEN 7 AND 8) AS passives,
       countIf(s <= 6) AS detractors,
       100 * (countIf(s >= 9) - countIf(s <= 6)) / count() AS nps
FROM (
  SELECT ifNull(${column}, '') AS g, toFloat64OrNull(trimBoth(ifNull(score, ''))) AS x, toInt32(x) AS s
  FROM ${source}
  WHERE x IS NOT NULL AND x = floor(x) AND x BETWEEN 0 AND 10
)
GROUP BY g ORDER BY g
SETTINGS input_format_csv_empty_as_default = 0, input_format_null_as_default = 0`;

process.stdout.write(query(sql, 'CSVWithNames'));
