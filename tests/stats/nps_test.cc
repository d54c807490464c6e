#include <doctest/doctest.h>

#include <cmath>

#include "stats/nps.h"

using namespace koe::stats;
using doctest::Approx;

namespace {

NpsAccumulator from_scores(std::initializer_list<int> scores) {
  NpsAccumulator accumulator;
  for (int score : scores) accumulator.add(score);
  return accumulator;
}

NpsSettings with(IntervalMethod method, double confidence = 0.95) {
  NpsSettings settings;
  settings.interval = method;
  settings.confidence = confidence;
  return settings;
}

}  // namespace

// Expected values worked independently (Python, from the formulas in
// PRODUCT.md with z = scipy.stats.norm.ppf(0.975)).
TEST_CASE("eight answers: 3 promoters, 2 passives, 3 detractors") {
  auto accumulator = from_scores({10, 9, 9, 8, 7, 6, 5, 0});
  accumulator.add_missing();
  accumulator.add_invalid();
  auto r = accumulator.finish(with(IntervalMethod::wald));
  CHECK(r.n == 8);
  CHECK(r.missing == 1);
  CHECK(r.invalid == 1);
  CHECK(r.promoters == 3);
  CHECK(r.passives == 2);
  CHECK(r.detractors == 3);
  CHECK(r.pct_promoters == Approx(37.5));
  CHECK(r.pct_passives == Approx(25.0));
  CHECK(r.nps == Approx(0.0));
  // v = 0.375 + 0.375 - 0 = 0.75; SE = 100 sqrt(0.75 / 8)
  CHECK(r.se == Approx(30.618621784789724).epsilon(1e-12));
  CHECK(r.ci_low == Approx(-60.01139595444137).epsilon(1e-12));
  CHECK(r.ci_high == Approx(60.01139595444137).epsilon(1e-12));

  auto adjusted = accumulator.finish(with(IntervalMethod::adjusted_wald));
  CHECK(adjusted.se == Approx(30.618621784789724).epsilon(1e-12));  // SE stays the plain one
  CHECK(adjusted.ci_low == Approx(-48.79620391955882).epsilon(1e-12));
  CHECK(adjusted.ci_high == Approx(48.79620391955882).epsilon(1e-12));
}

// Worked by hand: v = 0.5 + 0.2 - 0.3^2 = 0.61; SE = 100 sqrt(0.61 / 100).
TEST_CASE("NPS standard error from the shares") {
  CHECK(nps_standard_error(0.5, 0.2, 100) == Approx(7.810249675906654).epsilon(1e-14));
  CHECK(nps_standard_error(0.375, 0.375, 8) == Approx(30.618621784789724).epsilon(1e-14));
  // Only promoters (or only detractors): every answer is the same, no spread.
  CHECK(nps_standard_error(1, 0, 10) == 0);
  CHECK(nps_standard_error(0, 1, 10) == 0);
}

TEST_CASE("the Carpentries counts: 501 / 317 / 71") {
  NpsAccumulator accumulator;
  for (int i = 0; i < 501; ++i) accumulator.add(i % 2 ? 9 : 10);
  for (int i = 0; i < 317; ++i) accumulator.add(i % 2 ? 7 : 8);
  for (int i = 0; i < 71; ++i) accumulator.add(i % 7);
  auto wald = accumulator.finish(with(IntervalMethod::wald));
  CHECK(wald.nps == Approx(48.368953880764906).epsilon(1e-13));
  CHECK(wald.se == Approx(2.1461347330678078).epsilon(1e-12));
  CHECK(wald.ci_low == Approx(44.16260709798152).epsilon(1e-12));
  CHECK(wald.ci_high == Approx(52.57530066354829).epsilon(1e-12));
  auto adjusted = accumulator.finish(with(IntervalMethod::adjusted_wald));
  CHECK(adjusted.nps == Approx(48.368953880764906).epsilon(1e-13));
  CHECK(adjusted.ci_low == Approx(44.001431802570245).epsilon(1e-12));
  CHECK(adjusted.ci_high == Approx(52.41112425124141).epsilon(1e-12));
  auto ninety = accumulator.finish(with(IntervalMethod::adjusted_wald, 0.90));
  CHECK(ninety.ci_low == Approx(44.677459835639596).epsilon(1e-12));
  CHECK(ninety.ci_high == Approx(51.73509621817206).epsilon(1e-12));
}

