#include <doctest/doctest.h>

#include <cmath>

#include "stats/multiple.h"

using namespace koe::stats;
using doctest::Approx;

// Reference: statsmodels.stats.multitest.multipletests(p, method="holm" / "fdr_bh").
TEST_CASE("Holm and Benjamini-Hochberg adjustments match statsmodels") {
  std::vector<double> p{0.01, 0.04, 0.03, 0.005, 0.2, 0.04};
  auto holm = adjust_p_values(p, Adjustment::holm);
  std::vector<double> expected_holm{0.05, 0.12, 0.12, 0.03, 0.2, 0.12};
  auto bh = adjust_p_values(p, Adjustment::benjamini_hochberg);
  std::vector<double> expected_bh{0.03, 0.048, 0.048, 0.03, 0.2, 0.048};
  for (std::size_t i = 0; i < p.size(); ++i) {
    CHECK(holm[i] == Approx(expected_holm[i]).epsilon(1e-12));
    CHECK(bh[i] == Approx(expected_bh[i]).epsilon(1e-12));
  }
  CHECK(adjust_p_values(p, Adjustment::none) == p);
}

TEST_CASE("tests that could not be made stay out of the count") {
  auto adjusted = adjust_p_values({0.01, std::nan(""), 0.04}, Adjustment::holm);
  CHECK(adjusted[0] == Approx(0.02));
  CHECK(std::isnan(adjusted[1]));
  CHECK(adjusted[2] == Approx(0.04));
  CHECK(parse_name(kAdjustmentNames, "bh") == Adjustment::benjamini_hochberg);
  CHECK_FALSE(parse_name(kAdjustmentNames, "bonferroni").has_value());
}
