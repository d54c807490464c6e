// NPS per group with DuckDB (npm @duckdb/node-api), for koe's benchmark (bench/run.sh).
//
//   node bench/peers/duckdb_nps.mjs csv|ndjson FILE [COLUMN]
//
// Reads FILE with DuckDB's own reader (read_csv or read_json; DuckDB picks the columns it
// needs and uses all cores), groups by COLUMN (default plan) and prints one CSV row per
// group, sorted by the group's text:
//   COLUMN,n,promoters,passives,detractors,nps
// The rows are written by DuckDB's own CSV writer (COPY ... TO '/dev/stdout'), not built
// in JavaScript: with a million groups that is DuckDB's fastest way out.
// Rules, the same as koe's nps: an answer counts when it is a number with an integral value
// in 0..10 (TRY_CAST to DOUBLE, then integral and in range; TRY_CAST straight to INTEGER
// would round "7.5" to 8); blanks, NULL, "N/A", "ten", 7.5, -1, 11 are excluded.
// Promoters 9-10, passives 7-8, detractors 0-6; NPS = 100 * (promoters - detractors) / n.
// A group without a valid answer has no NPS and no row (nps lists it with n = 0).
import { DuckDBInstance } from '@duckdb/node-api';

const [format, file, column = 'plan'] = process.argv.slice(2);
if (!['csv', 'ndjson'].includes(format) || !file || !column) {
  console.error('usage: duckdb_nps.mjs csv|ndjson FILE [COLUMN]');
  process.exit(2);
}
const path = file.replaceAll("'", "''");
const key = column.replaceAll("'", "''"); // as a string literal
const group = `"${column.replaceAll('"', '""')}"`; // as an identifier
const types = `{'${key}': 'VARCHAR', 'score': 'VARCHAR'}`;
const source = format === 'csv'
  // Both columns are read as text (the group as nps reads it; score so that the sniffer's
  // sample cannot choose a numeric type that a later "N/A" would break).
  ? `read_csv('${path}', header = true, types = ${types})`
  : `read_json('${path}', format = 'newline_delimited', columns = ${types})`;

const sql = `
WITH answers AS (
  SELECT ${group} AS g, TRY_CAST(score AS DOUBLE) AS x FROM ${source}
), valid AS (
  SELECT g, CAST(x AS INTEGER) AS s FROM answers
  WHERE x IS NOT NULL AND x = floor(x) AND x BETWEEN 0 AND 10
)
SELECT g AS ${group},
       CAST(count(*) AS BIGINT)                    AS n,
       CAST(count(*) FILTER (s >= 9) AS BIGINT)         AS promoters,
       CAST(count(*) FILTER (s BETWEEN 7 AND 8) AS BIGINT) AS passives,
       CAST(count(*) FILTER (s <= 6) AS BIGINT)         AS detractors,
       100.0 * (count(*) FILTER (s >= 9) - count(*) FILTER (s <= 6)) / count(*) AS nps
FROM valid GROUP BY g ORDER BY g`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`COPY (${sql}) TO '/dev/stdout' (FORMAT CSV, HEADER)`);
