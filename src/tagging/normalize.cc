#include "tagging/normalize.h"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <initializer_list>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace koe::tagging {

namespace {

// What normalisation is: NFKC with case folding. The fast path's tables
// are filled with these options too, so they cannot drift apart.
constexpr auto kNfkcCasefold = static_cast<utf8proc_option_t>(
    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);

char fold_ascii(unsigned char c) {
  return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

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
    out += fold_ascii(c);
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

// Half-width katakana (U+FF61..U+FF9F) and the combining sound marks
// (U+3099, U+309A), common in Japanese exports from older systems: NFKC
// widens the first and joins a mark to the kana before it (ｶﾞ → ガ). Both
// tables are filled by utf8proc itself, once, so the fast path cannot
// disagree with it.
constexpr utf8proc_int32_t kHalfWidthFirst = 0xFF61, kHalfWidthLast = 0xFF9F;
constexpr utf8proc_int32_t kVoicedMark = 0x3099, kSemiVoicedMark = 0x309A;

struct KanaTables {
  std::array<utf8proc_int32_t, kHalfWidthLast - kHalfWidthFirst + 1> wide{};
  // joined[c - U+3000][m]: c followed by mark m (0 voiced, 1 semi-voiced)
  // as one character, or 0 when they stay apart.
  std::array<std::array<utf8proc_int32_t, 2>, 0x100> joined{};
};

// The one code point utf8proc maps `points` to, or 0 when it is not one.
utf8proc_int32_t map_to_one(std::initializer_list<utf8proc_int32_t> points) {
  std::string text;
  for (auto point : points) {
    utf8proc_uint8_t bytes[4];
    auto length = utf8proc_encode_char(point, bytes);
    text.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                         static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                         kNfkcCasefold);
  utf8proc_int32_t point = 0;
  if (length > 0 && utf8proc_iterate(mapped, length, &point) != length) point = 0;
  std::free(mapped);
  return point;
}

const KanaTables& kana_tables() {
  static const KanaTables tables = [] {
    KanaTables t;
    for (auto point = kHalfWidthFirst; point <= kHalfWidthLast; ++point)
      t.wide[static_cast<std::size_t>(point - kHalfWidthFirst)] = map_to_one({point});
    for (utf8proc_int32_t point = 0x3000; point < 0x3100; ++point)
      for (int mark = 0; mark < 2; ++mark)
        t.joined[static_cast<std::size_t>(point - 0x3000)][static_cast<std::size_t>(mark)] =
            map_to_one({point, mark ? kSemiVoicedMark : kVoicedMark});
    return t;
  }();
  return tables;
}

char* write_three_bytes(char* write, utf8proc_int32_t point) {
  write[0] = static_cast<char>(0xE0 | (point >> 12));
  write[1] = static_cast<char>(0x80 | ((point >> 6) & 0x3F));
  write[2] = static_cast<char>(0x80 | (point & 0x3F));
  return write + 3;
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
  utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &mapped, kNfkcCasefold);
  bool valid = length >= 0;
  if (!valid) {
    std::free(mapped);
    mapped = nullptr;
    std::string repaired = repair_utf8(text);
    length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(repaired.data()),
                          static_cast<utf8proc_ssize_t>(repaired.size()), &mapped, kNfkcCasefold);
  }
  if (length >= 0)
    append_collapsed(std::string_view(reinterpret_cast<const char*>(mapped),
                                      static_cast<std::size_t>(length)),
                     out);
  std::free(mapped);
  trim_end(out);
  return valid;
}

// The utf8proc path's result appended to `out`, cut back to `base` first.
bool full_normalize_append(std::string_view text, std::string& out, std::size_t base) {
  std::string normalized;
  const bool valid = full_normalize(text, normalized);
  out.resize(base);
  out += normalized;
  return valid;
}

}  // namespace

bool normalize(std::string_view text, std::string& out) {
  out.clear();
  return normalize_append(text, out);
}

