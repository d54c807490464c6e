// Letters of the scripts koe reads as written without spaces between words:
// kana, CJK ideographs and Hangul syllables. The tagger and the untagged
// terms must agree on them: the tagger looks for a Japanese negative ending
// (遅くない) only after a match that ends in one, and the terms cut runs of
// them into words by MeCab or character n-grams rather than at spaces.
#pragma once

#include <cstdint>

namespace koe::tagging {

// Hiragana and katakana (U+3041-U+30FF), CJK ideographs with extension A
// (U+3400-U+9FFF) and Hangul syllables (U+AC00-U+D7AF). `point` may be -1
// (no character), which is none of them.
constexpr bool is_unspaced_letter(std::int32_t point) {
  return (point >= 0x3041 && point <= 0x30FF) || (point >= 0x3400 && point <= 0x9FFF) ||
         (point >= 0xAC00 && point <= 0xD7AF);
}

}  // namespace koe::tagging
