// Advice for text that is not UTF-8: which of the encodings real exports
// arrive in (CP932 from Japanese Excel, Windows-1252 from older survey tools)
// reads the bytes cleanly, and what they say in it, so an error can name the
// option that fixes it: "it reads as CP932: 回答ID, 会社, スコア; run with
// --encoding cp932". No peer tool goes this far; a user who sees their own
// column names knows at once that the advice is right.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace koe {

struct EncodingGuess {
  std::string option;   // as --encoding takes it: "cp932", "windows-1252"
  std::string label;    // as people know it: "CP932", "Windows-1252"
  std::string decoded;  // the bytes read in that encoding, as UTF-8
};

// The encoding `bytes` most likely are in, or none when neither candidate
// reads them. Both can read many byte strings; CP932 is chosen when its
// reading has kana, Windows-1252 when its reading is Latin letters and
// typographic punctuation, else whichever reads the bytes at all.
std::optional<EncodingGuess> guess_encoding(std::string_view bytes);

// The tail of a "not valid UTF-8" message: "; it reads as CP932: <what>; run
// with --encoding cp932", `what` being the decoded text cut short (quoted
// when `quoted`), or a general hint naming --encoding when no candidate
// reads the bytes.
std::string encoding_advice(std::string_view bytes, bool quoted);

// "the value is not valid UTF-8 (byte 0xFF at offset 2 in the value)" and
// its encoding_advice: the message for a field that must be text.
std::string not_utf8_value_message(std::string_view value);

// `bytes` decoded from `encoding` (a name iconv knows) to UTF-8, or none when
// a byte does not decode.
std::optional<std::string> decode_text(std::string_view bytes, const char* encoding);

}  // namespace koe
