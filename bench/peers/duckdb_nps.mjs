// NPS per plan with DuckDB (npm @duckdb/node-api), for koe's benchmark (bench/run.sh).
//
//   node bench/peers/duckdb_nps.mjs csv|ndjson FILE
//
// Reads FILE with DuckDB's own reader (read_csv or read_json; DuckDB picks the columns it
// needs and uses all cores), groups by plan and prints one CSV row per plan, sorted by plan:
//   plan,n,promoters,passives,detractors,nps
// Rules, the same as koe's nps: an answer counts when it is a number with an integral value
// in 0..10 (TRY_CAST to DOUBLE, then integral and in range; TRY_CAST straight to INTEGER
// would round "7.5" to 8); blanks, NULL, "N/A", "ten", 7.5, -1, 11 are excluded.
// Promoters 9-10, passives 7-8, detractors 0-6; NPS = 100 * (promoters - detractors) / n.
import { DuckDBInstance } from '@duckdb/node-api';

const [format, file] = process.argv.slice(2);
if (!['csv', 'ndjson'].includes(format) || !file) {
  console.error('usage: duckdb_nps.mjs csv|ndjson FILE');
  process.exit(2);
}
const path = file.replaceAll("'", "''");
const source = format === 'csv'
  // Types of the two columns the query uses are given so that the sniffer's sample cannot
  // choose a numeric type for score that a later "N/A" would break.
  ? `read_csv('${path}', header = true, types = {'plan': 'VARCHAR', 'score': 'VARCHAR'})`
  : `read_json('${path}', format = 'newline_delimited', columns = {'plan': 'VARCHAR', 'score': 'VARCHAR'})`;

const sql = `
WITH answers AS (
  SELECT plan, TRY_CAST(score AS DOUBLE) AS x FROM ${source}
), valid AS (
  SELECT plan, CAST(x AS INTEGER) AS s FROM answers
  WHERE x IS NOT NULL AND x = floor(x) AND x BETWEEN 0 AND 10
)
SELECT plan,
       CAST(count(*) AS BIGINT)                    AS n,
       CAST(count(*) FILTER (s >= 9) AS BIGINT)         AS promoters,
       CAST(count(*) FILTER (s BETWEEN 7 AND 8) AS BIGINT) AS passives,
       CAST(count(*) FILTER (s <= 6) AS BIGINT)         AS detractors,
       100.0 * (count(*) FILTER (s >= 9) - count(*) FILTER (s <= 6)) / count(*) AS nps
FROM valid GROUP BY plan ORDER BY plan`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const lines = ['plan,n,promoters,passives,detractors,nps'];
for (const r of reader.getRowObjects()) {
  lines.push([r.plan, r.n, r.promoters, r.passives, r.detractors, Number(r.nps).toFixed(6)].join(','));
}
process.stdout.write(lines.join('\n') + '\n');
