// What each section picks from the model, shared by the Markdown and HTML
// writers so both show the same rows in the same order.
#pragma once

#include <string>
#include <vector>

#include "report/model.h"

namespace koe::report {

// The causes of the Pareto chart: the taxonomy's leaves (a parent's share
// would count its children twice) that some detractors mention, largest
// share first, ties by tag.
std::vector<const Cause*> pareto_causes(const RootCauses& causes);

// The segments flagged significant, ranked by impact: most harmful (most
// negative) first, as `segment --sort impact` ranks them.
std::vector<const SegmentRow*> moved_segments(const SegmentRun& run);

// The trend of the same metric and score column as a headline, if given.
const SegmentRun* trend_for(const Report& report, const Headline& headline);

// "NPS", "CSAT", "CES": a headline's metric name.
std::string metric_name(const Headline& headline);

// The index of the last period with any answers, or -1 when none has.
int latest_period(const SegmentRun& trend);

}  // namespace koe::report
