#include "option_numbers.h"

#include <doctest/doctest.h>

using namespace koe;

TEST_CASE("a number option takes decimal numbers and words every refusal alike") {
  NumberRule any;
  for (const char* good : {"30", "-5", "+5", "0.5", ".5", "1e2", "-0", "007"})
    CHECK_MESSAGE(number_problem(good, any).empty(), good);
  CHECK(number_problem("abc", any) == R"(expected a number, found "abc")");
  CHECK(number_problem("", any) == R"(expected a number, found "")");
  // Not numbers here, though C's strtod reads them.
  for (const char* bad : {"inf", "nan", "0x10", "1e400", " 5", "5 ", "+-5", "--5", "1,5", "５"})
    CHECK_MESSAGE(number_problem(bad, any).starts_with("expected a number, found"), bad);
}

TEST_CASE("whole numbers are digits only, and the range is in the message") {
  NumberRule count = NumberRule::whole_number();
  CHECK(number_problem("100", count).empty());
  CHECK(number_problem("-1", count) == R"(expected a whole number of 0 or more, found "-1")");
  CHECK(number_problem("1.5", count) == R"(expected a whole number of 0 or more, found "1.5")");
  CHECK(number_problem("99999999999999999999", count) ==
        R"(expected a whole number of 0 or more, found "99999999999999999999")");
  NumberRule threads = NumberRule::whole_number(1, 256);
  CHECK(number_problem("256", threads).empty());
  CHECK(number_problem("0", threads) == R"(expected a whole number from 1 to 256, found "0")");
  CHECK(number_problem("abc", threads) == R"(expected a whole number from 1 to 256, found "abc")");
}

TEST_CASE("ranges of numbers: both ends, one end, an open end, an example") {
  NumberRule alpha = NumberRule::number(0, 0.5);
  CHECK(number_problem("0.5", alpha).empty());
  CHECK(number_problem("0.7", alpha) == R"(expected a number from 0 to 0.5, found "0.7")");
  NumberRule level = NumberRule::number(0.5, 1);
  level.below_high = true;
  level.example = "0.95";
  CHECK(number_problem("0.99", level).empty());
  CHECK(number_problem("1", level) ==
        R"(expected a number from 0.5 to below 1 (e.g. 0.95), found "1")");
  CHECK(number_expected(NumberRule::number(1)) == "a number of 1 or more");
  CHECK(number_expected(NumberRule::number({}, 3)) == "a number of at most 3");
}

TEST_CASE("a whole number is handed on in plain decimal, never read as octal") {
  NumberRule count = NumberRule::whole_number();
  CHECK(canonical_number("010", count) == "10");
  CHECK(canonical_number("000", count) == "0");
  CHECK(canonical_number("x", count) == "x");
  CHECK(canonical_number("010", NumberRule::number()) == "010");
}

TEST_CASE("values in messages are quoted and cut like input values") {
  std::string long_text(100, '7');
  long_text += 'x';
  CHECK(number_problem(long_text, NumberRule::number()).size() < 120);
  CHECK(number_problem("a\nb", NumberRule::number()) == R"(expected a number, found "a\nb")");
}
