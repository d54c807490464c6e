#include "report/quality.h"

#include <fmt/format.h>

#include "report/select.h"
#include "report/text.h"

namespace koe::report {

std::vector<QualityRow> quality_rows(const Report& report) {
  std::vector<QualityRow> out;
  for (const auto& h : report.headlines)
    out.push_back({h.tool, h.score, h.rows, h.n, h.missing, h.invalid});
  auto add_run = [&](const SegmentRun& run) {
    const auto& o = run.overall;
    out.push_back({fmt::format("segment: {} by {}", run.metric, run.dimension), run.score, run.rows,
                   o.n, o.missing, o.invalid});
  };
  for (const auto& t : report.trends) add_run(t);
  for (const auto& s : report.segments) add_run(s);
  if (report.causes) {
    const auto& r = *report.causes;
    out.push_back({"rca-tag: comments", r.text, r.rows, r.commented, r.rows - r.commented,
                   r.invalid_utf8});
    if (!r.score.empty())
      out.push_back({"rca-tag: scores of commented rows", r.score, r.commented,
                     r.commented - r.missing_scores - r.invalid_scores, r.missing_scores,
                     r.invalid_scores});
  }
  return out;
}

std::vector<std::string> definitions(const Report& report) {
  std::vector<std::string> out;
  for (const auto& h : report.headlines) {
    std::string weight = h.weight.empty() ? "unweighted"
                                          : fmt::format("weighted by {} (Kish n_eff {})", h.weight,
                                                        fixed(h.n_eff, 1));
    out.push_back(fmt::format("{} ({}): {}; {}; {}", h.tool, h.score, h.definition,
                              interval_words(h.interval, h.confidence), weight));
  }
  auto add_run = [&](const SegmentRun& run) {
    std::string against = run.trend() ? "each period against the one before"
                          : run.compared_with == "baseline" ? "each segment against the baseline"
                                                            : "each segment against the rest";
    std::string unplaced = run.rows_in_no_group > 0
                               ? fmt::format("; {} rows in no group", run.rows_in_no_group)
                               : "";
    out.push_back(fmt::format(
        "segment ({} by {}): {}; {}; {}; {}; {}-adjusted across {} tests, alpha {}; low base under "
        "{} answers{}",
        run.metric, run.dimension, run.definition, interval_words(run.interval, run.confidence),
        against, run.test, run.adjustment, run.tests, run.alpha, run.low_base_under, unplaced));
  };
  for (const auto& t : report.trends) add_run(t);
  for (const auto& s : report.segments) add_run(s);
  if (report.causes) {
    const auto& r = *report.causes;
    std::size_t never = 0;
    for (const auto& hit : r.rule_hits) never += hit.hits == 0;
    std::string scores =
        r.score.empty() ? "no score column"
                        : fmt::format("scores in {} ({}); {}-adjusted at {}% confidence; low base "
                                      "under {} scored comments",
                                      r.score, r.metric == "top_box" ? "top box" : "NPS",
                                      r.adjustment, fixed(r.confidence * 100, 0), r.low_base_under);
    out.push_back(fmt::format(
        "rca-tag: taxonomy {} ({} rules, {} engine, {} never fired); comments in {}; {}; Japanese "
        "terms split by {}",
        r.taxonomy, r.rules, r.engine, never, r.text, scores, r.japanese_terms));
  }
  out.push_back(fmt::format("Encoding: {}", report.encoding.empty()
                                                ? "UTF-8 (the tools' default; none was stated)"
                                                : report.encoding));
  out.push_back(fmt::format("Preset: {}", report.preset.empty() ? "none stated" : report.preset));
  std::string files;
  for (const auto& s : report.sources) files += (files.empty() ? "" : "; ") + s;
  out.push_back("Read from: " + files);
  return out;
}

}  // namespace koe::report
