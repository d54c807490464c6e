#include "output/text_width.h"

#include <utf8proc.h>

#include <algorithm>

namespace koe::output {

std::size_t display_width(std::string_view text) {
  // Most cells are printable ASCII, one column a byte: checked without a
  // branch a byte (a table of a million rows measures thirty million cells).
  bool printable_ascii = true;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    printable_ascii &= (byte >= 0x20) & (byte < 0x80);
  }
  if (printable_ascii) return text.size();
  std::size_t width = 0;
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    if (*bytes >= 0x20 && *bytes < 0x80) {  // printable ASCII: most cells are nothing else
      ++width;
      ++bytes;
      --left;
      continue;
    }
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t used = utf8proc_iterate(bytes, left, &point);
    if (used <= 0) {
      width += 1;
      used = 1;
    } else if (point < 0x80) {
      width += point >= 0x20 ? 1 : 0;
    } else {
      width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(point)));
    }
    bytes += used;
    left -= used;
  }
  return width;
}

std::size_t first_invalid_utf8(std::string_view text) {
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::size_t offset = 0;
  while (offset < text.size()) {
    if (bytes[offset] < 0x80) {
      ++offset;
      continue;
    }
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t used = utf8proc_iterate(bytes + offset,
                                             static_cast<utf8proc_ssize_t>(text.size() - offset),
                                             &point);
    if (used <= 0) return offset;
    offset += static_cast<std::size_t>(used);
  }
  return std::string_view::npos;
}

bool is_valid_utf8(std::string_view text) {
  return first_invalid_utf8(text) == std::string_view::npos;
}

}  // namespace koe::output
