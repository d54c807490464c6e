// Fuzzes the date parser: no crash on any text, and every date it accepts
// exists, survives the day-count round trip, and has period labels that
// sort in time order.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto order : {koe::DateOrder::month_first, koe::DateOrder::day_first}) {
    auto date = koe::parse_date(text, order);
    if (!date) continue;
    long days = koe::days_from_civil(*date);
    if (!(koe::civil_from_days(days) == *date)) std::abort();
    auto next = koe::civil_from_days(days + 1);
    for (auto period : {koe::Period::day, koe::Period::week, koe::Period::month,
                        koe::Period::quarter, koe::Period::year}) {
      if (koe::period_label(*date, period) > koe::period_label(next, period)) std::abort();
    }
  }
  return 0;
}
