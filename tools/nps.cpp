// nps: Net Promoter Score from 0-10 answers, overall and per group, with its
// standard error and confidence interval. docs/nps.md is the full reference.
#include "cli/common_options.h"
#include "metrics/nps_report.h"

namespace {

constexpr const char* kExamples = R"(
Examples:
  nps responses.csv                          NPS of the "score" column
  nps --by plan responses.csv                one row per plan, then all rows
  nps --score LikelyToRecommend --weight w survey.csv
  nps --preset qualtrics --score Q5 export.csv
  nps -o json --by region,plan responses.ndjson
  nps --fail-under 30 --min-n 100 nightly.csv   exit 1 when NPS < 30 or n < 100

Promoters answer 9-10, passives 7-8, detractors 0-6; NPS = %promoters - %detractors.
Blanks and NA, N/A, #N/A, null, None, NaN, -, . are missing (and --na codes);
other non-0..10 answers are invalid; both are counted and shown.
Exit status: 0 ok, 1 a check failed, 2 usage error, 3 input error.)";

}  // namespace

int main(int argc, char** argv) {
  koe::NpsJob job;
  koe::cli::OutputOptions output;
  CLI::App app("Net Promoter Score of 0-10 answers, with standard error and interval", "nps");
  app.footer(kExamples);
  koe::cli::add_input_options(app, job.input);
  koe::cli::add_threads_option(app, job.input);
  app.add_option("-s,--score", job.score, "Column with the 0-10 answers (default: score)")
      ->type_name("COL");
  koe::cli::add_metric_options(app, job.metric);
  koe::cli::add_output_options(app, output);
  koe::cli::add_choice(
      app, "--interval", "METHOD", koe::stats::kIntervalMethodNames,
      [&job](koe::stats::IntervalMethod method) { job.settings.interval = method; },
      "Interval method: ",
      {{koe::stats::IntervalMethod::adjusted_wald, "adjusted-Wald, default"}});
  koe::cli::numeric(app.add_option("--bootstrap-samples", job.settings.bootstrap_samples,
                                   "Resamples for --interval bootstrap (default 2000)"),
                    koe::NumberRule::whole_number(100, 1000000))
      ->type_name("B");
  koe::cli::numeric(app.add_option("--seed", job.settings.seed, "Seed of the bootstrap (default 1)"),
                    koe::NumberRule::whole_number())
      ->type_name("S");

  return koe::cli::run(app, argc, argv, [&] {
    return koe::cli::print_outcome("nps", koe::run_nps(job),
                                   output.format.value_or(koe::output::OutputFormat::table),
                                   output.quiet);
  });
}
