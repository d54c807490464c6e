#include <doctest/doctest.h>

#include "error.h"

using namespace koe;

TEST_CASE("messages name what is known of the place") {
  CHECK(std::string(Error(Exit::input, "bad", {"a.csv", 3, "score"}).what()) ==
        "a.csv, line 3, column \"score\": bad");
  CHECK(std::string(Error(Exit::input, "bad", {"a.csv"}).what()) == "a.csv: bad");
  CHECK(std::string(Error(Exit::usage, "bad").what()) == "bad");
}

TEST_CASE("values in messages are quoted, escaped and cut") {
  CHECK(quote_value("11") == "\"11\"");
  CHECK(quote_value("a\nb\x01") == "\"a\\nb\\x01\"");
  CHECK(quote_value("東京\x93") == "\"東京\\x93\"");
  CHECK(quote_value(std::string(100, 'x')) == "\"" + std::string(60, 'x') + "...\"");
}
