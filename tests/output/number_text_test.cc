#include "output/number_text.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

using koe::output::kNumberChars;
using koe::output::NumberColumns;
using koe::output::write_number;

namespace {

std::string written(double value) {
  char text[kNumberChars];
  return std::string(text, write_number(text, value));
}

}  // namespace

TEST_CASE("numbers are written as fmt's shortest form, integers included") {
  CHECK(written(0.0) == "0");
  CHECK(written(-0.0) == "0");
  CHECK(written(100.0) == "100");
  CHECK(written(-100.0) == "-100");
  CHECK(written(0.95) == "0.95");
  CHECK(written(-60.01139595444137) == "-60.01139595444137");
  CHECK(written(999999999999999.0) == "999999999999999");
  CHECK(written(1e15) == fmt::format("{}", 1e15));
  CHECK(written(1e16) == "1e+16");
  CHECK(written(std::numeric_limits<double>::max()) == fmt::format("{}", std::numeric_limits<double>::max()));
  CHECK(written(std::numeric_limits<double>::denorm_min()) == "5e-324");
  // Every whole number the integer path takes, and its neighbours, against
  // fmt's own shortest form.
  std::mt19937_64 random(7);
  for (int i = 0; i < 200000; ++i) {
    const double magnitude = std::pow(10.0, static_cast<double>(random() % 17));
    double value = std::floor(std::uniform_real_distribution<double>(-1, 1)(random) * magnitude);
    if (i % 3 == 1) value = std::nextafter(value, 1e300);
    if (i % 3 == 2) value /= 8;
    if (value == 0) continue;
    REQUIRE(written(value) == fmt::format("{}", value));
  }
}

TEST_CASE("a column's repeated number is written again from memory, exactly") {
  NumberColumns numbers(2);
  CHECK(numbers.text(0, 0.95) == "0.95");
  CHECK(numbers.text(1, 12.5) == "12.5");
  CHECK(numbers.text(0, 0.95) == "0.95");
  CHECK(numbers.text(0, std::nextafter(0.95, 1.0)) == fmt::format("{}", std::nextafter(0.95, 1.0)));
  CHECK(numbers.text(0, 0.95) == "0.95");
  CHECK(numbers.text(1, 0.0) == "0");
  CHECK(numbers.text(1, -0.0) == "0");
  CHECK(numbers.text(1, 12.5) == "12.5");
}
