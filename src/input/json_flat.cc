#include "input/json_flat.h"

#include <atomic>
#include <charconv>
#include <cstdlib>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace koe {

namespace {

bool is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }

// White space inside a line (a line feed ends the line).
const char* skip_space(const char* p) {
  while (*p == ' ' || *p == '\t' || *p == '\r') ++p;
  return p;
}

// The first quote, backslash or control character at or after `p`: where a
// string ends, has an escape, or is not JSON. The line's line feed is a
// control character, so the search never leaves the line by more than the
// 15 bytes a load reads past it.
const char* string_stop(const char* p) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i last_control = _mm_set1_epi8(0x1F);
  for (;; p += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, last_control), bytes);
    const __m128i stops = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)), control);
    if (const int bits = _mm_movemask_epi8(stops)) return p + __builtin_ctz(static_cast<unsigned>(bits));
  }
#else
  for (;; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20) return p;
  }
#endif
}

// The character a short escape (the letter after a backslash) stands for;
// 0 for \u (left to simdjson: surrogate pairs) and for what is not an escape.
char unescaped(char letter) {
  switch (letter) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
  }
}

std::atomic<int> forced_flat{-1};  // -1: not forced

}  // namespace

bool flat_json_enabled() {
  const int forced = forced_flat.load(std::memory_order_relaxed);
  if (forced >= 0) return forced == 1;
  const char* setting = std::getenv("KOE_JSON_FLAT");
  return setting == nullptr || std::strcmp(setting, "0") != 0;
}

void force_flat_json(std::optional<bool> enabled) {
  forced_flat.store(enabled ? static_cast<int>(*enabled) : -1, std::memory_order_relaxed);
}

FlatObjectReader::FlatObjectReader(std::vector<std::string> selected)
    : selected_(std::move(selected)), filled_(selected_.size(), 0) {
  for (std::size_t later = 0; later < selected_.size(); ++later) {
    const int first = slot_of(selected_[later]);
    if (first != static_cast<int>(later)) repeated_slots_.emplace_back(first, static_cast<int>(later));
  }
}

int FlatObjectReader::slot_of(std::string_view key) const {
  for (std::size_t slot = 0; slot < selected_.size(); ++slot)
    if (selected_[slot] == key) return static_cast<int>(slot);
  return -1;
}

bool FlatObjectReader::Separator::matches(const char* p) const {
#if defined(__SSE2__)
  const __m128i text = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i known = _mm_load_si128(reinterpret_cast<const __m128i*>(bytes));
  const auto equal = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(text, known)));
  return mask != 0 && (equal & mask) == mask;
#else
  return mask != 0 && std::memcmp(p, bytes, length) == 0;
#endif
}

FlatObjectReader::Separated FlatObjectReader::read_separator(const char*& p, std::size_t position,
                                                             int& slot) {
  const char* const start = p;
  p = skip_space(p);
  if (*p == '}') return Separated::end;
  if (position > 0) {
    if (*p != ',') return Separated::other;
    p = skip_space(p + 1);
  }
  if (*p != '"') return Separated::other;
  const char* const key = p + 1;
  p = string_stop(key);
  if (*p != '"') return Separated::other;  // an escape in a key: simdjson's
  slot = slot_of({key, static_cast<std::size_t>(p - key)});
  p = skip_space(p + 1);
  if (*p != ':') return Separated::other;
  p = skip_space(p + 1);

  if (position >= separators_.size()) separators_.resize(position + 1);
  Separator& learnt = separators_[position];
  const auto length = static_cast<std::size_t>(p - start);
  learnt.mask = 0;
  if (length <= sizeof learnt.bytes) {
    std::memcpy(learnt.bytes, start, length);
    learnt.mask = static_cast<std::uint32_t>((std::uint64_t{1} << length) - 1);
    learnt.length = static_cast<std::uint32_t>(length);
    learnt.slot = slot;
  }
  return Separated::key;
}

// `p` is just after the opening quote; on success it is just after the
// closing one.
bool FlatObjectReader::take_string(const char*& p, std::string_view* cell, Arena& arena) const {
  const char* const start = p;
  bool escapes = false;
  for (;;) {
    p = string_stop(p);
    if (*p == '"') break;
    if (*p != '\\' || unescaped(p[1]) == 0) return false;
    escapes = true;
    p += 2;
  }
  if (cell != nullptr) {
    if (!escapes) {
      *cell = {start, static_cast<std::size_t>(p - start)};
    } else {
      char* const out = arena.allocate(static_cast<std::size_t>(p - start));
      char* to = out;
      for (const char* from = start; from < p; ++from)
        *to++ = *from == '\\' ? unescaped(*++from) : *from;
      *cell = {out, static_cast<std::size_t>(to - out)};
    }
  }
  ++p;
  return true;
}

