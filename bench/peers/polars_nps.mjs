// NPS per plan with Polars (npm nodejs-polars), for koe's benchmark (bench/run.sh).
//
//   node bench/peers/polars_nps.mjs FILE.csv
//
// Lazy scan (pl.scanCSV: projection pushdown to the two columns used, parsed on all cores),
// then one CSV row per plan, sorted by plan:
//   plan,n,promoters,passives,detractors,nps
// Every column is read as text (inferSchemaLength 0), so the schema sample cannot choose a
// numeric type for score that a later "N/A" would break. Rules, the same as koe's nps: an
// answer counts when it parses as a number with an integral value in 0..10 (non-strict cast
// to Float64); blanks, "N/A", "ten", 7.5, -1, 11 are excluded. Promoters 9-10, passives
// 7-8, detractors 0-6; NPS = 100 * (promoters - detractors) / n.
import pl from 'nodejs-polars';

const file = process.argv[2];
if (!file) {
  console.error('usage: polars_nps.mjs FILE.csv');
  process.exit(2);
}
const x = pl.col('score').cast(pl.Float64, false);
const s = pl.col('s');
const df = await pl
  .scanCSV(file, { hasHeader: true, inferSchemaLength: 0 })
  .select(pl.col('plan'), x.alias('x'))
  .filter(pl.col('x').isNotNull().and(pl.col('x').eq(pl.col('x').floor()))
    .and(pl.col('x').gtEq(0)).and(pl.col('x').ltEq(10)))
  .select(pl.col('plan'), pl.col('x').cast(pl.Int32).alias('s'))
  .groupBy('plan')
  .agg(
    pl.len().alias('n'),
    s.gtEq(9).sum().alias('promoters'),
    s.gtEq(7).and(s.ltEq(8)).sum().alias('passives'),
    s.ltEq(6).sum().alias('detractors'),
  )
  .sort('plan')
  .collect();

const lines = ['plan,n,promoters,passives,detractors,nps'];
for (const r of df.toRecords()) {
  const n = Number(r.n);
  const nps = (100 * (Number(r.promoters) - Number(r.detractors))) / n;
  lines.push([r.plan, n, r.promoters, r.passives, r.detractors, nps.toFixed(6)].join(','));
}
process.stdout.write(lines.join('\n') + '\n');
