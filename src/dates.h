// Dates and times as survey exports write them, and the periods they fall
// in (for trends). Accepted: ISO 8601 (2026-01-05, 2026-01-05T10:15:00,
// with a fraction, Z or an offset), the same with a space instead of T and
// an offset such as -0800 (2015-02-24 11:35:52 -0800), 2026/01/05,
// 2026年1月5日, and slash dates with the year last (9/8/18 15:29, as US
// exports write month first; --date-order dmy reads 8/9/18 as 8 September).
// Two-digit years are 2000-2068 and 1969-1999 (as POSIX strptime %y).
// A time, when given, is kept only to check it; periods use the local date
// written, ignoring any offset (an export's days are the respondent's days).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "names.h"

namespace koe {

struct CivilDate {
  int year = 0, month = 0, day = 0;  // month 1-12, day 1-31
  bool operator==(const CivilDate&) const = default;
};

enum class DateOrder { month_first, day_first };
enum class Period { day, week, month, quarter, year };

inline constexpr NameTable<Period, 5> kPeriodNames{{
    {"day", Period::day},
    {"week", Period::week},
    {"month", Period::month},
    {"quarter", Period::quarter},
    {"year", Period::year},
}};

// The date written at the start of `text` (trimmed), if the whole text is a
// date or date-time in one of the accepted forms and the date exists.
std::optional<CivilDate> parse_date(std::string_view text,
                                    DateOrder slash_order = DateOrder::month_first);

// The period's label, which sorts in time order as text too: 2026-01-05,
// 2026-W02 (ISO week), 2026-01, 2026-Q1, 2026.
std::string period_label(const CivilDate& date, Period period);

// The first day of the period `date` falls in (a Monday for ISO weeks), and
// the first day of the period after it.
CivilDate period_start(const CivilDate& date, Period period);
CivilDate next_period_start(const CivilDate& start, Period period);

// Days since 1970-01-01 (negative before), for arithmetic on dates.
long days_from_civil(const CivilDate& date);
CivilDate civil_from_days(long days);

}  // namespace koe
