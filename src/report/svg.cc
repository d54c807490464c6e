#include "report/svg.h"

#include <fmt/format.h>

#include <cmath>

#include "report/text.h"

namespace koe::report {

std::vector<double> nice_ticks(double& lo, double& hi, int count) {
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  double raw = (hi - lo) / count;
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  lo = std::floor(lo / step) * step;
  hi = std::ceil(hi / step) * step;
  std::vector<double> ticks;
  for (int i = 0; lo + i * step <= hi + step / 2; ++i) ticks.push_back(lo + i * step);
  return ticks;
}

std::string coord(double value) { return fixed(value, 1); }

Svg::Svg(double width, double height, std::string_view id, std::string_view label)
    : width_(width), height_(height) {
  head_ = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\" class=\"chart\" viewBox=\"0 0 {} {}\" "
      "width=\"{}\" height=\"{}\" role=\"img\" aria-labelledby=\"{}-title\">\n<title id=\"{}-title\">{}</title>\n",
      id, coord(width), coord(height), coord(width), coord(height), id, id, html_escape(label));
}

void Svg::line(double x1, double y1, double x2, double y2, std::string_view cls,
               std::string_view extra) {
  body_ += fmt::format("<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>\n", cls,
                       coord(x1), coord(y1), coord(x2), coord(y2), extra);
}

void Svg::rect(double x, double y, double w, double h, std::string_view cls,
               std::string_view extra, std::string_view title) {
  body_ += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}><title>{}</title></rect>\n",
                       cls, coord(x), coord(y), coord(std::max(w, 0.0)), coord(std::max(h, 0.0)),
                       extra, html_escape(title));
}

void Svg::circle(double x, double y, double r, std::string_view cls, std::string_view extra,
                 std::string_view title) {
  body_ += fmt::format("<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"{}><title>{}</title></circle>\n",
                       cls, coord(x), coord(y), coord(r), extra, html_escape(title));
}

void Svg::text(double x, double y, std::string_view content, std::string_view cls,
               std::string_view anchor, double rotate) {
  std::string turn = rotate == 0 ? std::string()
                                 : fmt::format(" transform=\"rotate({} {} {})\"", coord(rotate),
                                               coord(x), coord(y));
  body_ += fmt::format("<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\"{}{}>{}</text>\n", cls,
                       coord(x), coord(y), anchor, turn, lang_attribute(content),
                       html_escape(content));
}

void Svg::polyline(const std::vector<std::pair<double, double>>& points, std::string_view cls) {
  if (points.size() < 2) return;
  std::string list;
  for (const auto& [x, y] : points) {
    if (!list.empty()) list += ' ';
    list += coord(x);
    list += ',';
    list += coord(y);
  }
  body_ += fmt::format("<polyline class=\"{}\" points=\"{}\"/>\n", cls, list);
}

void Svg::y_tick(double y, double x_left, double x_right, std::string_view label) {
  line(x_left, y, x_right, y, "grid");
  text(x_left - 6, y + 4, label, "tick", "end");
}

std::string Svg::finish() const { return head_ + body_ + "</svg>\n"; }

}  // namespace koe::report
