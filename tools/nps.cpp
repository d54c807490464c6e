// nps: Net Promoter Score from 0-10 answers, overall and per group, with its
// standard error and confidence interval. docs/nps.md is the full reference.
#include <cstdio>

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
  CLI::App app("Net Promoter Score of 0-10 answers, with standard error and interval", "nps");
  app.footer(kExamples);
  koe::cli::add_input_options(app, job.input);
  app.add_option("-s,--score", job.score, "Column with the 0-10 answers (default: score)")
      ->type_name("COL");
  koe::cli::add_metric_options(app, job.metric);
  app.add_option_function<std::string>(
         "--interval",
         [&job](const std::string& name) {
           auto method = koe::stats::parse_interval_method(name);
           if (!method) throw CLI::ValidationError("--interval", "expected adjusted, wald or bootstrap");
           job.settings.interval = *method;
         },
         "Interval method: adjusted (adjusted-Wald, default), wald, bootstrap")
      ->type_name("METHOD");
  app.add_option("--bootstrap-samples", job.settings.bootstrap_samples,
                 "Resamples for --interval bootstrap (default 2000)")
      ->check(CLI::Range(std::uint64_t{100}, std::uint64_t{1000000}).description(""))
      ->type_name("B");
  app.add_option("--seed", job.settings.seed, "Seed of the bootstrap (default 1)")
      ->check(koe::cli::whole_number())
      ->type_name("S");

  return koe::cli::run(app, argc, argv, [&] {
    auto outcome = koe::run_nps(job);
    koe::cli::write_stdout(koe::output::render(outcome.report, job.metric.output));
    if (!job.metric.quiet)
      for (const auto& warning : outcome.warnings) std::fprintf(stderr, "nps: warning: %s\n", warning.c_str());
    for (const auto& reason : outcome.failed_checks)
      std::fprintf(stderr, "nps: check failed: %s\n", reason.c_str());
    return outcome.failed_checks.empty() ? 0 : 1;
  });
}
