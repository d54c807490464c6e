// The layout of a drivers report: the finished analyses (the whole input,
// and each --by group) as rows, breakdowns, facts and notes. Kept apart from
// the reading and the statistics so each stays short.
#pragma once

#include <string>
#include <vector>

#include "metrics/drivers_analysis.h"
#include "metrics/metric_scan.h"
#include "output/report.h"
#include "stats/drivers.h"

namespace koe {

// One analysis with the key that names it (empty for the whole input).
struct KeyedAnalysis {
  std::vector<std::string> key;  // labels, one per dimension
  Analysis analysis;
};

// What the report says about the run besides the numbers.
struct DriversLayout {
  std::vector<std::string> columns;  // header names: the outcome, then the drivers
  std::string scale, top_box, labels_source, weight;
  AnalysisSettings settings;
  std::size_t groups = 0;  // jackknife groups asked for
  const ScanInfo* info = nullptr;
  const stats::DriversAccumulator* overall = nullptr;  // for the answers' accounting
};

// `segments`: one per --by group, in group order (none without --by);
// `whole`: the analysis of every row.
output::SummaryReport drivers_report(const DriversLayout& layout, const KeyedAnalysis& whole,
                                     const std::vector<KeyedAnalysis>& segments);

}  // namespace koe
