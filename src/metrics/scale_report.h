// The csat and ces job: answers on a rating scale, overall and per group,
// as top-box and bottom-box shares, mean, SD and distribution, laid out as a
// report; plus the CI checks on the result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/common_options.h"
#include "output/report.h"
#include "stats/scale.h"

namespace koe {

struct ScaleJob {
  std::string tool = "csat";
  cli::InputOptions input;
  cli::MetricOptions metric;
  std::string score = "csat";
  std::string scale = "1-5";
  std::string top_box;     // empty: the tool's default for the scale
  std::string bottom_box;  // likewise
  std::string labels;      // LABEL=N,... or a file; empty: built-in sets
  bool lower_is_better = false;
  std::optional<double> fail_under_mean;
  std::optional<double> fail_over_mean;
  // ces: on a 1-7 scale the agreement box defaults to 5-7, not the top two.
  bool agreement_box_defaults = false;
};

struct ScaleOutcome {
  output::SummaryReport report;
  stats::ScaleResult overall;
  std::vector<std::string> warnings;
  std::vector<std::string> failed_checks;
};

ScaleOutcome run_scale(const ScaleJob& job);

// The scale and boxes a job asks for, checked (usage errors name the flag).
stats::ScaleDefinition resolve_scale(const ScaleJob& job);

}  // namespace koe
