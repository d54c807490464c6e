#include <doctest/doctest.h>
#include <simdjson.h>

#include <cmath>
#include <limits>

#include "output/json_writer.h"

using namespace koe::output;

namespace {

// Parses `json` with simdjson and returns the string value at "text".
std::string round_trip(std::string_view text) {
  JsonWriter writer;
  writer.begin_object().key("text").string(text).end_object();
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  auto error = parser.parse(writer.text()).get(document);
  REQUIRE_MESSAGE(!error, writer.text());
  std::string_view value;
  REQUIRE(!document["text"].get(value));
  return std::string(value);
}

}  // namespace

TEST_CASE("any text round-trips through JSON and simdjson") {
  for (std::string_view text :
       {"plain", "quote \" backslash \\ slash /", "tab\tnewline\ncr\r", "東京 ｱﾌﾟﾘ 😀",
        "\x01\x1f\x7f", "\u2028"}) {
    CHECK(round_trip(text) == text);
  }
  std::string every_byte_below_128;
  for (int c = 0; c < 128; ++c) every_byte_below_128 += static_cast<char>(c);
  CHECK(round_trip(every_byte_below_128) == every_byte_below_128);
}

TEST_CASE("invalid UTF-8 becomes U+FFFD so the document still parses") {
  CHECK(round_trip("ok\xff\xfe" "end") == "ok\uFFFD\uFFFDend");
  CHECK(round_trip("\x82\xa0") == "\uFFFD\uFFFD");
  CHECK(round_trip("cut \xE6\x9D") == "cut \uFFFD\uFFFD");
}

TEST_CASE("numbers: full precision, integers exact, non-finite as null") {
  JsonWriter writer;
  writer.begin_array()
      .number(0.1)
      .number(48.368953880764906)
      .number(std::int64_t{-3})
      .number(std::uint64_t{18446744073709551615ULL})
      .number(std::nan(""))
      .number(std::numeric_limits<double>::infinity())
      .number(-0.0)
      .end_array();
  CHECK(writer.text() == "[0.1,48.368953880764906,-3,18446744073709551615,null,null,0]");
}

TEST_CASE("pretty and compact layouts") {
  JsonWriter compact;
  compact.begin_object().key("a").begin_array().number(std::int64_t{1}).end_array();
  compact.key("b").begin_object().end_object().key("c").null().end_object();
  CHECK(compact.text() == R"({"a":[1],"b":{},"c":null})");
  JsonWriter pretty(true);
  pretty.begin_object().key("a").begin_array().number(std::int64_t{1}).end_array().end_object();
  CHECK(pretty.text() == "{\n  \"a\": [\n    1\n  ]\n}");
}
