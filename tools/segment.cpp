// segment: where and when a metric moves, and whether it is real. Breaks NPS,
// CSAT, CES or a mean down by dimensions (columns, bins, periods), tests each
// segment against the rest (each period against the one before; or each
// segment against a baseline export), adjusts the p-values, ranks segments by
// impact, and says plainly what is significant. docs/segment.md is the
// reference.
#include "cli/common_options.h"
#include "error.h"
#include "metrics/segment_report.h"
#include "segment_assign.h"

namespace {

constexpr const char* kExamples = R"(
Examples:
  segment --by region responses.csv             NPS of each region vs the rest
  segment --by 'month(submitted_at)' responses.csv          monthly trend, each
                                                month vs the one before
  segment --metric csat --by plan,channel --sort impact responses.csv
  segment --by 'bins(tenure, 0, 6, 12, 24)' --weight w responses.csv
  segment --metric mean --score spend --by 'quantiles(income, 4)' survey.csv
  segment --by region --compare last-month.csv this-month.csv
  segment --by region --crosstab --by plan responses.csv   regions by plans
  segment --by region --fail-if-significant-drop nightly.csv   exit 1 on a drop
  segment --assign rules.csv responses.csv | nps --by segment

Each segment's SE is its own (Kish n_eff when weighted); differences are
two-sided z tests, p adjusted across segments (Holm by default); segments
under --min-n (30) are low base and never flagged. Exit status: 0 ok,
1 a check failed, 2 usage error, 3 input error.)";

}  // namespace

int main(int argc, char** argv) {
  using koe::SegmentMetric;
  koe::SegmentJob job;
  koe::cli::OutputOptions output;
  CLI::App app("Where a metric moves, and whether it is real: segments, trends, comparisons",
               "segment");
  app.footer(kExamples);
  koe::cli::add_input_options(app, job.input);
  koe::cli::add_threads_option(app, job.input);
  koe::cli::add_choice(
      app, "--metric", "METRIC", koe::kSegmentMetricNames,
      [&job](SegmentMetric metric) { job.kind = metric; }, "The metric: ",
      {{SegmentMetric::nps, "default"}, {SegmentMetric::mean, "of any numbers"}});
  app.add_option("-s,--score", job.score,
                 "Column with the answers (default: score for nps, csat, ces; required for mean)")
      ->type_name("COL");
  app.add_option("--scale", job.scale.scale, "csat, ces: answer scale LOW-HIGH (default 1-5, ces 1-7)")
      ->type_name("LOW-HIGH");
  app.add_option("--top-box", job.scale.top_box, "csat, ces: points counted as the favourable box")
      ->type_name("POINTS");
  app.add_option("--bottom-box", job.scale.bottom_box, "csat, ces: points counted as the unfavourable box")
      ->type_name("POINTS");
  app.add_option("--labels", job.scale.labels, "csat, ces: answer labels as scale points, or a CSV file")
      ->type_name("MAP|FILE");
  app.add_flag("--lower-is-better", job.scale.lower_is_better, "ces: the older 1-5 form where 1 is best");
  koe::cli::add_metric_options(app, job.metric);
  koe::cli::add_choice(
      app, "--adjust", "METHOD", koe::stats::kAdjustmentNames,
      [&job](koe::stats::Adjustment method) { job.adjustment = method; },
      "Multiple-comparison adjustment of p-values: ", {{koe::stats::Adjustment::holm, "default"}});
  koe::cli::numeric(app.add_option("--alpha", job.alpha,
                                   "Significance level of the adjusted p-values (default 0.05)"),
                    koe::NumberRule::number(0, 0.5))
      ->type_name("A");
  koe::cli::add_choice(
      app, "--sort", "ORDER", koe::kSegmentSortNames,
      [&job](koe::SegmentSort sort) { job.sort = sort; }, "Row order: ",
      {{koe::SegmentSort::name, "default: as the groups sort"},
       {koe::SegmentSort::impact, "most harmful first"},
       {koe::SegmentSort::metric, "lowest first"},
       {koe::SegmentSort::n, "largest first"}});
  app.add_flag("--crosstab", job.crosstab,
               "Two dimensions as rows by columns: each cell's metric, flagged against the rest");
  app.add_option("--compare", job.baseline,
                 "A baseline export (e.g. last month's): each segment against itself there")
      ->allow_extra_args(false)
      ->type_name("FILE");
  app.add_flag("--fail-if-significant-drop", job.fail_if_significant_drop,
               "Fail (exit 1) when a segment is significantly below the rest, a period below the "
               "one before, or a segment below the baseline; one line each");
  std::string assign;
  app.add_option("--assign", assign,
                 "Label rows instead: every row out with an added segment column from a rules "
                 "file (CSV: segment,column,test,value), one output row per input row")
      ->type_name("RULES");
  koe::cli::add_output_options(app, output,
                               {{koe::output::OutputFormat::table, "default; --assign: csv"}});

  return koe::cli::run(app, argc, argv, [&] {
    if (!assign.empty()) {
      if (!job.metric.by.empty())
        koe::throw_usage("--assign labels rows and --by breaks a metric down: give one of them");
      koe::AssignJob rows{job.input, assign, output.format};
      return koe::cli::print_outcome("segment", koe::run_assign(rows, koe::cli::stdout_sink()),
                                     koe::output::OutputFormat::csv, output.quiet);
    }
    job.scale.profile = job.kind == SegmentMetric::ces ? &koe::kCesProfile : &koe::kCsatProfile;
    auto format = output.format.value_or(koe::output::OutputFormat::table);
    job.crosstab_matrix = format == koe::output::OutputFormat::table ||
                          format == koe::output::OutputFormat::markdown;
    return koe::cli::print_outcome("segment", koe::run_segment(job), format, output.quiet);
  });
}
