// The drivers job: which ratings move an outcome. Reads the outcome and the
// driver columns in one pass into sums (stats/drivers.h), overall and per
// --by group, finishes one analysis each (drivers_analysis.h) and lays them
// out as a report: a row per driver in priority order (importance with its
// interval, performance, quadrant), the models' fit, the matrix, the
// answers' accounting and the drivers to keep. docs/drivers.md is the
// reference.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "input/record_reader.h"
#include "metrics/drivers_analysis.h"
#include "outcome.h"

namespace koe {

struct DriversJob {
  Inputs input;
  std::string outcome;
  std::vector<std::string> drivers;  // each may be a comma-separated list
  std::vector<std::string> by;
  std::string weight;                       // empty: unweighted
  std::vector<std::string> na_codes;        // the drivers' "no answer" codes
  std::vector<std::string> outcome_na_codes;
  std::string scale = "1-5";  // the drivers' scale
  std::string top_box;        // empty: the scale's default
  std::string labels;         // LABEL=N,... or a file; empty: built-in sets
  AnalysisSettings analysis;
  std::optional<std::uint64_t> orders;  // --samples: sampled Shapley orders
  std::size_t groups = 20;              // jackknife groups
  bool strict = false;
  std::optional<std::uint64_t> min_n;
};

Outcome run_drivers(const DriversJob& job);

}  // namespace koe
