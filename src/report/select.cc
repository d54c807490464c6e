#include "report/select.h"

#include <algorithm>

namespace koe::report {

std::vector<const Cause*> pareto_causes(const RootCauses& causes) {
  std::vector<const Cause*> out;
  for (const auto& c : causes.causes)
    if (c.leaf && c.pct_detractors && *c.pct_detractors > 0) out.push_back(&c);
  std::stable_sort(out.begin(), out.end(), [](const Cause* a, const Cause* b) {
    if (*a->pct_detractors != *b->pct_detractors) return *a->pct_detractors > *b->pct_detractors;
    return a->tag < b->tag;
  });
  return out;
}

std::vector<const SegmentRow*> moved_segments(const SegmentRun& run) {
  std::vector<const SegmentRow*> out;
  for (const auto& row : run.groups)
    if (row.significant) out.push_back(&row);
  std::stable_sort(out.begin(), out.end(), [](const SegmentRow* a, const SegmentRow* b) {
    if (a->impact.has_value() != b->impact.has_value()) return a->impact.has_value();
    if (a->impact && *a->impact != *b->impact) return *a->impact < *b->impact;
    return a->difference.value_or(0) < b->difference.value_or(0);
  });
  return out;
}

std::string metric_name(const Headline& headline) {
  if (headline.tool == "nps") return "NPS";
  return headline.tool == "csat" ? "CSAT" : "CES";
}

const SegmentRun* trend_for(const Report& report, const Headline& headline) {
  for (const auto& run : report.trends)
    if (run.score == headline.score && run.metric == metric_name(headline)) return &run;
  return nullptr;
}

int latest_period(const SegmentRun& trend) {
  for (int i = static_cast<int>(trend.groups.size()) - 1; i >= 0; --i)
    if (trend.groups[i].n > 0) return i;
  return -1;
}

}  // namespace koe::report
