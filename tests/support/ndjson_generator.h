// NDJSON text built from arbitrary bytes, for holding the flat-line reader
// (input/json_flat.h) to simdjson's answer: lines of objects whose keys,
// values, white space and line ends come from lists of the cases either
// reader could get wrong: numbers at the edges of what the flat reader
// takes, escapes, repeated keys, nested values, objects over two lines,
// and, when asked, lines that are not JSON or not UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace koe::testing {

inline std::string generate_ndjson(std::string_view bytes, bool with_errors) {
  static constexpr std::string_view kKeys[] = {
      "\"id\"", "\"score\"", "\"plan\"", "\"a key with spaces\"",
      "\"a_key_name_longer_than_sixteen_bytes\"", "\"\\u0069d\"", "\"k\\\"q\"", "\"東京\"",
      "\"\"", "\"ok\""};
  static constexpr std::string_view kValues[] = {
      "1", "0", "-0", "-12", "7", "0.96", "1.0", "-0.0", "1E+2", "2e-3", "0.0001",
      "123456789012345678", "-123456789012345678", "1234567890123456789",
      "18446744073709551615", "1e308", "5e-324", "1e-400",
      "\"pro\"", "\"\"", "\"a\\\"b\"", "\"line\\nfeed\\ttab\\/\\\\\"", "\"\\u6771\\u4eac\"",
      "\"東京 café\"", "\"\x7f\"", "\"a, b: {c}\"", "true", "false", "null",
      "[1, \"x\"]", "{\"x\": {\"y\": null}}", "[]", "{}"};
  static constexpr std::string_view kBadValues[] = {
      "01", "1e400", "1.", ".5", "-", "+1", "1e", "0x10", "tru", "nul", "falsey", "\"bad\\x\"",
      "\"\\ud800\"", "\"ctl\x01\"", "\"\xff\"", "\"open", "NaN", "[1,", "'x'"};
  static constexpr std::string_view kCommas[] = {",", ", ", " ,", ",\t", " , "};
  static constexpr std::string_view kColons[] = {":", ": ", " :", " : ", ":\t"};
  static constexpr std::string_view kEnds[] = {"\n", "\r\n", " \n", "\t\n"};

  std::size_t i = 0;
  auto next = [&]() -> unsigned { return i < bytes.size() ? static_cast<unsigned char>(bytes[i++]) : 0; };
  auto pick = [&](const auto& list) { return list[next() % std::size(list)]; };

  std::string text;
  // The first object names the columns: every key, in order.
  text += '{';
  for (std::size_t k = 0; k < std::size(kKeys); ++k) {
    if (k > 0) text += ',';
    text += kKeys[k];
    text += ":1";
  }
  text += "}\n";
  while (i < bytes.size()) {
    const unsigned shape = next();
    if (shape % 16 == 0) {  // a line that is not a plain object
      static constexpr std::string_view kOddLines[] = {
          "\n", "   \r\n", "{}\n", "{ }\n", "{\"id\": 1} {\"id\": 2}\n",
          "{\"id\": 1,\n\"plan\": \"x\"}\n"};
      static constexpr std::string_view kBadLines[] = {
          "\xEF\xBB\xBF{\"id\": 3}\n", "[{\"id\": 4}]\n", "{\"id\": 5,}\n", "{,\"id\": 6}\n",
          "{\"id\" 7}\n", "{\"id\": 8 \"plan\": 9}\n", "{\"id\": 9}}\n", "{\"id\": 10}x\n"};
      text += with_errors && (shape & 16) ? pick(kBadLines) : pick(kOddLines);
      continue;
    }
    text += shape & 16 ? "{ " : "{";
    const unsigned fields = next() % 8;
    for (unsigned f = 0; f < fields; ++f) {
      if (f > 0) text += shape & 32 ? pick(kCommas) : ",";
      text += pick(kKeys);
      text += shape & 64 ? pick(kColons) : ":";
      const unsigned value = next();
      if (with_errors && value % 32 == 31)
        text += pick(kBadValues);
      else
        text += pick(kValues);
    }
    text += shape & 16 ? " }" : "}";
    text += shape & 128 ? pick(kEnds) : "\n";
  }
  return text;
}

}  // namespace koe::testing
