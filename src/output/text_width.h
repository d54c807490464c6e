// How wide text is in a terminal: East Asian wide and full-width characters
// take two cells, combining marks none (Unicode's East_Asian_Width, via
// utf8proc). Bytes that are not valid UTF-8 count one cell each.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace koe::output {

std::size_t display_width(std::string_view text);

// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// Byte offset of the first byte that breaks UTF-8 in `text` (npos if none).
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace koe::output
