#include <doctest/doctest.h>

#include <cmath>

#include "stats/scale.h"

using namespace koe::stats;
using doctest::Approx;

TEST_CASE("default boxes and box syntax") {
  auto five = default_scale(1, 5);
  CHECK(five.top_box == std::vector<int>{4, 5});
  CHECK(five.bottom_box == std::vector<int>{1, 2});
  CHECK(default_scale(0, 10).top_box == std::vector<int>{9, 10});
  CHECK(default_scale(1, 3).top_box == std::vector<int>{3});
  CHECK(default_scale(1, 3).bottom_box == std::vector<int>{1});
  CHECK(parse_box("5-7", 1, 7) == std::vector<int>{5, 6, 7});
  CHECK(parse_box("1,3-4,3", 1, 5) == std::vector<int>{1, 3, 4});
  CHECK(parse_box("0", 0, 5) == std::vector<int>{0});
  CHECK(parse_box("4-6", 1, 5).empty());
  CHECK(parse_box("5-4", 1, 5).empty());
  CHECK(parse_box("x", 1, 5).empty());
  CHECK(parse_box("", 1, 5).empty());
  CHECK(describe_box({4, 5}) == "4-5");
  CHECK(describe_box({1, 3, 4, 5}) == "1,3-5");
  CHECK(describe_box({7}) == "7");
}

// The Carpentries "AtmosphereWelcoming" answers coded 1-5. Reference values
// from NumPy (mean, SD with ddof=1), scipy.stats.t.ppf and statsmodels'
// proportion_confint(method="wilson").
TEST_CASE("unweighted: shares, Wilson top box, mean with t interval") {
  auto scale = default_scale(1, 5);
  ScaleAccumulator accumulator(scale);
  const int counts[] = {9, 2, 15, 185, 698};
  for (int point = 1; point <= 5; ++point)
    for (int i = 0; i < counts[point - 1]; ++i) accumulator.add(point);
  accumulator.add_missing();
  auto r = accumulator.finish(scale, {});
  CHECK(r.n == 909);
  CHECK(r.missing == 1);
  CHECK(r.top_box == 883);
  CHECK(r.bottom_box == 11);
  CHECK(r.pct_top_box == Approx(100.0 * 883 / 909));
  CHECK(r.top_box_ci_low == Approx(95.84197419916102).epsilon(1e-12));
  CHECK(r.top_box_ci_high == Approx(98.04070298633446).epsilon(1e-12));
  CHECK(r.pct_bottom_box == Approx(100.0 * 11 / 909));
  CHECK(r.mean == Approx(4.717271727172717).epsilon(1e-14));
  CHECK(r.sd == Approx(0.6068068677606088).epsilon(1e-13));
  CHECK(r.mean_ci_low == Approx(4.677771833685635).epsilon(1e-12));
  CHECK(r.mean_ci_high == Approx(4.756771620659799).epsilon(1e-12));
  CHECK(r.distribution == std::vector<std::uint64_t>{9, 2, 15, 185, 698});
  CHECK(r.pct_distribution[4] == Approx(100.0 * 698 / 909));
}

// Weighted reference: numpy.cov(x, aweights=w) for the SD (the
// reliability-weights form), Kish n_eff, t on n_eff - 1 degrees of freedom.
TEST_CASE("weighted: weighted shares and mean, intervals on n_eff, mean interval inside the scale") {
  auto scale = default_scale(1, 5);
  ScaleAccumulator accumulator(scale, true);
  const int x[] = {5, 4, 4, 2, 1, 5, 3};
  const double w[] = {1.5, 1.0, 0.5, 2.0, 1.0, 1.0, 0.25};
  for (int i = 0; i < 7; ++i) accumulator.add(x[i], w[i]);
  auto r = accumulator.finish(scale, {});
  CHECK(r.n == 7);
  CHECK(r.weight_total == Approx(7.25));
  CHECK(r.n_eff == Approx(5.496732026143791).epsilon(1e-13));
  CHECK(r.mean == Approx(3.3448275862068964).epsilon(1e-14));
  CHECK(r.sd == Approx(1.6748828490791632).epsilon(1e-13));
  CHECK(r.mean_ci_low == Approx(1.444869742126701).epsilon(1e-11));
  CHECK(r.mean_ci_high == 5.0);  // 5.2448 clipped to the top of the scale
  CHECK(r.pct_top_box == Approx(55.172413793103445).epsilon(1e-13));
  CHECK(r.top_box_ci_low == Approx(21.076702627986815).epsilon(1e-11));
  CHECK(r.top_box_ci_high == Approx(85.01256520029856).epsilon(1e-11));
}

TEST_CASE("no answers, one answer, merge") {
  auto scale = default_scale(1, 7);
  ScaleAccumulator empty(scale);
  auto none = empty.finish(scale, {});
  CHECK(none.n == 0);
  CHECK(std::isnan(none.mean));
  CHECK(std::isnan(none.pct_top_box));

  ScaleAccumulator one(scale);
  one.add(6);
  auto single = one.finish(scale, {});
  CHECK(single.mean == 6);
  CHECK(std::isnan(single.sd));
  CHECK(single.pct_top_box == 100);

  ScaleAccumulator left(scale), right(scale), whole(scale);
  for (int v : {1, 7, 7, 3}) {
    left.add(v);
    whole.add(v);
  }
  for (int v : {5, 6}) {
    right.add(v);
    whole.add(v);
  }
  right.add_invalid();
  whole.add_invalid();
  left.merge(right);
  auto a = left.finish(scale, {}), b = whole.finish(scale, {});
  CHECK(a.mean == b.mean);
  CHECK(a.sd == b.sd);
  CHECK(a.invalid == 1);
  CHECK(a.distribution == b.distribution);
}
