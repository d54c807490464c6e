// The nps job: read answers, accumulate overall and per group, finish each
// result, and lay it out as a report; plus the CI checks on the result.
#pragma once

#include <string>
#include <vector>

#include "cli/common_options.h"
#include "output/report.h"
#include "stats/nps.h"

namespace koe {

struct NpsJob {
  cli::InputOptions input;
  cli::MetricOptions metric;
  std::string score = "score";
  stats::NpsSettings settings;
};

struct NpsOutcome {
  output::SummaryReport report;
  stats::NpsResult overall;
  std::vector<std::string> warnings;        // printed on stderr unless --quiet
  std::vector<std::string> failed_checks;   // each a one-line reason; exit 1 if any
};

NpsOutcome run_nps(const NpsJob& job);

}  // namespace koe
