// The three-column rows fast-cpp-csv-parser reads from CSV text, or its
// error message: the reference side of the differential test.
#pragma once

#include "input/fccp.h"

#include <string>
#include <vector>

namespace koe::testing {

inline std::vector<std::vector<std::string>> fccp_rows(const std::string& text, std::string& error) {
  std::vector<std::vector<std::string>> rows;
  try {
    io::CSVReader<3, io::trim_chars<>, io::double_quote_escape<',', '"'>> reader(
        "input.csv", text.data(), text.data() + text.size());
    reader.read_header(io::ignore_no_column, "a", "b", "c");
    std::string a, b, c;
    while (reader.read_row(a, b, c)) rows.push_back({a, b, c});
  } catch (const io::error::base& e) {
    error = e.what();
  }
  return rows;
}

}  // namespace koe::testing
