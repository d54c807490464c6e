// NPS per plan with ClickHouse embedded (npm chdb), for koe's benchmark (bench/run.sh).
//
//   node bench/peers/chdb_nps.mjs csv|ndjson FILE
//
// Reads FILE with ClickHouse's own reader (file(..., 'CSVWithNames' | 'JSONEachRow'), all
// columns as text so no inferred type can reject a later value), groups by plan and prints
// one CSV row per plan, sorted by plan: plan,n,promoters,passives,detractors,nps.
// Rules, the same as koe's nps: an answer counts when, trimmed, it reads as a number with an
// integral value in 0..10; promoters 9-10, passives 7-8, detractors 0-6;
// NPS = 100 * (promoters - detractors) / n.
import { query } from 'chdb';

const [format, file] = process.argv.slice(2);
if (!['csv', 'ndjson'].includes(format) || !file) {
  console.error('usage: chdb_nps.mjs csv|ndjson FILE');
  process.exit(2);
}
const path = file.replaceAll("'", "\\'");
const columns = ['id', 'date', 'channel', 'region', 'plan', 'score', 'csat', 'ces', 'weight', 'comment']
  .map((name) => `${name} Nullable(String)`).join(', ');
const source = format === 'csv'
  ? `file('${path}', 'CSVWithNames', '${columns}')`
  : `file('${path}', 'JSONEachRow', '${columns}')`;

const sql = `
SELECT plan,
       count() AS n,
       countIf(s >= 9) AS promoters,
       countIf(s BETWEEN 7 AND 8) AS passives,
       countIf(s <= 6) AS detractors,
       100 * (countIf(s >= 9) - countIf(s <= 6)) / count() AS nps
FROM (
  SELECT ifNull(plan, '') AS plan, toFloat64OrNull(trimBoth(ifNull(score, ''))) AS x, toInt32(x) AS s
  FROM ${source}
  WHERE x IS NOT NULL AND x = floor(x) AND x BETWEEN 0 AND 10
)
GROUP BY plan ORDER BY plan
SETTINGS input_format_csv_empty_as_default = 0, input_format_null_as_default = 0`;

const out = query(sql, 'CSV');
const lines = ['plan,n,promoters,passives,detractors,nps'];
for (const row of out.trim().split('\n')) {
  if (!row) continue;
  const fields = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((f) => f.replace(/,$/, ''));
  const plan = fields[0].startsWith('"') ? fields[0].slice(1, -1).replaceAll('""', '"') : fields[0];
  lines.push([plan, fields[1], fields[2], fields[3], fields[4], Number(fields[5]).toFixed(6)].join(','));
}
process.stdout.write(lines.join('\n') + '\n');
