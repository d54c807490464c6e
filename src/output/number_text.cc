#include "output/number_text.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>

namespace koe::output {

char* write_number(char* out, double value) {
  if (value == 0) {
    *out = '0';  // also for -0.0, which is not worth a sign
    return out + 1;
  }
  if (std::fabs(value) < 1e15) {
    const auto whole = static_cast<std::int64_t>(value);
    if (static_cast<double>(whole) == value) return fmt::format_to(out, FMT_COMPILE("{}"), whole);
  }
  return fmt::format_to(out, FMT_COMPILE("{}"), value);
}

}  // namespace koe::output
