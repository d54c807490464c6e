#include "report/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/svg.h"
#include "report/text.h"

namespace koe::report {

namespace {

constexpr double kWidth = 680;

std::string attr(std::string_view name, std::string_view value) {
  return fmt::format(" data-{}=\"{}\"", name, html_escape(value));
}

std::string attr(std::string_view name, Number value) {
  return value ? attr(name, exact(*value)) : std::string();
}

// Y axis ticks and grid from lo to hi over the plot's left..right.
void y_axis(Svg& svg, const Scale& y, const std::vector<double>& ticks, double left, double right,
            int decimals) {
  for (double t : ticks) svg.y_tick(y(t), left, right, fixed(t, decimals));
  if (y.lo < 0 && y.hi > 0) svg.line(left, y(0), right, y(0), "zero");
}

}  // namespace

std::string trend_chart(const SegmentRun& t, const std::string& id) {
  const double left = 56, right = kWidth - 16, top = 16, bottom = 212, height = 262;
  double lo = 1e300, hi = -1e300;
  for (const auto& g : t.groups)
    for (Number v : {g.value, g.ci_low, g.ci_high})
      if (v) lo = std::min(lo, *v), hi = std::max(hi, *v);
  if (lo > hi) lo = hi = 0;
  auto ticks = nice_ticks(lo, hi, 5);
  Scale y{lo, hi, bottom, top};
  Svg svg(kWidth, height, id, fmt::format("{} by {}, with {} intervals", t.metric, t.dimension,
                                          interval_words(t.interval, t.confidence)));
  y_axis(svg, y, ticks, left, right, ticks.size() > 1 && ticks[1] - ticks[0] < 1 ? 1 : 0);
  std::size_t count = std::max<std::size_t>(t.groups.size(), 1);
  double band = (right - left) / count;
  std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(56 / band)));
  std::vector<std::pair<double, double>> run;
  for (std::size_t i = 0; i < t.groups.size(); ++i) {
    const auto& g = t.groups[i];
    double x = left + band * (i + 0.5);
    if (i % every == 0) svg.text(x, bottom + 18, g.label, "tick", "middle");
    if (!g.value) {
      svg.polyline(run, "series");
      run.clear();
      continue;
    }
    run.emplace_back(x, y(*g.value));
    if (g.ci_low && g.ci_high) {
      std::string data = attr("period", g.label) + attr("ci-low", g.ci_low) + attr("ci-high", g.ci_high);
      svg.line(x, y(*g.ci_low), x, y(*g.ci_high), "whisker", data);
      svg.line(x - 4, y(*g.ci_low), x + 4, y(*g.ci_low), "whisker");
      svg.line(x - 4, y(*g.ci_high), x + 4, y(*g.ci_high), "whisker");
    }
    if (g.significant)
      svg.text(x, y(g.ci_high.value_or(*g.value)) - 6, g.direction == "down" ? "▼" : "▲",
               g.direction == "down" ? "mark down" : "mark up", "middle");
  }
  svg.polyline(run, "series");
  // Points last, so they sit on top of the line.
  for (std::size_t i = 0; i < t.groups.size(); ++i) {
    const auto& g = t.groups[i];
    if (!g.value) continue;
    double x = left + band * (i + 0.5);
    std::string data = attr("period", g.label) + attr("value", g.value) +
                       fmt::format(" data-n=\"{}\" data-low-base=\"{}\"", g.n, g.low_base);
    svg.circle(x, y(*g.value), 4.5, g.low_base ? "point low-base" : "point", data,
               fmt::format("{}: {} ({} to {}), n {}{}", g.label, fixed(g.value, 1),
                           fixed(g.ci_low, 1), fixed(g.ci_high, 1), g.n,
                           g.low_base ? ", low base" : ""));
  }
  double ly = height - 14;
  // Legend items placed by an estimate of their text's width (11 px type,
  // about 6 px a character), so a long metric name does not run into the next.
  std::string first = fmt::format("{} with its interval", t.metric);
  std::string second = fmt::format("low base (n < {})", t.low_base_under);
  double x2 = left + 16 + 6.0 * first.size() + 20, x3 = x2 + 10 + 6.0 * second.size() + 20;
  svg.circle(left + 6, ly - 4, 4.5, "point", "", "period");
  svg.text(left + 16, ly, first, "legend");
  svg.circle(x2, ly - 4, 4.5, "point low-base", "", "low base");
  svg.text(x2 + 10, ly, second, "legend");
  svg.text(x3, ly, "▲ ▼ significant change", "legend");
  return svg.finish();
}

