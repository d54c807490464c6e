#include <doctest/doctest.h>

#include "error.h"
#include "support/read_all.h"
#include "support/reader_snapshot.h"

using namespace koe;
using koe::testing::read_text;
using koe::testing::Rows;

namespace {

std::string read_error(std::string_view content, std::string_view extension) {
  try {
    read_text(content, {}, extension);
  } catch (const Error& error) {
    CHECK(error.code() == Exit::input);
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("NDJSON: keys of the first object are the columns; values arrive as text") {
  auto result = read_text(
      "{\"id\": 1, \"score\": 9, \"plan\": \"pro\", \"ok\": true}\n"
      "{\"plan\": \"free\", \"score\": 7.0, \"id\": 2, \"ok\": false}\n"
      "\n"
      "{\"id\": 3, \"score\": null, \"extra\": [1, {\"a\": 2}]}\n",
      {}, ".ndjson");
  CHECK(result.header == std::vector<std::string>{"id", "score", "plan", "ok"});
  // Absent keys and null are missing (empty); 7.0 is written as the number 7.
  CHECK(result.rows == Rows{{"1", "9", "pro", "true"}, {"2", "7", "free", "false"},
                            {"3", "", "", ""}});
  CHECK(result.lines == std::vector<std::uint64_t>{1, 2, 4});
}

TEST_CASE("strings are unescaped; nested values come as minified JSON") {
  auto result = read_text(
      "{\"text\": \"say \\\"hi\\\"\\n\\u6771\\u4eac\", \"tags\": [ \"a\" , \"b\" ]}\n", {},
      ".jsonl");
  CHECK(result.rows == Rows{{"say \"hi\"\n東京", "[\"a\",\"b\"]"}});
}

TEST_CASE("a JSON array of objects, pretty-printed over many lines") {
  auto result = read_text(
      "[\n  {\"a\": 1,\n   \"b\": \"x\"},\n  {\"a\": 2, \"b\": \"}{\"}\n]\n", {}, ".json");
  CHECK(result.header == std::vector<std::string>{"a", "b"});
  CHECK(result.rows == Rows{{"1", "x"}, {"2", "}{"}});
  CHECK(result.lines == std::vector<std::uint64_t>{2, 4});
}

TEST_CASE("concatenated pretty objects (as jq prints them) are a stream too") {
  auto result = read_text("{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}\n", {}, ".json");
  CHECK(result.rows == Rows{{"1"}, {"2"}});
  CHECK(result.lines == std::vector<std::uint64_t>{1, 4});
}

TEST_CASE("the format is sniffed when the extension does not tell") {
  CHECK(read_text("[{\"a\": 1}]", {}, ".txt").rows == Rows{{"1"}});
  CHECK(read_text("  {\"a\": 1}\n{\"a\": 2}", {}, ".dat").rows == Rows{{"1"}, {"2"}});
  CHECK(read_text("a\n1\n", {}, ".dat").rows == Rows{{"1"}});
}

TEST_CASE("empty inputs: no columns and no records") {
  CHECK(read_text("", {}, ".ndjson").rows.empty());
  CHECK(read_text("[]", {}, ".json").header.empty());
  CHECK(read_text("[ ]\n", {}, ".json").rows.empty());
}

TEST_CASE("tiny buffers give the same records") {
  std::string text = "[{\"a\": \"x,\\\"}\", \"b\": [1,2]},\n {\"a\": null, \"b\": {}}, {\"b\": 3}]";
  auto expected = read_text(text, {}, ".json");
  REQUIRE(expected.rows.size() == 3);
  for (std::size_t bytes = 1; bytes <= 20; ++bytes) {
    ReaderOptions options;
    options.buffer_bytes = bytes;
    options.batch_rows = 2;
    auto result = read_text(text, options, ".json");
    CHECK_MESSAGE(result.rows == expected.rows, "buffer " << bytes);
    CHECK_MESSAGE(result.lines == expected.lines, "buffer " << bytes);
  }
}

TEST_CASE("malformed JSON is an input error naming the line") {
  CHECK(read_error("{\"a\": 1}\n{\"a\": 2\n", ".ndjson").find("line 2") != std::string::npos);
  CHECK(read_error("{\"a\": 1}\n{\"a\": 2\n", ".ndjson").find("cut off") != std::string::npos);
  CHECK(read_error("[{\"a\": 1}, {\"a\": 2}", ".json").find("not closed") != std::string::npos);
  CHECK(read_error("{\"a\": 1}\n[1, 2]\n", ".ndjson").find("expected a JSON object") !=
        std::string::npos);
  CHECK(read_error("{\"a\": 1}\n{\"a\": tru}\n", ".ndjson").find("invalid JSON") !=
        std::string::npos);
  CHECK(read_error("[{\"a\": 1}] x", ".json").find("after the end") != std::string::npos);
  CHECK(read_error("[{\"a\": 1} {\"a\": 2}]", ".json").find("expected ','") != std::string::npos);
}

TEST_CASE("deep nesting is refused, not a crash") {
  std::string deep = "{\"a\": " + std::string(5000, '[') + std::string(5000, ']') + "}\n";
  auto message = read_error("{\"a\": 1}\n" + deep, ".ndjson");
  CHECK(message.find("line 2") != std::string::npos);
}

// Found by fuzzing (see the CSV reader's twin test).
TEST_CASE("objects before a malformed one are delivered, then the error") {
  for (std::size_t bytes : {1, 5, 1 << 20}) {
    ReaderOptions options;
    options.buffer_bytes = bytes;
    options.format = Format::ndjson;
    auto result = koe::testing::snapshot("x.ndjson", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": }\n", options);
    CHECK_MESSAGE((result.rows == Rows{{"1"}, {"2"}}), "buffer " << bytes);
    CHECK(result.error.find("x.ndjson, line 3: invalid JSON") == 0);
  }
}

TEST_CASE("objects with keys the selection lacks are counted once asked, with the first") {
  koe::testing::TempFile file(
      "{\"id\": 1, \"comment\": \"a\"}\n"
      "{\"comment\": \"b\", \"id\": 2}\n"
      "{\"id\": 3, \"tags\": [1], \"comment\": \"c\", \"x\": 0}\n"
      "{\"id\": 4}\n"
      "{\"id\": 5, \"id\": 6, \"comment\": \"d\"}\n",
      ".ndjson");
  auto reader = open_input({file.path()}, {});
  reader->select({0, 1});
  Batch batch;
  reader->next_batch(batch);  // not tracked yet: nothing counted
  CHECK(reader->other_keys().records == 0);

  auto tracked = open_input({file.path(), file.path()}, {});
  tracked->select({0, 1});
  tracked->track_other_keys();
  std::size_t rows = 0;
  while (tracked->next_batch(batch)) rows += batch.size();
  CHECK(rows == 10);
  auto keys = tracked->other_keys();
  CHECK(keys.records == 4);  // line 3 (tags, x) and line 5 (id twice), in both files
  CHECK(keys.first_key == "tags");
  CHECK(keys.line == 3);
  CHECK(keys.file == file.path());
}

TEST_CASE("one-object lines and objects over several lines mix, with the same lines") {
  // Whole lines take the fast path; the others (an object over three lines,
  // two objects on one line, a line cut before its end) the byte-by-byte one.
  auto result = read_text(
      "{\"id\": 1, \"s\": \"a}b\"}  \r\n"
      "{\"id\": 2,\n \"s\": \"x\"\n}\n"
      "{\"id\": 3} {\"id\": 4}\n"
      "\t {\"id\": 5, \"s\": \"\\n\"}\n"
      "{\"id\": 6}",
      {}, ".ndjson");
  CHECK(result.rows == Rows{{"1", "a}b"}, {"2", "x"}, {"3", ""}, {"4", ""}, {"5", "\n"}, {"6", ""}});
  CHECK(result.lines == std::vector<std::uint64_t>{1, 2, 5, 5, 6, 7});
}

TEST_CASE("a bad line after good ones is named by the byte-by-byte reader") {
  CHECK(read_error("{\"id\": 1}\n{\"id\": 2}\n{\"id\": }\n", ".ndjson").find("line 3") !=
        std::string::npos);
}

TEST_CASE("many lines read as one document stream keep every line number and error") {
  // Thousands of lines so the stream path (many lines per parse) is taken,
  // with odd objects among them: each must read as the object-by-object
  // path reads it, and an error must name its own line.
  std::string text;
  std::vector<std::uint64_t> lines;
  Rows rows;
  std::uint64_t line = 1;
  for (int i = 1; i <= 6000; ++i) {
    if (i % 1000 == 0) {  // an object over three lines
      text += "{\"id\": " + std::to_string(i) + ",\n \"s\": \"p\"\n}\n";
      rows.push_back({std::to_string(i), "p"});
      lines.push_back(line);
      line += 3;
    } else if (i % 777 == 0) {  // two objects on one line, and a blank line
      text += "{\"id\": " + std::to_string(i) + "} {\"id\": -" + std::to_string(i) + "}\r\n\n";
      rows.push_back({std::to_string(i), ""});
      rows.push_back({"-" + std::to_string(i), ""});
      lines.push_back(line);
      lines.push_back(line);
      line += 2;
    } else {
      text += "{\"id\": " + std::to_string(i) + ", \"s\": \"\\u6771\\u4eac " + std::to_string(i % 7) +
              "\"}\n";
      rows.push_back({std::to_string(i), "東京 " + std::to_string(i % 7)});
      lines.push_back(line);
      line += 1;
    }
  }
  for (std::size_t bytes : {std::size_t{64}, std::size_t{4096}, std::size_t{1} << 20}) {
    ReaderOptions options;
    options.buffer_bytes = bytes;
    options.format = Format::ndjson;
    auto result = koe::testing::snapshot("x.ndjson", text, options);
    CHECK_MESSAGE(result.error == "", "buffer " << bytes);
    CHECK_MESSAGE(result.rows == rows, "buffer " << bytes);
    CHECK_MESSAGE(result.lines == lines, "buffer " << bytes);

    // The same lines with one bad object, one not an object and one not
    // UTF-8 late in the input: the first of them is the error, on its line.
    for (const auto& bad_object :
         std::vector<std::pair<std::string, std::string>>{{"{\"id\": tru}", "invalid JSON"},
                                                          {"[1, 2]", "expected a JSON object"},
                                                          {"{\"id\": \"\xFF\"}", "not valid UTF-8"}}) {
      const std::string& message = bad_object.second;  // a plain name: doctest's lambdas capture it
      auto broken = text + bad_object.first + "\n{\"id\": 1}\n";
      auto failed = koe::testing::snapshot("x.ndjson", broken, options);
      CHECK_MESSAGE(failed.rows == rows, "buffer " << bytes << ", " << message);
      CHECK_MESSAGE(failed.error.find("x.ndjson, line " + std::to_string(line) + ": ") == 0,
                    failed.error);
      CHECK_MESSAGE(failed.error.find(message) != std::string::npos, failed.error);
    }
  }
}
