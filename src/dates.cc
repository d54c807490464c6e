#include "dates.h"

#include <fmt/format.h>

#include <charconv>

#include "values.h"

namespace koe {

namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::optional<CivilDate> checked(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > days_in_month(year, month))
    return std::nullopt;
  return CivilDate{year, month, day};
}

// Reads digits at `at` (between `fewest` and `most` of them).
std::optional<int> digits(std::string_view text, std::size_t& at, std::size_t fewest,
                          std::size_t most) {
  std::size_t start = at;
  while (at < text.size() && at - start < most && text[at] >= '0' && text[at] <= '9') ++at;
  if (at - start < fewest) return std::nullopt;
  int value = 0;
  std::from_chars(text.data() + start, text.data() + at, value);
  return value;
}

bool eat(std::string_view text, std::size_t& at, std::string_view what) {
  if (text.substr(at).starts_with(what)) {
    at += what.size();
    return true;
  }
  return false;
}

// A time after the date: HH:MM[:SS[.fraction]] [Z | ±HH[:]MM | ±HH] or a
// 12-hour clock with AM/PM; true when it reads to the end of the text.
bool time_to_end(std::string_view text, std::size_t at) {
  if (at == text.size()) return true;
  if (text[at] != 'T' && text[at] != ' ') return false;
  while (at < text.size() && (text[at] == 'T' || text[at] == ' ')) ++at;
  auto hour = digits(text, at, 1, 2);
  if (!hour || !eat(text, at, ":")) return false;
  auto minute = digits(text, at, 2, 2);
  if (!minute || *minute > 59) return false;
  if (eat(text, at, ":")) {
    auto second = digits(text, at, 2, 2);
    if (!second || *second > 60) return false;
    if (eat(text, at, ".") || eat(text, at, ",")) {
      if (!digits(text, at, 1, 9)) return false;
    }
  }
  while (at < text.size() && text[at] == ' ') ++at;
  bool twelve_hour = eat(text, at, "AM") || eat(text, at, "PM") || eat(text, at, "am") ||
                     eat(text, at, "pm");
  if (*hour > (twelve_hour ? 12 : 24)) return false;
  while (at < text.size() && text[at] == ' ') ++at;
  if (eat(text, at, "Z") || eat(text, at, "UTC")) return at == text.size();
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    ++at;
    auto offset_hours = digits(text, at, 2, 2);
    if (!offset_hours || *offset_hours > 14) return false;
    eat(text, at, ":");
    if (at < text.size() && !digits(text, at, 2, 2)) return false;
  }
  return at == text.size();
}

}  // namespace

std::optional<CivilDate> parse_date(std::string_view text, DateOrder slash_order) {
  text = trim(text);
  std::size_t at = 0;
  auto first = digits(text, at, 1, 4);
  if (!first) return std::nullopt;
  std::size_t first_length = at;

  if (first_length == 4) {
    // Year first: 2026-01-05, 2026/01/05, 2026年1月5日.
    if (eat(text, at, "年")) {
      auto month = digits(text, at, 1, 2);
      if (!month || !eat(text, at, "月")) return std::nullopt;
      auto day = digits(text, at, 1, 2);
      if (!day || !eat(text, at, "日")) return std::nullopt;
      if (!time_to_end(text, at)) return std::nullopt;
      return checked(*first, *month, *day);
    }
    if (at >= text.size() || (text[at] != '-' && text[at] != '/')) return std::nullopt;
    char separator = text[at++];
    auto month = digits(text, at, 1, 2);
    if (!month || !eat(text, at, std::string_view(&separator, 1))) return std::nullopt;
    auto day = digits(text, at, 1, 2);
    if (!day || !time_to_end(text, at)) return std::nullopt;
    return checked(*first, *month, *day);
  }

  // Year last: 9/8/18, 09/08/2018 (month first unless told otherwise).
  if (first_length > 2 || !eat(text, at, "/")) return std::nullopt;
  auto second = digits(text, at, 1, 2);
  if (!second || !eat(text, at, "/")) return std::nullopt;
  std::size_t year_start = at;
  auto year = digits(text, at, 2, 4);
  if (!year || at - year_start == 3) return std::nullopt;
  if (at - year_start == 2) *year += *year < 69 ? 2000 : 1900;
  if (!time_to_end(text, at)) return std::nullopt;
  return slash_order == DateOrder::month_first ? checked(*year, *first, *second)
                                               : checked(*year, *second, *first);
}

long days_from_civil(const CivilDate& date) {
  // Howard Hinnant's days_from_civil (public domain algorithm description).
  int y = date.year - (date.month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::string period_label(const CivilDate& date, Period period) {
  switch (period) {
    case Period::day: return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
    case Period::month: return fmt::format("{:04}-{:02}", date.year, date.month);
    case Period::quarter: return fmt::format("{:04}-Q{}", date.year, (date.month - 1) / 3 + 1);
    case Period::year: return fmt::format("{:04}", date.year);
    case Period::week: {
      // ISO 8601: weeks start on Monday; week 1 holds the year's first Thursday.
      long days = days_from_civil(date);
      int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 0 = Monday
      CivilDate thursday = civil_from_days(days - weekday + 3);
      long week_one_thursday_year_start = days_from_civil({thursday.year, 1, 1});
      int week = static_cast<int>((days - weekday + 3 - week_one_thursday_year_start) / 7) + 1;
      return fmt::format("{:04}-W{:02}", thursday.year, week);
    }
  }
  return {};
}

CivilDate period_start(const CivilDate& date, Period period) {
  switch (period) {
    case Period::day: return date;
    case Period::week: {
      long days = days_from_civil(date);
      return civil_from_days(days - ((days % 7) + 7 + 3) % 7);
    }
    case Period::month: return {date.year, date.month, 1};
    case Period::quarter: return {date.year, (date.month - 1) / 3 * 3 + 1, 1};
    case Period::year: return {date.year, 1, 1};
  }
  return date;
}

CivilDate next_period_start(const CivilDate& start, Period period) {
  auto months_later = [&](int months) {
    int index = start.year * 12 + (start.month - 1) + months;
    return CivilDate{index / 12, index % 12 + 1, 1};
  };
  switch (period) {
    case Period::day: return civil_from_days(days_from_civil(start) + 1);
    case Period::week: return civil_from_days(days_from_civil(start) + 7);
    case Period::month: return months_later(1);
    case Period::quarter: return months_later(3);
    case Period::year: return {start.year + 1, 1, 1};
  }
  return start;
}

}  // namespace koe
