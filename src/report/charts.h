// The report's charts as inline SVG, drawn from the model's numbers. Every
// mark that shows a number carries it in a data-* attribute at full
// precision (data-value and friends), so a test can compare the drawing
// with the JSON it came from.
#pragma once

#include <string>
#include <vector>

#include "report/model.h"

namespace koe::report {

// A metric over periods: a point per period with its interval as a
// whisker; low-base periods hollow, significant changes marked ▲/▼.
std::string trend_chart(const SegmentRun& trend, const std::string& id);

// The segments that moved, as bars of their impact on the overall figure.
std::string impact_chart(const SegmentRun& run, const std::vector<const SegmentRow*>& rows,
                         const std::string& id);

// Causes as bars of their share among detractors, largest first, with the
// cumulative share as a line.
std::string pareto_chart(const RootCauses& causes, const std::vector<const Cause*>& rows,
                         const std::string& id);

}  // namespace koe::report
