#include "cli/scale_tool.h"

#include <fmt/format.h>

#include "cli/common_options.h"

namespace koe::cli {

int run_scale_tool(const ScaleProfile& profile, const char* description, const char* examples,
                   int argc, char** argv) {
  ScaleJob job(profile);
  OutputOptions output;
  CLI::App app(description, std::string(profile.tool));
  // How answers are read, and the exit statuses: the same for every scale tool.
  app.footer(std::string(examples) + R"(Blanks and NA, N/A, #N/A, null, None, NaN, -, . are missing (and --na codes);
other answers off the scale are invalid; both are counted and shown.
Exit status: 0 ok, 1 a check failed, 2 usage error, 3 input error.)");
  add_input_options(app, job.input);
  add_threads_option(app, job.input);
  app.add_option("-s,--score", job.score, fmt::format("Column with the answers (default: {})", profile.score))
      ->type_name("COL");
  app.add_option("--scale", job.scale, fmt::format("Answer scale LOW-HIGH (default {})", profile.scale))
      ->type_name("LOW-HIGH");
  app.add_option("--top-box", job.top_box,
                 "Points counted as the favourable box, e.g. 4-5 or 6,7 (default: see below)")
      ->type_name("POINTS");
  app.add_option("--bottom-box", job.bottom_box, "Points counted as the unfavourable box")
      ->type_name("POINTS");
  app.add_option("--labels", job.labels,
                 "Answer labels as scale points: 'Very dissatisfied=1,...,Very satisfied=5' or a "
                 "CSV file with columns label,value (default: built-in English and Japanese sets "
                 "for 5- and 7-point scales)")
      ->type_name("MAP|FILE");
  add_metric_options(app, job.metric);
  add_output_options(app, output);
  numeric(app.add_option("--fail-under-mean", job.fail_under_mean,
                         "Fail (exit 1) when the overall mean is below X"),
          NumberRule::number())
      ->type_name("X");
  numeric(app.add_option("--fail-over-mean", job.fail_over_mean,
                         "Fail (exit 1) when the overall mean is above X (for lower-is-better "
                         "scales)"),
          NumberRule::number())
      ->type_name("X");
  if (profile.offers_lower_is_better)
    app.add_flag("--lower-is-better", job.lower_is_better,
                 fmt::format("The older {} \"how much effort\" form: 1 is best; the favourable box "
                             "is the low end (default 1-2)",
                             profile.lower_is_better_scale));

  return run(app, argc, argv, [&] {
    return print_outcome(profile.tool, run_scale(job),
                         output.format.value_or(output::OutputFormat::table), output.quiet);
  });
}

}  // namespace koe::cli
