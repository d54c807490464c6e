// Fuzzes the date parser and the --by dimensions built on it: no crash on
// any text; every date it accepts exists, survives the day-count round
// trip, has period labels that sort in time order, and lies in its period
// (start <= date < next start, with the same label). The input's first line
// is also read as a --by spec against a fixed header; a spec that parses
// places the other lines, and each placed key's label must be the same
// whichever way it is reached.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dates.h"
#include "dimension.h"
#include "error.h"

namespace {

void check_periods(std::string_view text) {
  for (auto order : {koe::DateOrder::month_first, koe::DateOrder::day_first}) {
    auto date = koe::parse_date(text, order);
    if (!date) continue;
    long days = koe::days_from_civil(*date);
    if (!(koe::civil_from_days(days) == *date)) std::abort();
    auto next = koe::civil_from_days(days + 1);
    for (auto period : {koe::Period::day, koe::Period::week, koe::Period::month,
                        koe::Period::quarter, koe::Period::year}) {
      if (koe::period_label(*date, period) > koe::period_label(next, period)) std::abort();
      auto start = koe::period_start(*date, period);
      auto after = koe::next_period_start(start, period);
      if (koe::days_from_civil(start) > days || koe::days_from_civil(after) <= days) std::abort();
      if (koe::period_label(start, period) != koe::period_label(*date, period)) std::abort();
    }
  }
}

void check_dimensions(std::string_view text) {
  static const std::vector<std::string> kHeader{"plan", "tenure", "date", "a,b", "month(date)"};
  auto line_end = text.find('\n');
  std::string spec(text.substr(0, line_end));
  std::vector<koe::Dimension> dimensions;
  try {
    dimensions = koe::parse_dimensions(kHeader, {spec}, "--by");
  } catch (const koe::Error&) {
    return;
  }
  for (auto& dimension : dimensions)
    if (dimension.needs_values()) dimension.set_values({1, 2, 2, 3.5, -7});
  std::string_view rest = line_end == std::string_view::npos ? "" : text.substr(line_end + 1);
  while (!rest.empty()) {
    auto end = rest.find('\n');
    auto field = rest.substr(0, end);
    rest = end == std::string_view::npos ? "" : rest.substr(end + 1);
    for (const auto& dimension : dimensions) {
      std::string scratch;
      std::string_view key;
      if (dimension.key(field, scratch, key) != koe::Dimension::Placement::placed) continue;
      std::string held(key);
      auto label = dimension.label(held);
      if (dimension.fills_gaps()) {
        auto keys = dimension.keys_between(held, held);
        if (keys.size() != 1 || dimension.label(keys[0]) != label) std::abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  check_periods(text);
  check_dimensions(text);
  return 0;
}
