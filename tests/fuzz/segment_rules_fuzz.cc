// Fuzzes the segment-rules parser and their evaluation: a bad rules file is
// a koe::Error, never a crash; a good one assigns rows built from the input
// without failing.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "error.h"
#include "segment_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    auto rules = koe::parse_segment_rules(bytes, "fuzz.csv");
    std::vector<std::string_view> values(rules.columns.size());
    for (std::size_t offset = 0; offset < bytes.size(); offset += 7) {
      for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = bytes.substr(std::min(bytes.size(), offset + i), 5);
      (void)koe::assign_segment(rules, values);
    }
  } catch (const koe::Error&) {
  }
  return 0;
}
