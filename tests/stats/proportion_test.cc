#include <doctest/doctest.h>

#include "stats/distributions.h"
#include "stats/proportion.h"

using namespace koe::stats;
using doctest::Approx;

// Reference values: statsmodels.stats.proportion.proportion_confint(method="wilson").
TEST_CASE("Wilson interval matches statsmodels") {
  double z95 = two_sided_z(0.95);
  auto a = wilson_interval(883.0 / 909, 909, z95);
  CHECK(a.low == Approx(0.9584197419916102).epsilon(1e-13));
  CHECK(a.high == Approx(0.9804070298633446).epsilon(1e-13));
  auto b = wilson_interval(0.3, 10, z95);
  CHECK(b.low == Approx(0.10779126740630104).epsilon(1e-13));
  CHECK(b.high == Approx(0.6032218525388546).epsilon(1e-13));
  auto none = wilson_interval(0, 10, two_sided_z(0.90));
  CHECK(none.low == 0);
  CHECK(none.high == Approx(0.2129419700834071).epsilon(1e-13));
  auto all = wilson_interval(1, 10, z95);
  CHECK(all.low == Approx(0.7224672001371106).epsilon(1e-13));
  CHECK(all.high == 1);
  // A fractional (effective) size, as with weights.
  auto weighted = wilson_interval(2.5 / 3.24, 3.24, z95);
  CHECK(weighted.low == Approx(0.28176632901749615).epsilon(1e-12));
  CHECK(weighted.high == Approx(0.9667700311540488).epsilon(1e-12));
}
