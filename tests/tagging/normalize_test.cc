#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stats/bootstrap.h"
#include "tagging/normalize.h"

using koe::tagging::normalize;
using koe::tagging::normalize_append;
using koe::tagging::normalize_reference;

namespace {

std::string normalized(std::string_view text) {
  std::string out;
  normalize(text, out);
  return out;
}

}  // namespace

TEST_CASE("case, white space, full-width ASCII and half-width katakana fold") {
  CHECK(normalized("  The APP\tcrashed\r\n again ") == "the app crashed again");
  CHECK(normalized("ＡＰＰが落ちる") == "appが落ちる");
  CHECK(normalized("ｱﾌﾟﾘが遅い") == "アプリが遅い");
  CHECK(normalized("ログイン　できない") == "ログイン できない");  // ideographic space
  CHECK(normalized("Straße") == "strasse");
  CHECK(normalized("caf\u00E9 cafe\u0301") == "caf\u00E9 caf\u00E9");  // composed alike
  CHECK(normalized("") == "");
  CHECK(normalized(" \n ") == "");
}

TEST_CASE("bytes that are not UTF-8 become U+FFFD and are reported") {
  std::string out;
  CHECK_FALSE(normalize("bad \x93\x8c byte", out));
  CHECK(out == "bad \uFFFD\uFFFD byte");
  CHECK(normalize("good", out));
}

// The fast path (ASCII and Japanese text normalisation leaves alone) must
// give exactly what utf8proc gives.
TEST_CASE("the fast path equals the full normalisation") {
  const std::string_view pieces[] = {"a", "Z", " ", "\t", "\n", "word ", "Some ASCII text ",
                                     "  ", "MIXED case, with: punctuation. ", "東", "京", "ア", "ン", "が",
                                     "ー", "。", "「", "ｶ", "ﾞ", "Ａ", "\u3099", "é", "e\u0301",
                                     "\xff", "\u3000", "İ", "ß", "!", "9", "！", "ｚ", "～",
                                     "\uFF5F", "\uFF00", "ﾊ", "ﾟ", "ｳ", "ﾜ", "ｯ", "ｰ", "｡",
                                     "｢", "･", "ｦ", "\u309A", "は", "ウ", "ヴ", "・", "\u309B"};
  koe::stats::Random random(99);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    // Long texts too, so sixteen-byte runs of ASCII take the vector path.
    auto length = random.next() % (round % 2 ? 12 : 80);
    for (std::uint64_t k = 0; k < length; ++k) text += pieces[random.next() % std::size(pieces)];
    std::string fast, slow;
    bool fast_valid = normalize(text, fast);
    bool slow_valid = normalize_reference(text, slow);
    CHECK_MESSAGE(fast == slow, text);
    CHECK(fast_valid == slow_valid);
    // Appended after other text (tag_many joins comments so): the same
    // bytes after it, and a sound mark first does not join what is before.
    std::string joined = "カ ";
    CHECK(normalize_append(text, joined) == slow_valid);
    CHECK_MESSAGE(joined == "カ " + slow, text);
  }
}

// Every kana, half-width or not, followed by each sound mark (and by two):
// the fast path joins exactly the pairs utf8proc joins.
TEST_CASE("half-width katakana and sound marks fold as utf8proc folds them") {
  auto encode = [](char32_t point) {
    std::string text;
    text += static_cast<char>(0xE0 | (point >> 12));
    text += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    text += static_cast<char>(0x80 | (point & 0x3F));
    return text;
  };
  std::vector<char32_t> bases;
  for (char32_t point = 0x3001; point < 0x3100; ++point) bases.push_back(point);
  for (char32_t point = 0xFF61; point <= 0xFF9F; ++point) bases.push_back(point);
  const char32_t marks[] = {0xFF9E, 0xFF9F, 0x3099, 0x309A};
  for (char32_t base : bases)
    for (char32_t mark : marks)
      for (char32_t second : {char32_t{0}, char32_t{0xFF9E}, char32_t{0x309A}}) {
        std::string text = "x";
        text += encode(base);
        text += encode(mark);
        if (second) text += encode(second);
        std::string fast, slow;
        CHECK(normalize(text, fast));
        CHECK(normalize_reference(text, slow));
        CHECK_MESSAGE(fast == slow, text);
      }
  std::string text;
  CHECK(normalize("ｶﾞｲﾄﾞﾌﾞｯｸ ﾊﾟｽﾜｰﾄﾞ", text));
  CHECK(text == "ガイドブック パスワード");
}
