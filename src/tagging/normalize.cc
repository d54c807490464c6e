#include "tagging/normalize.h"

#include <utf8proc.h>

#include <cstdlib>

namespace koe::tagging {

namespace {

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Appends ASCII-lowercased text with white-space runs collapsed; `pending`
// carries a space seen at the end of one piece into the next.
void append_collapsed(std::string_view text, std::string& out) {
  bool space = !out.empty() && out.back() == ' ';
  for (unsigned char c : text) {
    if (is_space(c)) {
      if (!space && !out.empty()) out += ' ';
      space = true;
      continue;
    }
    space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  }
}

void trim_end(std::string& out) {
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

// Code points that NFKC and case folding leave as they are, whatever
// follows: hiragana and katakana (without combining sound marks), CJK
// ideographs, and common Japanese punctuation. Text made only of these and
// ASCII needs no utf8proc pass.
bool is_stable(utf8proc_int32_t point) {
  return (point >= 0x3041 && point <= 0x3096) || (point >= 0x30A1 && point <= 0x30FA) ||
         point == 0x30FC || (point >= 0x3001 && point <= 0x3002) ||
         (point >= 0x300C && point <= 0x300F) || (point >= 0x3400 && point <= 0x4DBF) ||
         (point >= 0x4E00 && point <= 0x9FFF);
}

// `text` with every byte that is not UTF-8 replaced by U+FFFD.
std::string repair_utf8(std::string_view text) {
  std::string out;
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t used =
        utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &point);
    if (used <= 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.data() + i, static_cast<std::size_t>(used));
      i += static_cast<std::size_t>(used);
    }
  }
  return out;
}

// Returns false when `text` is not UTF-8.
bool full_normalize(std::string_view text, std::string& out) {
  out.clear();
  utf8proc_uint8_t* mapped = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                 UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
  utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
  bool valid = length >= 0;
  if (!valid) {
    std::free(mapped);
    mapped = nullptr;
    std::string repaired = repair_utf8(text);
    length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(repaired.data()),
                          static_cast<utf8proc_ssize_t>(repaired.size()), &mapped, options);
  }
  if (length >= 0)
    append_collapsed(std::string_view(reinterpret_cast<const char*>(mapped),
                                      static_cast<std::size_t>(length)),
                     out);
  std::free(mapped);
  trim_end(out);
  return valid;
}

}  // namespace

bool normalize(std::string_view text, std::string& out) {
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t used =
        utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &point);
    if (used <= 0 || !is_stable(point)) return full_normalize(text, out);
    i += static_cast<std::size_t>(used);
  }
  out.clear();
  append_collapsed(text, out);
  trim_end(out);
  return true;
}

bool normalize_reference(std::string_view text, std::string& out) {
  return full_normalize(text, out);
}

}  // namespace koe::tagging