std::string impact_chart(const SegmentRun& run, const std::vector<const SegmentRow*>& rows,
                         const std::string& id) {
  const double left = 200, right = kWidth - 56, top = 16, row_height = 24;
  double bottom = top + row_height * rows.size();
  double height = bottom + 40;
  double lo = 0, hi = 0;
  for (const auto* r : rows)
    if (r->impact) lo = std::min(lo, *r->impact), hi = std::max(hi, *r->impact);
  auto ticks = nice_ticks(lo, hi, 5);
  Scale x{lo, hi, left, right};
  Svg svg(kWidth, height, id, fmt::format("Impact of the segments that moved on the overall {}", run.metric));
  for (double t : ticks) {
    svg.line(x(t), top, x(t), bottom, "grid");
    svg.text(x(t), bottom + 16, fixed(t, ticks[1] - ticks[0] < 1 ? 1 : 0), "tick", "middle");
  }
  svg.line(x(0), top, x(0), bottom, "zero");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto* r = rows[i];
    double y = top + row_height * i;
    svg.text(left - 8, y + 16, r->label, "label", "end");
    if (!r->impact) continue;
    double a = x(std::min(0.0, *r->impact)), b = x(std::max(0.0, *r->impact));
    bool below = r->direction == "below" || r->direction == "down";
    std::string data = attr("segment", r->label) + attr("value", r->impact) +
                       attr("difference", r->difference) + attr("p-adjusted", r->p_adjusted);
    svg.rect(a, y + 4, b - a, row_height - 8, below ? "bar below" : "bar above", data,
             fmt::format("{}: {} {}, impact {}", r->label, run.metric, fixed(r->value, 1),
                         fixed(r->impact, 2)));
    svg.text(*r->impact < 0 ? a - 4 : b + 4, y + 16, fixed(r->impact, 2), "value",
             *r->impact < 0 ? "end" : "start");
  }
  svg.text(left, height - 6, fmt::format("impact on the overall {} ({}; below the rest left, above right)",
                                         run.metric, run.unit.empty() ? "units" : run.unit),
           "legend");
  return svg.finish();
}

std::string pareto_chart(const RootCauses& causes, const std::vector<const Cause*>& rows,
                         const std::string& id) {
  // The wide left margin holds the first bars' slanted labels (tag and owner).
  const double left = 130, right = kWidth - 48, top = 24, bottom = 208, height = 420;
  bool nps = causes.metric != "top_box";
  std::string who = nps ? "detractors" : "dissatisfied";
  double total = 0, biggest = 0;
  for (const auto* c : rows) total += *c->pct_detractors, biggest = std::max(biggest, *c->pct_detractors);
  // Bars on the left axis, scaled to the largest share so small causes stay
  // visible; the cumulative line on the right axis, 0 to 100 (or more: a
  // comment can carry several causes).
  double lo = 0, hi = biggest;
  auto ticks = nice_ticks(lo, hi, 5);
  Scale y{lo, hi, bottom, top};
  double cum_lo = 0, cum_hi = std::max(100.0, total);
  auto cum_ticks = nice_ticks(cum_lo, cum_hi, 5);
  Scale cy{cum_lo, cum_hi, bottom, top};
  Svg svg(kWidth, height, id, fmt::format("Root causes: share of {} mentioning each, largest first", who));
  y_axis(svg, y, ticks, left, right, ticks.size() > 1 && ticks[1] - ticks[0] < 1 ? 1 : 0);
  for (double t : cum_ticks) svg.text(right + 6, cy(t) + 4, fixed(t, 0), "tick cumulative-tick");
  svg.text(left - 40, top - 10, fmt::format("% of {}", who), "tick");
  svg.text(kWidth - 4, top - 10, "cumulative %", "tick", "end");
  double band = (right - left) / std::max<std::size_t>(rows.size(), 1);
  double cumulative = 0;
  std::vector<std::pair<double, double>> line;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto* c = rows[i];
    double x = left + band * i;
    double share = *c->pct_detractors;
    cumulative += share;
    std::string data = attr("tag", c->tag) + attr("owner", c->owner) + attr("value", c->pct_detractors) +
                       attr("impact", c->impact);
    svg.rect(x + band * 0.15, y(share), band * 0.7, y(0) - y(share), "bar cause", data,
             fmt::format("{} ({}): {}% of {}, impact {}", c->tag, c->owner, fixed(share, 1), who,
                         fixed(c->impact, 2)));
    svg.text(x + band / 2, y(share) - 4, fixed(share, 1), "value", "middle");
    std::string label = c->owner.empty() ? c->tag : fmt::format("{} ({})", c->tag, c->owner);
    svg.text(x + band / 2 + 4, bottom + 12, label, "label", "end", -55);
    line.emplace_back(x + band / 2, cy(cumulative));
  }
  svg.polyline(line, "cumulative");
  cumulative = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    cumulative += *rows[i]->pct_detractors;
    svg.circle(line[i].first, line[i].second, 3, "cum-point", attr("cumulative", Number(cumulative)),
               fmt::format("cumulative {}%", fixed(cumulative, 1)));
  }
  double ly = height - 10;
  svg.rect(left, ly - 10, 12, 10, "bar cause", "", "share");
  svg.text(left + 18, ly, fmt::format("% of {} whose comment carries the cause", who), "legend");
  svg.line(left + 340, ly - 5, left + 364, ly - 5, "cumulative");
  svg.text(left + 370, ly, "cumulative % (right axis)", "legend");
  return svg.finish();
}

}  // namespace koe::report
