#include <doctest/doctest.h>

#include "stats/bootstrap.h"
#include "tagging/normalize.h"

using koe::tagging::normalize;
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
                                     "\uFF5F", "\uFF00"};
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
  }
}
