#include "report/markdown.h"

#include <fmt/format.h>

#include "report/quality.h"
#include "report/select.h"
#include "report/text.h"

namespace koe::report {

namespace {

void headline(std::string& out, const Report& report) {
  out += "## Headline\n\n";
  if (report.headlines.empty() && report.trends.empty()) {
    out += "No metric was given (nps, csat or ces JSON, or a segment trend).\n\n";
    return;
  }
  for (const auto& h : report.headlines) {
    std::string mean = h.mean ? fmt::format(", mean {}", fixed(h.mean, 2)) : "";
    out += fmt::format("- **{}** ({}): {}{} ({} {} to {}), n {}{}{}\n", metric_name(h),
                       md_cell(h.score), fixed(h.value, 1), h.tool == "nps" ? "" : "% top box",
                       interval_words(h.interval, h.confidence), fixed(h.ci_low, 1),
                       fixed(h.ci_high, 1), h.n,
                       h.n_eff ? fmt::format(" (n_eff {})", fixed(h.n_eff, 1)) : "", mean);
  }
  for (const auto& t : report.trends) {
    int last = latest_period(t);
    if (last < 0) continue;
    const SegmentRow& row = t.groups[last];
    out += fmt::format("- **{}, {}**: {} ({} to {}), n {}; {}\n", t.metric, md_cell(row.label),
                       fixed(row.value, 1), fixed(row.ci_low, 1), fixed(row.ci_high, 1), row.n,
                       change_words(t, last));
  }
  out += "\n";
}

void trend(std::string& out, const SegmentRun& t) {
  out += fmt::format("## Trend: {} by {}\n\n", t.metric, md_cell(t.dimension));
  out += fmt::format("| {} | n | {} | CI low | CI high | change |\n", md_cell(t.dimension), t.metric);
  out += "| :--- | ---: | ---: | ---: | ---: | :--- |\n";
  for (std::size_t i = 0; i < t.groups.size(); ++i) {
    const auto& g = t.groups[i];
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", md_cell(g.label), g.n,
                       fixed(g.value, 1), fixed(g.ci_low, 1), fixed(g.ci_high, 1),
                       md_cell(change_words(t, i)));
  }
  out += "\n";
  for (const auto& f : t.findings) out += fmt::format("_{}_  \n", md_cell(f));
  out += "\n";
}

void segments(std::string& out, const SegmentRun& s) {
  out += fmt::format("## Segments that moved: {} by {}\n\n", s.metric, md_cell(s.dimension));
  auto moved = moved_segments(s);
  std::string against = s.compared_with == "baseline" ? "base" : "rest";
  if (!moved.empty()) {
    out += fmt::format("Ranked by impact (most harmful first), against the {}:\n\n", against);
    out += fmt::format("| rank | segment | n | {} | {} | diff | p adj | impact |\n", s.metric, against);
    out += "| ---: | :--- | ---: | ---: | ---: | ---: | ---: | ---: |\n";
    int rank = 0;
    for (const auto* r : moved)
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", ++rank, md_cell(r->label),
                         r->n, fixed(r->value, 1), fixed(r->reference, 1),
                         fixed(r->difference, 1), p_text(r->p_adjusted).substr(6),
                         fixed(r->impact, 2));
    out += "\n";
  }
  for (const auto& f : s.findings) out += fmt::format("_{}_  \n", md_cell(f));
  out += "\n";
}

void causes(std::string& out, const RootCauses& r) {
  bool nps = r.metric != "top_box";
  std::string who = nps ? "detractors" : "dissatisfied";
  std::string metric = nps ? "NPS" : "%top";
  out += "## Root causes\n\n";
  out += fmt::format("{} of {} commented rows ({}%) carry no tag.\n\n", r.untagged, r.commented,
                     fixed(r.pct_untagged, 1));
  auto pareto = pareto_causes(r);
  if (pareto.empty()) {
    out += fmt::format("No tag is mentioned by {}.\n\n", who);
    return;
  }
  out += fmt::format("| tag | owner | % of {} | cumulative % | n | {} with | {} without | impact | p adj |\n",
                     who, metric, metric);
  out += "| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  double cumulative = 0;
  for (const auto* c : pareto) {
    cumulative += *c->pct_detractors;
    std::string p = c->low_base ? "low base" : p_text(c->p_adjusted).substr(6);
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", md_cell(c->tag),
                       md_cell(c->owner), fixed(c->pct_detractors, 1), fixed(cumulative, 1),
                       c->count, fixed(c->metric_with, 1), fixed(c->metric_without, 1),
                       fixed(c->impact, 2), p);
  }
  out += fmt::format(
      "\n_Shares of the {} whose comment carries the tag; a comment can carry several, so the "
      "cumulative share can pass 100. Impact: {} points all commented rows would gain if the "
      "tagged ones scored like the rest._\n\n",
      who, metric);
}

void quality(std::string& out, const Report& report) {
  out += "## Data quality\n\n";
  out += "| source | column | rows | valid | missing | invalid |\n";
  out += "| :--- | :--- | ---: | ---: | ---: | ---: |\n";
  for (const auto& row : quality_rows(report))
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", md_cell(row.source),
                       md_cell(row.column), row.rows, row.valid, row.missing, row.invalid);
  out += "\n";
  for (const auto& line : definitions(report)) out += fmt::format("- {}\n", md_cell(line));
  out += "\n";
}

}  // namespace

std::string write_markdown(const Report& report) {
  std::string out = fmt::format("# {}\n\n", md_cell(report.title));
  headline(out, report);
  for (const auto& t : report.trends) trend(out, t);
  for (const auto& s : report.segments) segments(out, s);
  if (report.causes) causes(out, *report.causes);
  quality(out, report);
  return out;
}

}  // namespace koe::report
