#include "cli/scale_tool.h"

#include <cstdio>

namespace koe::cli {

int run_scale_tool(ScaleJob job, const char* description, const char* examples, int argc,
                   char** argv) {
  CLI::App app(description, job.tool);
  app.footer(examples);
  add_input_options(app, job.input);
  app.add_option("-s,--score", job.score, "Column with the answers (default: " + job.score + ")")
      ->type_name("COL");
  app.add_option("--scale", job.scale, "Answer scale LOW-HIGH (default " + job.scale + ")")
      ->type_name("LOW-HIGH");
  app.add_option("--top-box", job.top_box,
                 "Points counted as the favourable box, e.g. 4-5 or 6,7 (default: see --help)")
      ->type_name("POINTS");
  app.add_option("--bottom-box", job.bottom_box, "Points counted as the unfavourable box")
      ->type_name("POINTS");
  app.add_option("--labels", job.labels,
                 "Answer labels as scale points: 'Very dissatisfied=1,...,Very satisfied=5' or a "
                 "CSV file with columns label,value (default: built-in English and Japanese sets "
                 "for 5- and 7-point scales)")
      ->type_name("MAP|FILE");
  add_metric_options(app, job.metric);
  app.add_option("--fail-under-mean", job.fail_under_mean,
                 "Fail (exit 1) when the overall mean is below X")
      ->type_name("X");
  app.add_option("--fail-over-mean", job.fail_over_mean,
                 "Fail (exit 1) when the overall mean is above X (for lower-is-better scales)")
      ->type_name("X");
  if (job.tool == "ces")
    app.add_flag("--lower-is-better", job.lower_is_better,
                 "The older 1-5 \"how much effort\" form: 1 is best; the favourable box is the "
                 "low end (default 1-2)");

  return run(app, argc, argv, [&] {
    if (job.lower_is_better && app.count("--scale") == 0) job.scale = "1-5";
    auto outcome = run_scale(job);
    write_stdout(output::render(outcome.report, job.metric.output));
    if (!job.metric.quiet)
      for (const auto& warning : outcome.warnings)
        std::fprintf(stderr, "%s: warning: %s\n", job.tool.c_str(), warning.c_str());
    for (const auto& reason : outcome.failed_checks)
      std::fprintf(stderr, "%s: check failed: %s\n", job.tool.c_str(), reason.c_str());
    return outcome.failed_checks.empty() ? 0 : 1;
  });
}

}  // namespace koe::cli
