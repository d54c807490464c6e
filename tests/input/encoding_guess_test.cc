#include "input/encoding_guess.h"

#include <doctest/doctest.h>

#include "support/reader_snapshot.h"

using namespace koe;
using koe::testing::snapshot;

namespace {

// 回答ID, 会社, スコア, 東京 and ① as Japanese Excel writes them (CP932).
const std::string kAnswerId = "\x89\xf1\x93\x9a" "ID";
const std::string kCompany = "\x89\xef\x8e\xd0";
const std::string kScore = "\x83X\x83R\x83" "A";
const std::string kTokyo = "\x93\x8c\x8b\x9e";

std::string guessed(std::string_view bytes) {
  auto guess = guess_encoding(bytes);
  return guess ? guess->option + ": " + guess->decoded : "none";
}

}  // namespace

TEST_CASE("the encoding of bytes that are not UTF-8 is guessed from how they read") {
  // Kana settle it for CP932, although Windows-1252 reads these bytes too.
  CHECK(guessed(kScore) == "cp932: スコア");
  CHECK(guessed(kAnswerId + ", " + kCompany + ", " + kScore) == "cp932: 回答ID, 会社, スコア");
  // Kanji alone: Windows-1252 reads them as symbols in a row (‰ïŽÐ), not as words.
  CHECK(guessed(kCompany) == "cp932: 会社");
  CHECK(guessed(kTokyo) == "cp932: 東京");
  // Accented letters and typographic quotes: CP932 reads "é" + "n" as a kanji, but the Latin
  // reading is the plausible one.
  CHECK(guessed("Pr\xe9nom") == "windows-1252: Prénom");
  CHECK(guessed("\x93quoted\x94 don\x92t") == "windows-1252: \u201Cquoted\u201D don\u2019t");
  CHECK(guessed("Universe?\x8c\xe6") == "windows-1252: Universe?Œæ");
  CHECK(guessed("pr\xffo") == "windows-1252: prÿo");
  // 0x81 is undefined in Windows-1252 and 0x81 0x20 is no CP932 character.
  CHECK(guessed("a\x81 b") == "none");
}

TEST_CASE("encoding advice names the option, or the general hint") {
  CHECK(encoding_advice(kTokyo, true) == "; it reads as CP932: \"東京\"; run with --encoding cp932");
  CHECK(encoding_advice(kTokyo, false) == "; it reads as CP932: 東京; run with --encoding cp932");
  CHECK(encoding_advice("a\x81 b", true) ==
        "; if the file is in another encoding, name it with --encoding (cp932 for Japanese Excel, "
        "windows-1252, latin1 ...)");
  // A long reading is cut at a character boundary.
  std::string many;
  for (int i = 0; i < 40; ++i) many += kTokyo;
  auto advice = encoding_advice(many, false);
  CHECK(advice.find("東京東京...; run with --encoding cp932") != std::string::npos);
  CHECK(not_utf8_value_message("pr\xffo") ==
        "the value is not valid UTF-8 (byte 0xFF at offset 2 in the value); it reads as "
        "Windows-1252: \"prÿo\"; run with --encoding windows-1252");
}

TEST_CASE("a header that is not UTF-8 is an input error with its line, byte and encoding") {
  std::string file = kAnswerId + "," + kCompany + "," + kScore + "\n1,x,9\n";
  CHECK(snapshot("export.csv", file, {}).error ==
        "export.csv, line 1: the header is not valid UTF-8 (byte 0x89 at byte offset 0); it reads "
        "as CP932: 回答ID, 会社, スコア; run with --encoding cp932");
  // After a BOM and ASCII names the offset counts every byte of the file.
  CHECK(snapshot("export.csv", "\xEF\xBB\xBFid," + kScore + "\n1,9\n", {}).error ==
        "export.csv, line 1: the header is not valid UTF-8 (byte 0x83 at byte offset 6); it reads "
        "as CP932: スコア; run with --encoding cp932");
  // Named, the encoding reads it.
  ReaderOptions cp932;
  cp932.encoding = "cp932";
  CHECK(snapshot("export.csv", file, cp932).header ==
        std::vector<std::string>{"回答ID", "会社", "スコア"});
  // A bad value in a data row is not the header's problem: the tools check the columns they
  // read (tests/cli/cases/nps_invalid_utf8_group.case).
  auto data = snapshot("export.csv", "id,region\n1," + kTokyo + "\n", {});
  CHECK(data.error == "");
  CHECK(data.rows.size() == 1);
}

TEST_CASE("label rows under the header and headers longer than what is peeked") {
  // A SurveyMonkey-style second header row (--skip-rows 1) in CP932: line 2.
  ReaderOptions skip;
  skip.skip_rows = 1;
  auto labels = snapshot("sm.csv", "id,q1\n," + kScore + "\n1,9\n", skip);
  CHECK(labels.error ==
        "sm.csv, line 2: a header row (--skip-rows, --preset) is not valid UTF-8 (byte 0x83 at "
        "byte offset 7); it reads as CP932: スコア; run with --encoding cp932");
  // A header of more than 64 KiB whose bad name comes after the first 64 KiB: the message
  // names the column and the offset in its name.
  std::string wide;
  for (int i = 0; i < 20000; ++i) wide.append("c").append(std::to_string(i)).append(",");
  wide += "x" + kCompany + "\n";
  auto long_header = snapshot("wide.csv", wide + std::string(20001, ',') + "\n", {});
  CHECK(long_header.error ==
        "wide.csv, line 1: the header is not valid UTF-8 (byte 0x89 at offset 1 in the name of "
        "column 20001); it reads as CP932: x会社; run with --encoding cp932");
}

TEST_CASE("JSON that is not UTF-8 names the byte, the line and the encoding of its string") {
  auto result = snapshot("x.ndjson", "{\"a\":\"ok\"}\n{\"a\":\n\"" + kTokyo + "\"}\n", {});
  CHECK(result.error ==
        "x.ndjson, line 3: invalid JSON: the input is not valid UTF-8 (byte 0x93); it reads as "
        "CP932: \"東京\"; run with --encoding cp932");
}
