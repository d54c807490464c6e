// drivers: which ratings move an outcome, what to fix first, and which few
// questions to keep. Key-driver analysis of an outcome (likelihood to
// recommend, overall satisfaction, a yes/no) on rating questions: each
// driver's importance (Johnson's relative weights, or the Shapley/LMG
// decomposition of R²) with a jackknife interval, its performance, the
// importance-performance matrix, collinearity, and survey slimming.
// docs/drivers.md is the reference.
#include "cli/common_options.h"
#include "metrics/drivers_report.h"

namespace {

constexpr const char* kExamples = R"(
Examples:
  drivers --outcome nps --drivers support,price,ease,delivery survey.csv
  drivers --outcome LikelyToRecommend --drivers Material,Worth,LearnedSkills \
          export.csv                 agreement labels read as 1-5 (built-in sets)
  drivers --outcome overall --drivers q1,q2,q3 --scale 1-7 --na 0 survey.csv
                                     0 means "not applicable" for the drivers
  drivers --outcome nps --drivers q1,q2,q3,q4,q5,q6 --keep 3 survey.csv
                                     the 3 questions that keep the most R²
  drivers --method shapley --outcome nps --drivers q1,q2,q3 --by 'quarter(date)' survey.csv
  drivers --outcome renewed --drivers q1,q2,q3 --weight w -o json survey.csv

Rows missing an answer in any named column are left out of the model
(listwise) and counted per column. Importances sum to R²; each has a
delete-a-group jackknife interval. Rows are in priority order: fix first
(important, below-average performance), keep up, over-invested, low priority.
Exit status: 0 ok, 1 a check failed, 2 usage error, 3 input error.)";

}  // namespace

int main(int argc, char** argv) {
  koe::DriversJob job;
  koe::cli::OutputOptions output;
  CLI::App app("Key drivers: which ratings move an outcome, and what to fix first", "drivers");
  app.footer(kExamples);
  koe::cli::add_input_options(app, job.input);
  koe::cli::add_threads_option(app, job.input);
  app.add_option("--outcome", job.outcome,
                 "Column with the outcome: an NPS 0-10, a rating, or yes/no (read as 1/0)")
      ->required()
      ->type_name("COL");
  app.add_option("--drivers", job.drivers,
                 "Columns with the driver ratings, e.g. --drivers support,price,ease")
      ->required()
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("COL[,COL...]");
  app.add_option("--scale", job.scale, "The drivers' answer scale LOW-HIGH (default 1-5)")
      ->type_name("LOW-HIGH");
  app.add_option("--top-box", job.top_box, "Driver points counted as the top box (default: top two)")
      ->type_name("POINTS");
  app.add_option("--labels", job.labels,
                 "Answer labels as scale points, or a CSV file (default: built-in Likert sets)")
      ->type_name("MAP|FILE");
  koe::cli::add_na_option(app, job.na_codes);
  app.add_option("--outcome-na", job.outcome_na_codes,
                 "Outcome answers that mean \"no answer\" (--na is for the drivers only)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("VALUE[,VALUE...]");
  koe::cli::add_by_option(app, job.by,
                          "One analysis per group: columns, bins(...), quantiles(...) or periods");
  app.add_option("--weight", job.weight,
                 "Weight column: weighted least squares; Kish effective n reported")
      ->type_name("COL");
  koe::cli::add_choice(
      app, "--method", "METHOD", koe::kDriverMethodNames,
      [&job](koe::DriverMethod method) { job.analysis.method = method; }, "Importance: ",
      {{koe::DriverMethod::relative_weights, "Johnson 2000, default"},
       {koe::DriverMethod::shapley, "LMG, exact up to 15 drivers"}});
  koe::cli::numeric(app.add_option("--samples", job.orders,
                                   "shapley over more than 15 drivers: estimate from N random orders"),
                    koe::NumberRule::whole_number(100, 10000000))
      ->type_name("N");
  koe::cli::numeric(
      app.add_option("--seed", job.analysis.seed, "Seed of the sampled orders (default 1)"),
      koe::NumberRule::whole_number())
      ->type_name("S");
  koe::cli::numeric(app.add_option("--keep", job.analysis.keep,
                                   "Name the K drivers that together keep the most R² (exact up to "
                                   "15, greedy beyond)"),
                    koe::NumberRule::whole_number(1, 1000))
      ->type_name("K");
  koe::cli::numeric(app.add_option("--jackknife-groups", job.groups,
                                   "Groups the complete rows are dealt to for the intervals "
                                   "(default 20)"),
                    koe::NumberRule::whole_number(2, 200))
      ->type_name("G");
  koe::cli::add_confidence_option(app, job.analysis.confidence,
                                  "Confidence level of intervals (default 0.95)");
  koe::cli::numeric(app.add_option("--vif-limit", job.analysis.vif_limit,
                                   "Warn of collinear drivers above this variance inflation factor "
                                   "(default 5)"),
                    koe::NumberRule::number(1, 1000))
      ->type_name("V");
  app.add_flag("--strict", job.strict,
               "An invalid answer or weight is an input error (exit 3) instead of being counted");
  koe::cli::add_min_n_option(app, job.min_n,
                             "Fail (exit 1) when fewer than N complete rows are in the model");
  koe::cli::add_output_options(app, output);

  return koe::cli::run(app, argc, argv, [&] {
    return koe::cli::print_outcome("drivers", koe::run_drivers(job),
                                   output.format.value_or(koe::output::OutputFormat::table),
                                   output.quiet);
  });
}
