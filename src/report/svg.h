// A small builder of inline SVG: coordinates printed with one decimal (the
// same bytes on every machine), text escaped, and a linear scale with
// round tick steps. The charts (src/report/charts.h) draw with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace koe::report {

// Maps [lo, hi] of the data onto [from, to] of the picture.
struct Scale {
  double lo, hi, from, to;
  double operator()(double value) const { return from + (value - lo) / (hi - lo) * (to - from); }
};

// Round tick values (steps of 1, 2 or 5 times a power of ten) covering
// [lo, hi], about `count` of them; lo and hi are widened to the outer ticks.
std::vector<double> nice_ticks(double& lo, double& hi, int count);

// A coordinate or length as SVG gets it: one decimal, no "-0".
std::string coord(double value);

class Svg {
 public:
  Svg(double width, double height, std::string_view id, std::string_view label);
  void raw(std::string_view text) { body_ += text; }
  void line(double x1, double y1, double x2, double y2, std::string_view cls,
            std::string_view extra = {});
  // `extra` holds further attributes (data-*) already escaped.
  void rect(double x, double y, double w, double h, std::string_view cls, std::string_view extra,
            std::string_view title);
  void circle(double x, double y, double r, std::string_view cls, std::string_view extra,
              std::string_view title);
  void text(double x, double y, std::string_view content, std::string_view cls,
            std::string_view anchor = "start", double rotate = 0);
  void polyline(const std::vector<std::pair<double, double>>& points, std::string_view cls);
  // A horizontal grid line and its label at the left axis.
  void y_tick(double y, double x_left, double x_right, std::string_view label);
  std::string finish() const;

 private:
  double width_, height_;
  std::string head_, body_;
};

}  // namespace koe::report
