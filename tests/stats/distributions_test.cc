#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>

#include "stats/distributions.h"

using namespace koe::stats;

// Reference values: scipy.stats.norm.ppf / cdf / sf (SciPy 1.10).
TEST_CASE("normal quantile matches SciPy to full precision") {
  struct Case {
    double p, z;
  };
  for (auto [p, z] : {Case{0.975, 1.959963984540054}, Case{0.995, 2.5758293035489004},
                      Case{0.95, 1.6448536269514722}, Case{0.5, 0.0},
                      Case{0.025, -1.9599639845400545}, Case{1e-10, -6.361340902404056},
                      Case{0.9999999, 5.199337582290661}, Case{0.3, -0.5244005127080409},
                      Case{0.01, -2.3263478740408408}}) {
    CHECK_MESSAGE(normal_quantile(p) == doctest::Approx(z).epsilon(1e-14), "p = " << p);
  }
  CHECK(std::isinf(normal_quantile(0)));
  CHECK(std::isnan(normal_quantile(1.5)));
}

TEST_CASE("normal CDF, two-sided z and p") {
  CHECK(normal_cdf(1.96) == doctest::Approx(0.9750021048517795).epsilon(1e-14));
  CHECK(normal_cdf(-1) == doctest::Approx(0.15865525393145707).epsilon(1e-14));
  CHECK(two_sided_z(0.95) == doctest::Approx(1.959963984540054).epsilon(1e-14));
  CHECK(two_sided_z(0.90) == doctest::Approx(1.6448536269514722).epsilon(1e-14));
  CHECK(two_sided_p(1.96) == doctest::Approx(0.04999579029644087).epsilon(1e-13));
  CHECK(two_sided_p(-3.5) == doctest::Approx(0.00046525815807105003).epsilon(1e-12));
  CHECK(two_sided_p(0) == 1.0);
}
