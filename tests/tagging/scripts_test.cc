#include <doctest/doctest.h>

#include "tagging/scripts.h"

using koe::tagging::is_unspaced_letter;

TEST_CASE("unspaced letters: kana, CJK ideographs, Hangul") {
  CHECK(is_unspaced_letter(U'あ'));
  CHECK(is_unspaced_letter(U'ア'));
  CHECK(is_unspaced_letter(U'ー'));  // the long-vowel mark, inside a katakana word
  CHECK(is_unspaced_letter(U'遅'));
  CHECK(is_unspaced_letter(U'㐀'));  // extension A
  CHECK(is_unspaced_letter(U'한'));
  CHECK_FALSE(is_unspaced_letter('a'));
  CHECK_FALSE(is_unspaced_letter(U'é'));
  CHECK_FALSE(is_unspaced_letter(U'。'));  // punctuation ends a run
  CHECK_FALSE(is_unspaced_letter(U'Ａ'));
  CHECK_FALSE(is_unspaced_letter(-1));
}
