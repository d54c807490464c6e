#include "input/fccp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "error.h"
#include "values.h"

namespace koe {

std::string read_spreadsheet_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr)
    throw Error(Exit::usage, fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::string text;
  char block[65536];
  for (std::size_t got; (got = std::fread(block, 1, sizeof block, file)) > 0;) text.append(block, got);
  std::fclose(file);
  return text;
}

std::string spreadsheet_csv(std::string_view text) {
  std::string out;
  std::size_t fields = 1;
  bool header = true;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    std::string_view bare = line;
    if (bare.ends_with('\r')) bare.remove_suffix(1);
    if (header) {
      header = false;
      std::string lowered;
      for (std::string_view rest = bare; ; ) {
        auto comma = rest.find(',');
        std::string name(trim(rest.substr(0, comma)));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        lowered += name;
        if (comma == std::string_view::npos) break;
        lowered += ',';
        ++fields;
        rest.remove_prefix(comma + 1);
      }
      out += lowered;
    } else if (trim(bare).empty()) {
      out.append(fields - 1, ',');
    } else {
      out += line;
    }
    if (end == std::string_view::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace koe
