// Fuzzes the segment-rules parser and their evaluation: a bad rules file is
// a koe::Error, never a crash; a good one assigns rows built from the input
// without failing.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "error.h"
#include "segment_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string path = "/tmp/koe-fuzz-rules-" + std::to_string(::getpid()) + ".csv";
  std::FILE* file = std::fopen(path.c_str(), "wb");
  std::fwrite(bytes.data(), 1, bytes.size(), file);
  std::fclose(file);
  try {
    auto rules = koe::load_segment_rules(path);
    std::vector<std::string_view> values(rules.columns.size());
    for (std::size_t offset = 0; offset < bytes.size(); offset += 7) {
      for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = bytes.substr(std::min(bytes.size(), offset + i), 5);
      (void)koe::assign_segment(rules, values);
    }
  } catch (const koe::Error&) {
  }
  std::remove(path.c_str());
  return 0;
}