bool normalize_append(std::string_view text, std::string& out) {
  // One pass writes the folded text while checking that every character is
  // one normalisation leaves alone (ASCII, or a stable Japanese character
  // decoded here without a library call); at the first other character the
  // whole comment goes through utf8proc instead.
  const std::size_t base = out.size();
  out.resize(base + text.size());
  char* const begin = out.data() + base;
  char* write = begin;
  bool space = true;  // drops leading white space
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
#if defined(__SSE2__)
    // Sixteen ASCII bytes at once when they need nothing but lower case:
    // no tab or line break, no space next to a space, none leading.
    if (end - p >= 16) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      if (_mm_movemask_epi8(chunk) == 0) {
        __m128i control = _mm_and_si128(_mm_cmpgt_epi8(chunk, _mm_set1_epi8(8)),
                                        _mm_cmplt_epi8(chunk, _mm_set1_epi8(14)));
        auto spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(' '))));
        bool doubled = (spaces & (spaces >> 1)) != 0 || ((spaces & 1) && space);
        if (_mm_movemask_epi8(control) == 0 && !doubled) {
          __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(chunk, _mm_set1_epi8('A' - 1)),
                                        _mm_cmplt_epi8(chunk, _mm_set1_epi8('Z' + 1)));
          chunk = _mm_add_epi8(chunk, _mm_and_si128(upper, _mm_set1_epi8('a' - 'A')));
          _mm_storeu_si128(reinterpret_cast<__m128i*>(write), chunk);
          write += 16;
          p += 16;
          space = (spaces >> 15) & 1;
          continue;
        }
      }
    }
#endif
    unsigned char c = *p;
    if (c < 0x80) {
      if (is_space(c)) {
        if (!space) *write++ = ' ';
        space = true;
      } else {
        *write++ = fold_ascii(c);
        space = false;
      }
      ++p;
      continue;
    }
    // Three-byte UTF-8 (U+0800..U+FFFF) holds every stable character.
    if ((c & 0xF0) != 0xE0 || end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
      return full_normalize_append(text, out, base);
    if (c >= 0xE5 && c <= 0xE9) {  // U+5000..U+9FFF: kanji, copied without decoding
      write[0] = static_cast<char>(c);
      write[1] = static_cast<char>(p[1]);
      write[2] = static_cast<char>(p[2]);
      write += 3;
      p += 3;
      space = false;
      continue;
    }
    auto point = static_cast<utf8proc_int32_t>(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) |
                                               (p[2] & 0x3F));
    p += 3;
    if (is_stable(point)) {  // the common case first: kana and kanji stay
      write[0] = static_cast<char>(c);
      write[1] = static_cast<char>(p[-2]);
      write[2] = static_cast<char>(p[-1]);
      write += 3;
      space = false;
      continue;
    }
    if (point == 0x3000) {  // the ideographic space is a space
      if (!space) *write++ = ' ';
      space = true;
      continue;
    }
    if ((point >= kHalfWidthFirst && point <= kHalfWidthLast) || point == kVoicedMark ||
        point == kSemiVoicedMark) {
      const auto& tables = kana_tables();
      if (point >= kHalfWidthFirst) {
        point = tables.wide[static_cast<std::size_t>(point - kHalfWidthFirst)];
        if (point < 0x800 || point > 0xFFFF) return full_normalize_append(text, out, base);
      }
      if (point == kVoicedMark || point == kSemiVoicedMark) {
        // Joins the character just written when that is a kana (only
        // ASCII and three-byte characters are written on this path, so
        // a lead byte three back starts the last one).
        if (write - begin >= 3 && static_cast<unsigned char>(write[-3]) == 0xE3 &&
            static_cast<unsigned char>(write[-2]) <= 0x83) {
          auto last = ((write[-2] & 0x3F) << 6) | (write[-1] & 0x3F);  // minus U+3000
          auto joined = tables.joined[static_cast<std::size_t>(last)]
                                     [point == kSemiVoicedMark ? 1 : 0];
          if (joined != 0) {
            write_three_bytes(write - 3, joined);
            space = false;
            continue;
          }
        }
      }
      write = write_three_bytes(write, point);
      space = false;
      continue;
    }
    if (point >= 0xFF01 && point <= 0xFF5E) {
      // Full-width ASCII (！, Ａ) is NFKC's ASCII, then case-folded.
      *write++ = fold_ascii(static_cast<unsigned char>(point - 0xFF01 + '!'));
      space = false;
      continue;
    }
    return full_normalize_append(text, out, base);
  }
  if (write > begin && write[-1] == ' ') --write;
  out.resize(static_cast<std::size_t>(write - out.data()));
  return true;
}

bool normalize_reference(std::string_view text, std::string& out) {
  return full_normalize(text, out);
}

}  // namespace koe::tagging
