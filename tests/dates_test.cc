#include <doctest/doctest.h>

#include "dates.h"

using namespace koe;

namespace {

std::string label(std::string_view text, Period period,
                  DateOrder order = DateOrder::month_first) {
  auto date = parse_date(text, order);
  return date ? period_label(*date, period) : "invalid";
}

}  // namespace

TEST_CASE("dates as exports write them") {
  CHECK(parse_date("2026-01-05") == CivilDate{2026, 1, 5});
  CHECK(parse_date(" 2026-01-05T10:15:00Z ") == CivilDate{2026, 1, 5});
  CHECK(parse_date("2026-01-05T10:15:00.123+09:00") == CivilDate{2026, 1, 5});
  CHECK(parse_date("2015-02-24 11:35:52 -0800") == CivilDate{2015, 2, 24});
  CHECK(parse_date("2017-07-18 08:28:09") == CivilDate{2017, 7, 18});  // Qualtrics
  CHECK(parse_date("9/8/18 15:29") == CivilDate{2018, 9, 8});          // Carpentries
  CHECK(parse_date("9/8/18 3:29 PM") == CivilDate{2018, 9, 8});
  CHECK(parse_date("9/8/18", DateOrder::day_first) == CivilDate{2018, 8, 9});
  CHECK(parse_date("12/31/1999") == CivilDate{1999, 12, 31});
  CHECK(parse_date("1/1/69") == CivilDate{1969, 1, 1});
  CHECK(parse_date("1/1/68") == CivilDate{2068, 1, 1});
  CHECK(parse_date("2026/1/5") == CivilDate{2026, 1, 5});
  CHECK(parse_date("2026年1月5日") == CivilDate{2026, 1, 5});
  CHECK(parse_date("2024-02-29") == CivilDate{2024, 2, 29});
}

TEST_CASE("what is not a date") {
  for (std::string_view text : {"", "2026-02-30", "2025-02-29", "2026-13-01", "2026-1-5x",
                                "2026-01-05T25:00", "2026-01-05 10:61", "13/13/2018", "1/2/123",
                                "2026.01.05", "yesterday", "2026-01", "2026-01-05T10:15+99:00",
                                "20260105", "9/8/18 15:29 extra", "2026-01/05"}) {
    CHECK_MESSAGE(!parse_date(text).has_value(), text);
  }
}

// Reference: Python's datetime.date.isocalendar() and day counts.
TEST_CASE("periods, ISO weeks across year ends, day arithmetic") {
  CHECK(label("2026-01-05", Period::day) == "2026-01-05");
  CHECK(label("2026-01-05", Period::month) == "2026-01");
  CHECK(label("2026-05-05", Period::quarter) == "2026-Q2");
  CHECK(label("2026-12-31", Period::year) == "2026");
  CHECK(label("2026-01-01", Period::week) == "2026-W01");
  CHECK(label("2021-01-03", Period::week) == "2020-W53");
  CHECK(label("2020-12-31", Period::week) == "2020-W53");
  CHECK(label("2024-12-30", Period::week) == "2025-W01");
  CHECK(label("2027-01-01", Period::week) == "2026-W53");
  CHECK(label("2015-02-24", Period::week) == "2015-W09");
  CHECK(label("2010-01-03", Period::week) == "2009-W53");
  CHECK(days_from_civil({2026, 1, 1}) == 20454);
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2015, 2, 24}) == 16490);
  for (long days = -800000; days <= 800000; days += 997)
    CHECK(days_from_civil(civil_from_days(days)) == days);
  CHECK(parse_name(kPeriodNames, "quarter") == Period::quarter);
  CHECK_FALSE(parse_name(kPeriodNames, "fortnight").has_value());
}
