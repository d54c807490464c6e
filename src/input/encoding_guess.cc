#include "input/encoding_guess.h"

#include <fmt/format.h>
#include <iconv.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include "error.h"
#include "output/text_width.h"
#include "utf8.h"

namespace koe {

namespace {

// Applies `visit` to each code point of valid UTF-8 `text`.
template <class Visit>
void for_each_point(std::string_view text, Visit visit) {
  auto bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t point = 0;
    utf8proc_ssize_t used = utf8proc_iterate(bytes, left, &point);
    if (used <= 0) return;
    visit(point);
    bytes += used;
    left -= used;
  }
}

bool has_kana(std::string_view text) {
  bool found = false;
  for_each_point(text, [&](utf8proc_int32_t point) {
    found = found || (point >= 0x3040 && point <= 0x30FF)   // hiragana, katakana
            || (point >= 0xFF66 && point <= 0xFF9F);        // half-width katakana
  });
  return found;
}

// What Western European text has beyond ASCII: accented letters and the
// typographic punctuation Word and survey tools put in (’ “ ” – …).
bool is_latin_extra(utf8proc_int32_t point) {
  if (point >= 0xC0 && point <= 0xFF) return point != 0xD7 && point != 0xF7;
  static constexpr std::array<utf8proc_int32_t, 28> kOthers = {
      0xA0,   0xA1,   0xA3,   0xA7,   0xA9,   0xAB,   0xAE,   0xB0,   0xB7,   0xBB,
      0xBF,   0x152,  0x153,  0x160,  0x161,  0x178,  0x17D,  0x17E,  0x2013, 0x2014,
      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC, 0x2122};
  return std::find(kOthers.begin(), kOthers.end(), point) != kOthers.end();
}

// Latin text has at most two such characters in a row ("“é"); Japanese read
// as Windows-1252 has symbols and runs of them.
bool looks_latin(std::string_view text) {
  bool latin = true;
  int run = 0;
  for_each_point(text, [&](utf8proc_int32_t point) {
    if (point < 0x80) {
      run = 0;
      return;
    }
    latin = latin && is_latin_extra(point) && ++run <= 2;
  });
  return latin;
}

// At most about 80 bytes of valid UTF-8, cut at a character boundary.
std::string shortened(const std::string& text) {
  constexpr std::size_t kLongest = 80;
  if (text.size() <= kLongest) return text;
  std::size_t cut = kLongest;
  while (cut > 0 && is_utf8_continuation(static_cast<unsigned char>(text[cut]))) --cut;
  return text.substr(0, cut) + "...";
}

}  // namespace

std::optional<std::string> decode_text(std::string_view bytes, const char* encoding) {
  iconv_t converter = iconv_open("UTF-8", encoding);
  if (converter == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 4 + 4, '\0');
  std::string in_copy(bytes);
  char* in = in_copy.data();
  std::size_t in_left = in_copy.size();
  char* written = out.data();
  std::size_t out_left = out.size();
  bool ok = iconv(converter, &in, &in_left, &written, &out_left) != static_cast<std::size_t>(-1) &&
            in_left == 0;
  iconv_close(converter);
  if (!ok) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

std::optional<EncodingGuess> guess_encoding(std::string_view bytes) {
  auto cp932 = decode_text(bytes, "CP932");
  auto windows = decode_text(bytes, "WINDOWS-1252");
  auto as_cp932 = [&] { return EncodingGuess{"cp932", "CP932", *cp932}; };
  auto as_windows = [&] { return EncodingGuess{"windows-1252", "Windows-1252", *windows}; };
  if (cp932 && has_kana(*cp932)) return as_cp932();
  if (windows && looks_latin(*windows)) return as_windows();
  if (cp932) return as_cp932();
  if (windows) return as_windows();
  return std::nullopt;
}

std::string encoding_advice(std::string_view bytes, bool quoted) {
  auto guess = guess_encoding(bytes);
  if (!guess)
    return "; if the file is in another encoding, name it with --encoding (cp932 for Japanese "
           "Excel, windows-1252, latin1 ...)";
  return fmt::format("; it reads as {}: {}; run with --encoding {}", guess->label,
                     quoted ? quote_value(guess->decoded) : shortened(guess->decoded),
                     guess->option);
}

std::string not_utf8_value_message(std::string_view value) {
  auto bad = output::first_invalid_utf8(value);
  if (bad == std::string_view::npos) bad = 0;
  return fmt::format("the value is not valid UTF-8 (byte 0x{:02X} at offset {} in the value){}",
                     static_cast<unsigned char>(value[bad]), bad, encoding_advice(value, true));
}

}  // namespace koe
