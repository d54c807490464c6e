// NPS per group with Polars (npm nodejs-polars), for koe's benchmark (bench/run.sh).
//
//   node bench/peers/polars_nps.mjs FILE.csv [COLUMN]
//
// Lazy scan (pl.scanCSV: projection pushdown to the two columns used, parsed on all cores),
// grouped by COLUMN (default plan), then one CSV row per group, sorted by the group's text,
// written by Polars' own CSV writer:
//   COLUMN,n,promoters,passives,detractors,nps
// Every column is read as text (inferSchemaLength 0), so the schema sample cannot choose a
// numeric type for score that a later "N/A" would break. Rules, the same as koe's nps: an
// answer counts when it parses as a number with an integral value in 0..10 (non-strict cast
// to Float64); blanks, "N/A", "ten", 7.5, -1, 11 are excluded. Promoters 9-10, passives
// 7-8, detractors 0-6; NPS = 100 * (promoters - detractors) / n. A group without a valid
// answer has no row.
import pl from 'nodejs-polars';

const [file, column = 'plan'] = process.argv.slice(2);
if (!file || !column) {
  console.error('usage: polars_nps.mjs FILE.csv [COLUMN]');
  process.exit(2);
}
const x = pl.col('score').cast(pl.Float64, false);
const s = pl.col('s');
const df = await pl
  .scanCSV(file, { hasHeader: true, inferSchemaLength: 0 })
  .select(pl.col(column), x.alias('x'))
  .filter(pl.col('x').isNotNull().and(pl.col('x').eq(pl.col('x').floor()))
    .and(pl.col('x').gtEq(0)).and(pl.col('x').ltEq(10)))
  .select(pl.col(column), pl.col('x').cast(pl.Int32).alias('s'))
  .groupBy(column)
  .agg(
    pl.len().alias('n'),
    s.gtEq(9).sum().alias('promoters'),
    s.gtEq(7).and(s.ltEq(8)).sum().alias('passives'),
    s.ltEq(6).sum().alias('detractors'),
  )
  .withColumns(
    pl.col('promoters').cast(pl.Float64).sub(pl.col('detractors').cast(pl.Float64))
      .mul(100).div(pl.col('n').cast(pl.Float64)).alias('nps'),
  )
  .sort(column)
  .collect();

process.stdout.write(df.writeCSV());
