// The nps job: read answers, accumulate overall and per group, finish each
// result, and lay it out as a report; plus the CI checks on the result.
#pragma once

#include <string>

#include "input/record_reader.h"
#include "metrics/metric_options.h"
#include "outcome.h"
#include "stats/nps.h"

namespace koe {

struct NpsJob {
  Inputs input;
  MetricOptions metric;
  std::string score = "score";
  stats::NpsSettings settings;
};

Outcome run_nps(const NpsJob& job);

}  // namespace koe
