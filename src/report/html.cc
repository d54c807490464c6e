#include "report/html.h"

#include <fmt/format.h>

#include "report/charts.h"
#include "report/html_style.h"
#include "report/quality.h"
#include "report/select.h"
#include "report/text.h"

namespace koe::report {

namespace {

std::string cell(std::string_view text) {
  return fmt::format("<td{}>{}</td>", lang_attribute(text), html_escape(text));
}
std::string num(std::string_view text) { return fmt::format("<td class=\"num\">{}</td>", text); }
// `align` has an l (text) or r (number) per column.
std::string heads(std::initializer_list<std::string_view> names, std::string_view align) {
  std::string out = "<tr>";
  std::size_t i = 0;
  for (auto name : names)
    out += fmt::format("<th{}>{}</th>", align.at(i++) == 'r' ? " class=\"num\"" : "",
                       html_escape(name));
  return out + "</tr>\n";
}
std::string span(std::string_view text) {
  return fmt::format("<span{}>{}</span>", lang_attribute(text), html_escape(text));
}
std::string findings(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& f : lines) out += fmt::format("<p class=\"note\">{}</p>\n", span(f));
  return out;
}

// The latest period of a trend, its figure and its change in words; a
// significant change is coloured and marked with an arrow.
std::string latest(const SegmentRun& t, int last) {
  const auto& row = t.groups[last];
  bool down = row.difference.value_or(0) < 0;
  std::string cls = row.significant ? (down ? " sig-down" : " sig-up") : "";
  std::string arrow = row.significant ? (down ? "▼ " : "▲ ") : "";
  return fmt::format("<div class=\"change{}\">{}{}: <strong>{}</strong> ({} to {}), n {}; {}</div>",
                     cls, arrow, span(row.label), fixed(row.value, 1), fixed(row.ci_low, 1),
                     fixed(row.ci_high, 1), row.n, html_escape(change_words(t, last)));
}

void headline(std::string& out, const Report& report) {
  out += "<section id=\"headline\">\n<h2>Headline</h2>\n<div class=\"cards\">\n";
  for (const auto& h : report.headlines) {
    const SegmentRun* t = trend_for(report, h);
    int last = t ? latest_period(*t) : -1;
    out += fmt::format(
        "<div class=\"card\" data-tool=\"{}\" data-value=\"{}\" data-n=\"{}\">"
        "<div class=\"metric\">{}{} ({}), all answers</div><div class=\"value\">{}</div>"
        "<div>{} {} to {}; n {}{}{}</div>{}</div>\n",
        h.tool, h.value ? exact(*h.value) : "", h.n, metric_name(h), h.tool == "nps" ? "" : ", % top box",
        span(h.score), fixed(h.value, 1), interval_words(h.interval, h.confidence), fixed(h.ci_low, 1),
        fixed(h.ci_high, 1), h.n, h.n_eff ? fmt::format(" (n_eff {})", fixed(h.n_eff, 1)) : "",
        h.mean ? fmt::format("; mean {}", fixed(h.mean, 2)) : "", last >= 0 ? latest(*t, last) : "");
  }
  out += "</div>\n";
  // A trend with no card of its own (no nps/csat/ces file of its metric) gets a line.
  for (const auto& t : report.trends) {
    int last = latest_period(t);
    bool carded = false;
    for (const auto& h : report.headlines) carded = carded || trend_for(report, h) == &t;
    if (last >= 0 && !carded)
      out += fmt::format("<p>{}, {}</p>\n", html_escape(t.metric), latest(t, last));
  }
  if (report.headlines.empty() && report.trends.empty())
    out += "<p>No metric was given (nps, csat or ces JSON, or a segment trend).</p>\n";
  out += "</section>\n";
}

void trend(std::string& out, const SegmentRun& t, int index) {
  std::string id = fmt::format("trend-{}", index);
  out += fmt::format("<section id=\"{}-section\">\n<h2>Trend: {} by {}</h2>\n<figure>\n", id,
                     html_escape(t.metric), span(t.dimension));
  out += trend_chart(t, id);
  out += fmt::format("<figcaption>{} per period with its {}; hollow points have fewer than {} "
                     "answers.</figcaption>\n</figure>\n",
                     html_escape(t.metric), interval_words(t.interval, t.confidence), t.low_base_under);
  out += findings(t.findings);
  out += "<table>\n" + heads({"period", "n", t.metric, "CI low", "CI high", "change"}, "lrrrrl");
  for (std::size_t i = 0; i < t.groups.size(); ++i) {
    const auto& g = t.groups[i];
    out += "<tr>" + cell(g.label) + num(std::to_string(g.n)) + num(fixed(g.value, 1)) +
           num(fixed(g.ci_low, 1)) + num(fixed(g.ci_high, 1)) +
           cell(change_words(t, i)) + "</tr>\n";
  }
  out += "</table>\n</section>\n";
}

void segments(std::string& out, const SegmentRun& s, int index) {
  std::string id = fmt::format("segments-{}", index);
  out += fmt::format("<section id=\"{}-section\">\n<h2>Segments that moved: {} by {}</h2>\n", id,
                     html_escape(s.metric), span(s.dimension));
  auto moved = moved_segments(s);
  if (!moved.empty()) {
    out += "<figure>\n" + impact_chart(s, moved, id);
    out += "<figcaption>Significant segments ranked by impact: how far the overall figure would "
           "move if the segment scored like the rest; most harmful first.</figcaption>\n</figure>\n";
    std::string against = s.compared_with == "baseline" ? "base" : "rest";
    out += "<table>\n" + heads({"rank", "segment", "n", s.metric, against, "diff", "p adj", "impact"}, "rlrrrrrr");
    int rank = 0;
    for (const auto* r : moved)
      out += "<tr>" + num(std::to_string(++rank)) + cell(r->label) + num(std::to_string(r->n)) +
             num(fixed(r->value, 1)) + num(fixed(r->reference, 1)) + num(fixed(r->difference, 1)) +
             num(html_escape(p_text(r->p_adjusted).substr(6))) + num(fixed(r->impact, 2)) + "</tr>\n";
    out += "</table>\n";
  }
  out += findings(s.findings);
  out += "</section>\n";
}

void causes(std::string& out, const RootCauses& r) {
  bool nps = r.metric != "top_box";
  std::string who = nps ? "detractors" : "dissatisfied";
  std::string metric = nps ? "NPS" : "%top";
  out += "<section id=\"root-causes\">\n<h2>Root causes</h2>\n";
  out += fmt::format("<p><strong>{}%</strong> of commented rows carry no tag ({} of {}).</p>\n",
                     fixed(r.pct_untagged, 1), r.untagged, r.commented);
  auto pareto = pareto_causes(r);
  if (pareto.empty()) {
    out += fmt::format("<p>No tag is mentioned by {}.</p>\n</section>\n", who);
    return;
  }
  out += "<figure>\n" + pareto_chart(r, pareto, "pareto");
  out += fmt::format("<figcaption>Causes at the taxonomy's finest level, by the share of {} whose "
                     "comment carries them.</figcaption>\n</figure>\n", who);
  out += "<table>\n" + heads({"tag", "owner", "% of " + who, "n", metric + " with", metric + " without",
                              "impact", "p adj"}, "llrrrrrr");
  for (const auto* c : pareto)
    out += "<tr>" + cell(c->tag) + cell(c->owner) + num(fixed(c->pct_detractors, 1)) +
           num(std::to_string(c->count)) + num(fixed(c->metric_with, 1)) +
           num(fixed(c->metric_without, 1)) + num(fixed(c->impact, 2)) +
           num(c->low_base ? "low base" : html_escape(p_text(c->p_adjusted).substr(6))) + "</tr>\n";
  out += fmt::format("</table>\n<p class=\"note\">Impact: {} points all commented rows would gain if "
                     "the tagged ones scored like the rest.</p>\n</section>\n", metric);
}

void quality(std::string& out, const Report& report) {
  out += "<section id=\"data-quality\">\n<h2>Data quality</h2>\n<table>\n" +
         heads({"source", "column", "rows", "valid", "missing", "invalid"}, "llrrrr");
  for (const auto& q : quality_rows(report))
    out += "<tr>" + cell(q.source) + cell(q.column) + num(std::to_string(q.rows)) +
           num(std::to_string(q.valid)) + num(std::to_string(q.missing)) +
           num(std::to_string(q.invalid)) + "</tr>\n";
  out += "</table>\n<ul class=\"note\">\n";
  for (const auto& line : definitions(report)) out += "<li>" + span(line) + "</li>\n";
  out += "</ul>\n</section>\n";
}

}  // namespace

std::string write_html(const Report& report) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n",
      html_escape(report.title), kReportCss, span(report.title));
  out += "<p class=\"meta\">Every number is from the JSON the koe tools wrote.</p>\n</header>\n<main>\n";
  headline(out, report);
  int index = 0;
  for (const auto& t : report.trends) trend(out, t, ++index);
  index = 0;
  for (const auto& s : report.segments) segments(out, s, ++index);
  if (report.causes) causes(out, *report.causes);
  quality(out, report);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace koe::report