// Checks JSON's number grammar, and takes the number's text as simdjson's
// path gives it: an integer as written, a number with a fraction or an
// exponent as the shortest text of the nearest double (both parsers round
// correctly). Left to simdjson: -0 (it reads the integer 0), integers of
// more than 18 digits (uint64, double or an error) and numbers out of a
// double's range.
bool FlatObjectReader::take_number(const char*& p, std::string_view* cell, Arena& arena) const {
  const char* const start = p;
  if (*p == '-') ++p;
  const char* const digits = p;
  if (*p == '0') {
    ++p;
  } else {
    if (!is_digit(*p)) return false;
    while (is_digit(*p)) ++p;
  }
  const auto integer_digits = static_cast<std::size_t>(p - digits);
  bool fraction = false;
  bool exponent = false;
  if (*p == '.') {
    ++p;
    if (!is_digit(*p)) return false;
    while (is_digit(*p)) ++p;
    fraction = true;
  }
  if (*p == 'e' || *p == 'E') {
    ++p;
    if (*p == '+' || *p == '-') ++p;
    if (!is_digit(*p)) return false;
    while (is_digit(*p)) ++p;
    exponent = true;
  }
  const std::string_view text(start, static_cast<std::size_t>(p - start));
  if (!fraction && !exponent) {
    if (integer_digits > 18 || text == "-0") return false;
    if (cell != nullptr) *cell = text;
    return true;
  }
  if (text.size() > 100) return false;
  // No exponent and at most 100 characters: well inside a double's range.
  if (cell == nullptr && !exponent) return true;
  double value = 0;
  const auto parsed = std::from_chars(start, p, value);
  if (parsed.ec != std::errc() || parsed.ptr != p) return false;
  if (cell != nullptr) {
    char* const out = arena.allocate(32);
    const auto written = std::to_chars(out, out + 32, value);
    *cell = {out, static_cast<std::size_t>(written.ptr - out)};
  }
  return true;
}

FlatObjectReader::Shape FlatObjectReader::read(const char* p, std::string_view* cells,
                                               Arena& arena, Line& out) {
  ++line_number_;
  p = skip_space(p);
  if (*p == '\n') {
    out.next = p + 1;
    return Shape::blank;
  }
  if (*p != '{') return Shape::other;
  const char* const open = p;
  std::size_t position = 0;
  std::size_t found = 0;
  ++p;
  for (;; ++position) {
    int slot = -1;
    if (position < separators_.size() && separators_[position].matches(p)) {
      slot = separators_[position].slot;
      p = skip_space(p + separators_[position].length);
    } else if (const auto separated = read_separator(p, position, slot);
               separated != Separated::key) {
      if (separated == Separated::end) break;
      return Shape::other;
    }
    // A key met twice keeps its first value, as simdjson's at_key does.
    std::string_view* cell = nullptr;
    if (slot >= 0 && filled_[static_cast<std::size_t>(slot)] != line_number_) {
      filled_[static_cast<std::size_t>(slot)] = line_number_;
      cell = cells + slot;
      ++found;
    }
    switch (*p) {
      case '"':
        ++p;
        if (!take_string(p, cell, arena)) return Shape::other;
        break;
      case 't':
        if (std::memcmp(p, "true", 4) != 0) return Shape::other;
        p += 4;
        if (cell != nullptr) *cell = "true";
        break;
      case 'f':
        if (std::memcmp(p, "false", 5) != 0) return Shape::other;
        p += 5;
        if (cell != nullptr) *cell = "false";
        break;
      case 'n':
        if (std::memcmp(p, "null", 4) != 0) return Shape::other;
        p += 4;
        if (cell != nullptr) *cell = {};
        break;
      default:
        if (!take_number(p, cell, arena)) return Shape::other;
        break;
    }
    if (*p == '}') {
      ++position;
      break;
    }
  }
  const char* const close = p;
  p = skip_space(p + 1);
  if (*p != '\n') return Shape::other;

  for (std::size_t slot = 0; slot < selected_.size(); ++slot)
    if (filled_[slot] != line_number_) cells[slot] = {};
  for (auto [first, later] : repeated_slots_) {
    cells[later] = cells[first];
    if (filled_[static_cast<std::size_t>(first)] == line_number_) ++found;
  }
  out.object = {open, static_cast<std::size_t>(close + 1 - open)};
  out.fields = position;
  out.found = found;
  out.next = p + 1;
  return Shape::object;
}

}  // namespace koe
