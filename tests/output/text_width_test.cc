#include <doctest/doctest.h>

#include "output/text_width.h"

using namespace koe::output;

TEST_CASE("display width counts East Asian wide characters as two cells") {
  CHECK(display_width("plan") == 4);
  CHECK(display_width("東京") == 4);
  CHECK(display_width("北海道 pro") == 10);
  CHECK(display_width("ｱﾌﾟﾘ") == 4);  // half-width katakana are narrow
  CHECK(display_width("ＡＰＰ") == 6);  // full-width Latin is wide
  CHECK(display_width("e\u0301") == 1);  // a combining accent takes no cell
  CHECK(display_width("\xff") == 1);
  CHECK(display_width("") == 0);
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK(is_valid_utf8("東京 plain"));
  CHECK(first_invalid_utf8("ab\x82\xa0") == 2);
  CHECK(first_invalid_utf8("東\xE4\xBA") == 3);
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0);  // a UTF-16 surrogate is not UTF-8
}
