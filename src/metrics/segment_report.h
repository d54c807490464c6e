// The segment job: where a metric moves and whether it is real. The metric
// (NPS, CSAT or CES top box, or a mean) is broken down by the --by
// dimensions; each segment is compared with the rest of the data (or, along
// a period dimension, each period with the one before it; or, with a
// baseline export, each segment with itself there): difference, SE, z,
// two-sided p, p adjusted across segments, a flag with its direction, and
// each segment's impact on the overall figure. docs/segment.md is the
// reference; every statistic comes from src/stats.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "input/record_reader.h"
#include "metrics/metric_options.h"
#include "metrics/scale_report.h"
#include "metrics/segment_table.h"
#include "names.h"
#include "outcome.h"
#include "stats/multiple.h"

namespace koe {

enum class SegmentMetric { nps, csat, ces, mean };

inline constexpr NameTable<SegmentMetric, 4> kSegmentMetricNames{{
    {"nps", SegmentMetric::nps},
    {"csat", SegmentMetric::csat},
    {"ces", SegmentMetric::ces},
    {"mean", SegmentMetric::mean},
}};

struct SegmentJob {
  Inputs input;
  MetricOptions metric;
  SegmentMetric kind = SegmentMetric::nps;
  std::string score;  // empty: the metric's default column (score, csat, ces)
  ScaleJob scale;     // csat and ces: scale, boxes, labels, direction
  stats::Adjustment adjustment = stats::Adjustment::holm;
  double alpha = 0.05;
  SegmentSort sort = SegmentSort::name;
  bool crosstab = false;              // two dimensions as rows by columns
  bool crosstab_matrix = false;       // ... laid out as a matrix (tables, Markdown)
  std::vector<std::string> baseline;  // --compare: the export to compare with
  bool fail_if_significant_drop = false;
};

Outcome run_segment(const SegmentJob& job);

}  // namespace koe