TEST_CASE("weighted: shares by weight, SE and interval on Kish effective n") {
  NpsAccumulator accumulator(true);
  accumulator.add(10, 2.0);
  accumulator.add(6, 1.0);
  accumulator.add(8, 1.0);
  accumulator.add(9, 0.5);
  auto r = accumulator.finish(with(IntervalMethod::wald));
  CHECK(r.n == 4);
  CHECK(r.promoters == 2);
  CHECK(r.weight_total == Approx(4.5));
  CHECK(r.n_eff == Approx(3.24));  // 4.5^2 / (4 + 1 + 1 + 0.25)
  CHECK(r.pct_promoters == Approx(100 * 2.5 / 4.5));
  CHECK(r.nps == Approx(33.333333333333336).epsilon(1e-13));
  CHECK(r.se == Approx(45.360921162651444).epsilon(1e-12));
  CHECK(r.ci_low == Approx(-55.57243845102425).epsilon(1e-12));
  CHECK(r.ci_high == 100.0);  // clipped
  auto adjusted = accumulator.finish(with(IntervalMethod::adjusted_wald));
  CHECK(adjusted.ci_low == Approx(-44.18694844984911).epsilon(1e-12));
  CHECK(adjusted.ci_high == Approx(78.80233306523374).epsilon(1e-12));
}

TEST_CASE("edge cases: all promoters, and no valid answers") {
  auto all = from_scores({9, 10, 10, 9, 10});
  auto wald = all.finish(with(IntervalMethod::wald));
  CHECK(wald.nps == 100.0);
  CHECK(wald.se == 0.0);
  auto adjusted = all.finish(with(IntervalMethod::adjusted_wald));
  CHECK(adjusted.ci_low == Approx(17.49145303416897).epsilon(1e-12));
  CHECK(adjusted.ci_high == 100.0);

  NpsAccumulator none;
  none.add_missing();
  auto empty = none.finish({});
  CHECK(empty.n == 0);
  CHECK(empty.missing == 1);
  CHECK(std::isnan(empty.nps));
  CHECK(std::isnan(empty.ci_low));
}

TEST_CASE("merging accumulators equals accumulating everything in one") {
  auto left = from_scores({10, 3, 7, 9});
  auto right = from_scores({0, 10, 8});
  right.add_missing();
  left.merge(right);
  auto merged = left.finish({});
  auto whole = from_scores({10, 3, 7, 9, 0, 10, 8}).finish({});
  CHECK(merged.n == whole.n);
  CHECK(merged.missing == 1);
  CHECK(merged.nps == whole.nps);
  CHECK(merged.ci_low == whole.ci_low);
  CHECK(merged.ci_high == whole.ci_high);
}

TEST_CASE("bootstrap interval: seeded, repeatable, and close to Wald on a large sample") {
  NpsAccumulator accumulator;
  for (int i = 0; i < 3000; ++i) accumulator.add(i % 11);
  NpsSettings settings = with(IntervalMethod::bootstrap);
  settings.bootstrap_samples = 4000;
  settings.seed = 42;
  auto first = accumulator.finish(settings);
  auto again = accumulator.finish(settings);
  CHECK(first.ci_low == again.ci_low);
  CHECK(first.ci_high == again.ci_high);
  settings.seed = 43;
  auto other = accumulator.finish(settings);
  CHECK(other.ci_low != first.ci_low);
  auto wald = accumulator.finish(with(IntervalMethod::wald));
  // Monte-Carlo error of a 2.5% quantile from 4000 resamples is ~0.1 SE.
  CHECK(std::fabs(first.ci_low - wald.ci_low) < 0.3 * wald.se);
  CHECK(std::fabs(first.ci_high - wald.ci_high) < 0.3 * wald.se);
}

TEST_CASE("interval method names") {
  CHECK(parse_name(kIntervalMethodNames, "adjusted") == IntervalMethod::adjusted_wald);
  CHECK(parse_name(kIntervalMethodNames, "adjusted-wald") == IntervalMethod::adjusted_wald);
  CHECK(parse_name(kIntervalMethodNames, "wald") == IntervalMethod::wald);
  CHECK(parse_name(kIntervalMethodNames, "bootstrap") == IntervalMethod::bootstrap);
  CHECK_FALSE(parse_name(kIntervalMethodNames, "wilson").has_value());
  CHECK(interval_method_name(IntervalMethod::adjusted_wald) == "adjusted-wald");
}
