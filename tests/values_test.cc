#include <doctest/doctest.h>

#include "values.h"

using namespace koe;

namespace {

AnswerKind kind_of(const ScaleParser& parser, std::string_view text) {
  return parser.parse(text).kind;
}

}  // namespace

TEST_CASE("trim removes ASCII blanks, no-break and ideographic spaces") {
  CHECK(trim("  9\t") == "9");
  CHECK(trim("\xC2\xA0" "10\xC2\xA0") == "10");
  CHECK(trim("\xE3\x80\x80" "東京\xE3\x80\x80") == "東京");
  CHECK(trim("") == "");
  CHECK(trim(" \xC2\xA0 ") == "");
}

TEST_CASE("trim's quick check: edge bytes of blanks that are not blanks stay") {
  // Texts that start or end with a byte a blank starts or ends with, but
  // are not blank: the slow path must leave them whole.
  CHECK(trim("\xC2\xA9" "2026") == "\xC2\xA9" "2026");          // (c)2026
  CHECK(trim("\xE3\x81\x82") == "\xE3\x81\x82");                  // あ
  CHECK(trim("x\xE3\x81\x80") == "x\xE3\x81\x80");                // ends in 0x80, not U+3000
  CHECK(trim("\xC3\xA0") == "\xC3\xA0");                          // à ends in 0xA0
  CHECK(trim("\x01" "a\x7F") == "\x01" "a\x7F");                  // control bytes are not blanks
  CHECK(trim("a\n") == "a");
  CHECK(trim("\ra") == "a");
}

TEST_CASE("scale answers: valid, missing and invalid") {
  ScaleParser nps(0, 10);
  for (int value = 0; value <= 10; ++value) {
    auto answer = nps.parse(std::to_string(value));
    CHECK(answer.kind == AnswerKind::valid);
    CHECK(answer.value == value);
  }
  CHECK(nps.parse(" 9 ").value == 9);
  CHECK(nps.parse("9.0").value == 9);
  CHECK(nps.parse("10.00").value == 10);
  CHECK(nps.parse("+7").value == 7);
  CHECK(nps.parse("\xEF\xBC\x91\xEF\xBC\x90").value == 10);  // full-width １０
  CHECK(nps.parse("\xC2\xA0" "8").value == 8);

  for (auto text : {"", "  ", "NA", "n/a", "N/A", "#N/A", "null", "NULL", "None", "NaN", "-", "."})
    CHECK_MESSAGE(kind_of(nps, text) == AnswerKind::missing, text);
  for (auto text : {"11", "-1", "7.5", "ten", "9a", "1e1", "0x9", "9.", "1 0", "99999999999"})
    CHECK_MESSAGE(kind_of(nps, text) == AnswerKind::invalid, text);
}

TEST_CASE("scale answers of one or two digits: the quick path agrees with the full one") {
  ScaleParser five(1, 5), from_ten(10, 20);
  CHECK(five.parse("5").value == 5);
  CHECK(kind_of(five, "0") == AnswerKind::invalid);
  CHECK(kind_of(five, "6") == AnswerKind::invalid);
  CHECK(kind_of(five, "10") == AnswerKind::invalid);
  CHECK(five.parse("05").value == 5);  // a leading zero takes the full path
  CHECK(kind_of(five, "") == AnswerKind::missing);
  CHECK(from_ten.parse("10").value == 10);
  CHECK(from_ten.parse("20").value == 20);
  CHECK(kind_of(from_ten, "21") == AnswerKind::invalid);
  CHECK(kind_of(from_ten, "9") == AnswerKind::invalid);
  CHECK(kind_of(from_ten, "1:") == AnswerKind::invalid);
  // A numeric no-answer code turns the quick path off.
  ScaleParser coded(0, 10, {"10"});
  CHECK(kind_of(coded, "10") == AnswerKind::missing);
  CHECK(coded.parse("9").value == 9);
}

TEST_CASE("extra no-answer codes for one column") {
  ScaleParser csat(1, 5, {"99", " Don't know "});
  CHECK(kind_of(csat, "99") == AnswerKind::missing);
  CHECK(kind_of(csat, "Don't know") == AnswerKind::missing);
  CHECK(kind_of(csat, "0") == AnswerKind::invalid);
  CHECK(csat.parse("5").value == 5);
  ScaleParser zero_is_na(0, 5, {"0"});
  CHECK(kind_of(zero_is_na, "0") == AnswerKind::missing);
  CHECK(zero_is_na.parse("3").value == 3);
}

TEST_CASE("weights: finite numbers not below zero") {
  CHECK(parse_weight("1.25") == 1.25);
  CHECK(parse_weight(" 0 ") == 0.0);
  CHECK(parse_weight("2e-1") == 0.2);
  CHECK_FALSE(parse_weight("").has_value());
  CHECK_FALSE(parse_weight("-1").has_value());
  CHECK_FALSE(parse_weight("inf").has_value());
  CHECK_FALSE(parse_weight("nan").has_value());
  CHECK_FALSE(parse_weight("1,5").has_value());
}

TEST_CASE("no-answer texts in full-width forms, and numeric codes however written") {
  ScaleParser nps(0, 10, {"99"});
  CHECK(kind_of(nps, "Ｎ／Ａ") == AnswerKind::missing);
  CHECK(kind_of(nps, "ｎｕｌｌ") == AnswerKind::missing);
  CHECK(kind_of(nps, "99") == AnswerKind::missing);
  CHECK(kind_of(nps, "99.0") == AnswerKind::missing);
  CHECK(kind_of(nps, "９９") == AnswerKind::missing);
  CHECK(nps.parse("9").value == 9);
  ScaleParser zero_is_na(0, 5, {"0"});
  CHECK(kind_of(zero_is_na, "0") == AnswerKind::missing);
  CHECK(kind_of(zero_is_na, "0.0") == AnswerKind::missing);
}
