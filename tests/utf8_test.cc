#include <doctest/doctest.h>

#include "utf8.h"

using koe::utf8_sequence_length;

TEST_CASE("UTF-8 sequence length from the lead byte") {
  CHECK(utf8_sequence_length(0x00) == 1);
  CHECK(utf8_sequence_length('a') == 1);
  CHECK(utf8_sequence_length(0x7F) == 1);
  // Continuation bytes start nothing.
  CHECK(utf8_sequence_length(0x80) == 0);
  CHECK(utf8_sequence_length(0xBF) == 0);
  CHECK(utf8_sequence_length(0xC3) == 2);  // é
  CHECK(utf8_sequence_length(0xDF) == 2);
  CHECK(utf8_sequence_length(0xE3) == 3);  // あ
  CHECK(utf8_sequence_length(0xEF) == 3);
  CHECK(utf8_sequence_length(0xF0) == 4);  // U+1F600
  // Never valid in UTF-8 (an overlong lead, a byte past 0xF4): the length is the lead's alone.
  CHECK(utf8_sequence_length(0xC0) == 2);
  CHECK(utf8_sequence_length(0xFF) == 4);
}
