// Valid RFC 4180 text with three columns built from arbitrary bytes, for the
// differential test of koe's reader against fast-cpp-csv-parser. Fields
// never hold line breaks or NUL (fast-cpp-csv-parser reads line by line);
// they may hold delimiters, quotes and any other byte.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace koe::testing {

struct GeneratedCsv {
  std::string text;
  std::vector<std::vector<std::string>> rows;  // the fields, header excluded
};

inline GeneratedCsv generate_csv(std::string_view bytes) {
  GeneratedCsv out;
  out.text = "a,b,c\n";
  std::size_t i = 0;
  auto next = [&]() -> unsigned char { return i < bytes.size() ? static_cast<unsigned char>(bytes[i++]) : 0; };
  while (i < bytes.size()) {
    std::vector<std::string> row;
    for (int column = 0; column < 3; ++column) {
      unsigned char control = next();
      std::size_t length = control % 8;
      std::string field;
      for (std::size_t k = 0; k < length && i < bytes.size(); ++k) {
        char c = static_cast<char>(next());
        if (c == '\n' || c == '\r' || c == '\0') c = ' ';
        field += c;
      }
      bool must_quote = field.find_first_of(",\"") != std::string::npos;
      bool quote = must_quote || (control & 0x80);
      // An unquoted field that is the whole record and empty would be a blank
      // line, which is not a record: quote it.
      if (row.empty() && field.empty() && column == 0) quote = quote || (control & 0x40);
      if (column > 0) out.text += ',';
      if (quote) {
        out.text += '"';
        for (char c : field) {
          if (c == '"') out.text += '"';
          out.text += c;
        }
        out.text += '"';
      } else {
        out.text += field;
      }
      row.push_back(field);
    }
    out.text += (next() & 1) ? "\r\n" : "\n";
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace koe::testing
