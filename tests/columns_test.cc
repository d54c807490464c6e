#include <doctest/doctest.h>

#include "columns.h"
#include "error.h"

using namespace koe;

namespace {

const std::vector<std::string> kHeader = {"id", "score", "plan", "地域", "a,b", "7", "dup", "dup"};

std::string usage_error(std::string_view spec) {
  try {
    resolve_column(kHeader, spec, "--by");
  } catch (const Error& error) {
    CHECK(error.code() == Exit::usage);
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("columns by name, by 1-based position, and names that look like numbers") {
  CHECK(resolve_column(kHeader, "score", "--score") == 1);
  CHECK(resolve_column(kHeader, "地域", "--by") == 3);
  CHECK(resolve_column(kHeader, "3", "--by") == 2);
  CHECK(resolve_column(kHeader, "7", "--by") == 5);  // a header name wins over a position
  CHECK(resolve_column(kHeader, "8", "--by") == 7);
}

TEST_CASE("lists split on commas unless the whole text is a column name") {
  CHECK(resolve_columns(kHeader, {"plan,地域"}, "--by") == std::vector<std::size_t>{2, 3});
  CHECK(resolve_columns(kHeader, {"a,b"}, "--by") == std::vector<std::size_t>{4});
  CHECK(resolve_columns(kHeader, {"plan", "1"}, "--by") == std::vector<std::size_t>{2, 0});
}

TEST_CASE("unknown columns list what exists and suggest the closest name") {
  auto message = usage_error("scroe");
  CHECK(message.find("no column named \"scroe\" (--by)") != std::string::npos);
  CHECK(message.find("did you mean \"score\"?") != std::string::npos);
  CHECK(message.find("1 id, 2 score, 3 plan") != std::string::npos);
  CHECK(usage_error("PLAN").find("did you mean \"plan\"?") != std::string::npos);
  CHECK(usage_error("zzzzzzzz").find("did you mean") == std::string::npos);
  CHECK(usage_error("9").find("out of range: the input has 8 columns") != std::string::npos);
  CHECK(usage_error("0").find("out of range") != std::string::npos);
  CHECK(usage_error("dup").find("appears 2 times, at positions 7, 8") != std::string::npos);
  CHECK(usage_error("dup").find("appears 2 times") != std::string::npos);
}

TEST_CASE("closest name works on code points") {
  CHECK(closest_name(kHeader, "地") == "地域");
  CHECK(closest_name({"LikelyToRecommend"}, "likelytorecomend") == "LikelyToRecommend");
}

TEST_CASE("names in a list are trimmed, unless a header name has the spaces") {
  CHECK(resolve_columns(kHeader, {"plan, 地域"}, "--by") == std::vector<std::size_t>{2, 3});
  CHECK(resolve_columns(kHeader, {" plan ,\t1 "}, "--by") == std::vector<std::size_t>{2, 0});
  CHECK(resolve_column(kHeader, " score", "--score") == 1);
  const std::vector<std::string> spaced = {"score", " score"};
  CHECK(resolve_column(spaced, " score", "--score") == 1);  // the exact name first
  CHECK(resolve_column(spaced, "score", "--score") == 0);
  CHECK(usage_error(" dup ").find("\"dup\" (--by) appears 2 times") != std::string::npos);
}

TEST_CASE("spelling hints compare names after NFKC and case folding, and only suggest") {
  const std::vector<std::string> header = {"id", "プラン", "score", "Région"};
  CHECK(closest_name(header, "ﾌﾟﾗﾝ") == "プラン");   // half-width katakana
  CHECK(closest_name(header, "ｓｃｏｒｅ") == "score");  // full-width Latin
  CHECK(closest_name(header, "ＳＣＯＲＥ") == "score");
  CHECK(closest_name(header, "RÉGION") == "Région");
  CHECK(closest_name({" score "}, "score") == " score ");
  CHECK(name_distance("ﾌﾟﾗﾝ", "プラン") == 0);
  CHECK(name_distance("ｓｃｏｒｅ", "scorf") == 1);
  try {
    resolve_column(header, "ｓｃｏｒｅ", "--score");
    FAIL("a folded match is not taken");
  } catch (const Error& error) {
    CHECK(error.code() == Exit::usage);
    CHECK(std::string(error.what()).find("did you mean \"score\"?") != std::string::npos);
  }
  // Bytes that are not UTF-8 are compared as they are.
  CHECK(closest_name({"sc\xFFre"}, "sc\xFFre") == "sc\xFFre");
}

TEST_CASE("an unknown column in a one-column header that holds a delimiter hints at -d") {
  try {
    resolve_column({"id,plan,score"}, "score", "--score");
    FAIL("no such column");
  } catch (const Error& error) {
    CHECK(std::string(error.what()).ends_with(
        "The columns are: 1 id,plan,score (one column: if the input has another delimiter, give "
        "it with -d, or its format with --input-format)"));
  }
  try {
    resolve_column({"id score"}, "score", "--score");
    FAIL("no such column");
  } catch (const Error& error) {
    CHECK(std::string(error.what()).ends_with("The columns are: 1 id score"));
  }
}
