#include <doctest/doctest.h>

#include "error.h"
#include "support/reader_snapshot.h"

using namespace koe;
using koe::testing::snapshot;

namespace {

ReaderOptions in(std::string encoding) {
  ReaderOptions options;
  options.encoding = std::move(encoding);
  return options;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

// CP932 (Windows Japanese) has characters plain Shift_JIS lacks: ① 0x8740,
// ㈱ 0x878A, 髙 0xFBFC.
TEST_CASE("CP932 reads what Japanese Excel writes, including its extra characters") {
  std::string cp932 = "\x92\x6e\x88\xe6,\x8e\xd0\x96\xbc\n\x93\x8c\x8b\x9e,\x87\x8a\x81\x40\xfb\xfc\x87\x40\n";
  auto decoded = snapshot("x.csv", cp932, in("cp932"));
  CHECK(decoded.error == "");
  CHECK(decoded.header == std::vector<std::string>{"地域", "社名"});
  CHECK(decoded.rows == Rows{{"東京", "㈱　髙①"}});
}

TEST_CASE("an undecodable byte is an error naming the line and byte offset") {
  std::string text = "a,b\n1,ok\n2,\x87\x40\n";  // ① is not in plain Shift_JIS
  auto result = snapshot("x.csv", text, in("shift_jis"));
  CHECK(result.error == "x.csv, line 3: byte 0x87 at byte offset 11 is not valid shift_jis; is the "
                        "file in another encoding?");
  auto cut = snapshot("x.csv", "a\n\x93", in("cp932"));
  CHECK(cut.error.find("the input ends inside a character") != std::string::npos);
}

TEST_CASE("single-byte encodings and characters split across read blocks") {
  auto latin = snapshot("x.csv", "name\nJos\xe9\n", in("latin1"));
  CHECK(latin.rows == Rows{{"José"}});
  auto windows = snapshot("x.csv", "q\n\x93quoted\x94 \x80\n", in("windows-1252"));
  CHECK(windows.rows == Rows{{"\u201Cquoted\u201D \u20AC"}});
  // 東 (0x93 0x8C) straddles the 64 KiB raw block boundary.
  std::string big = "a\n" + std::string(65535 - 2, 'x') + "\x93\x8c\n";
  auto straddled = snapshot("x.csv", big, in("cp932"));
  CHECK(straddled.error == "");
  REQUIRE(straddled.rows.size() == 1);
  CHECK(straddled.rows[0][0].ends_with("東"));
}

TEST_CASE("an unknown encoding is a usage error") {
  CHECK_THROWS_AS(ByteSource(ByteSource::InMemory{}, "x", "").decode_from("klingon"), Error);
}
