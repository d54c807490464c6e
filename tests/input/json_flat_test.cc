#include <doctest/doctest.h>

#include <random>

#include "input/json_flat.h"
#include "support/flat_json.h"
#include "support/ndjson_generator.h"
#include "support/reader_snapshot.h"

using namespace koe;

namespace {

using Shape = FlatObjectReader::Shape;

// Reads `text` (one or more lines) with a reader selecting `keys`; padded as
// the reader's buffer is. Returns the shape of the first line, its cells.
struct FlatRead {
  Shape shape;
  std::vector<std::string> cells;
  FlatObjectReader::Line line;
};

FlatRead read_line(FlatObjectReader& reader, std::string text, Arena& arena, std::size_t keys) {
  text.append(64, '\0');
  std::vector<std::string_view> cells(keys);
  FlatRead out{};
  out.shape = reader.read(text.data(), cells.data(), arena, out.line);
  for (auto cell : cells) out.cells.emplace_back(cell);
  out.line.object = {};  // points into `text`
  out.line.next = nullptr;
  return out;
}

FlatRead read_line(std::vector<std::string> keys, std::string text) {
  Arena arena;
  FlatObjectReader reader(keys);
  return read_line(reader, std::move(text), arena, keys.size());
}

// What a reader delivers for `text`, and the records with keys beyond the
// selection, with flat lines read by json_flat.h or not.
struct Delivered {
  testing::ReaderSnapshot snapshot;
  OtherKeys other_keys;
};

Delivered deliver_with(bool flat, const std::string& text, const ReaderOptions& options,
                       const std::vector<std::size_t>& columns) {
  testing::ForcedFlatJson forced(flat);
  Delivered out;
  out.snapshot = testing::snapshot_source(
      std::make_unique<ByteSource>(ByteSource::InMemory{}, "x.ndjson", text), options, &columns,
      &out.other_keys);
  return out;
}

}  // namespace

TEST_CASE("a flat line: the selected values, as text, in the selection's order") {
  auto read = read_line({"plan", "score", "weight", "ok", "gone"},
                        "{\"id\":17,\"score\":7,\"plan\":\"pro\",\"weight\":0.50,\"ok\":true}\n");
  CHECK(read.shape == Shape::object);
  CHECK(read.cells == std::vector<std::string>{"pro", "7", "0.5", "true", ""});
  CHECK(read.line.fields == 5);
  CHECK(read.line.found == 4);
}

TEST_CASE("flat values: escapes decoded, numbers as simdjson's path writes them") {
  auto read = read_line({"s", "e", "x", "n", "z"},
                        "{ \"s\" : \"say \\\"hi\\\"\\n\\t\\/\\\\\" , \"e\": 1E+2, \"x\": -0.0,"
                        " \"n\": null, \"z\": 123456789012345678 }\r\n");
  CHECK(read.shape == Shape::object);
  CHECK(read.cells == std::vector<std::string>{"say \"hi\"\n\t/\\", "100", "-0", "", "123456789012345678"});
  CHECK(read.line.found == 5);
}

TEST_CASE("a key met twice keeps its first value; a key selected twice fills both cells") {
  auto read = read_line({"id", "plan", "id"}, "{\"id\":1,\"plan\":\"a\",\"id\":2}\n");
  CHECK(read.shape == Shape::object);
  CHECK(read.cells == std::vector<std::string>{"1", "a", "1"});
  CHECK(read.line.fields == 3);
  CHECK(read.line.found == 3);
}

TEST_CASE("blank lines and empty objects") {
  CHECK(read_line({"a"}, " \t\r\n").shape == Shape::blank);
  auto empty = read_line({"a"}, "{ }\n");
  CHECK(empty.shape == Shape::object);
  CHECK(empty.line.fields == 0);
  CHECK(empty.cells == std::vector<std::string>{""});
}

TEST_CASE("lines the flat reader leaves to simdjson") {
  for (std::string line : {
           "{\"a\":[1]}\n", "{\"a\":{\"b\":1}}\n",                     // nested
           "{\"a\":\"\\u6771\"}\n", "{\"\\u0061\":1}\n", "{\"a\\\"\":1}\n",  // \u, escaped keys
           "{\"a\":-0}\n", "{\"a\":1234567890123456789}\n", "{\"a\":1e400}\n", "{\"a\":1e-400}\n",
           "{\"a\":1,\n", "{\"a\":1} {\"a\":2}\n", "{\"a\":1}x\n", "[1]\n",  // not one object a line
           "{\"a\":01}\n", "{\"a\":1.}\n", "{\"a\":.5}\n", "{\"a\":+1}\n", "{\"a\":1e}\n",
           "{\"a\":tru}\n", "{\"a\":nul}\n", "{\"a\":\"x\\q\"}\n", "{\"a\":\"x\x01\"}\n",
           "{\"a\":1,}\n", "{,\"a\":1}\n", "{\"a\" 1}\n", "{\"a\":1 \"b\":2}\n", "{\"a\":1}}\n"}) {
    CAPTURE(line);
    CHECK(read_line({"a"}, line).shape == Shape::other);
  }
}

TEST_CASE("separators are learnt by position and checked whole on later lines") {
  Arena arena;
  FlatObjectReader reader({"b", "a"});
  auto first = read_line(reader, "{\"a\": 1, \"b\": 2}\n", arena, 2);
  CHECK(first.cells == std::vector<std::string>{"2", "1"});
  // Same keys, other order, other spacing: not what was learnt, read again.
  auto swapped = read_line(reader, "{\"b\":3,\"a\":4}\n", arena, 2);
  CHECK(swapped.cells == std::vector<std::string>{"3", "4"});
  auto again = read_line(reader, "{\"b\":5,\"a\":6}\n", arena, 2);
  CHECK(again.cells == std::vector<std::string>{"5", "6"});
  // A key that only starts like the learnt one, and a longer key.
  auto prefix = read_line(reader, "{\"bb\":7,\"a\":8}\n", arena, 2);
  CHECK(prefix.cells == std::vector<std::string>{"", "8"});
  CHECK(prefix.line.found == 1);
  FlatObjectReader long_keys({"a_key_name_longer_than_sixteen_bytes"});
  for (int i = 0; i < 2; ++i) {
    auto read = read_line(long_keys, "{\"a_key_name_longer_than_sixteen_bytes\": \"v\"}\n", arena, 1);
    CHECK(read.cells == std::vector<std::string>{"v"});
  }
}

TEST_CASE("generated NDJSON reads the same flat or through simdjson alone") {
  // Lines from ndjson_generator.h, valid and with errors, through buffers
  // small and large, batches of one and many, with several selections.
  std::mt19937 random(20261201);
  const std::vector<std::vector<std::size_t>> selections = {
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2}, {2, 2, 0}, {4, 9}, {}};
  for (int round = 0; round < 300; ++round) {
    std::string bytes(1 + random() % 600, '\0');
    for (auto& byte : bytes) byte = static_cast<char>(random());
    const bool with_errors = round % 3 == 0;
    const std::string text = testing::generate_ndjson(bytes, with_errors);
    ReaderOptions options;
    options.format = Format::ndjson;
    options.keep_raw = round % 2 == 0;
    options.buffer_bytes = round % 4 == 0 ? 64 : std::size_t{1} << 20;
    options.batch_rows = round % 5 == 0 ? 1 : 4096;
    const auto& columns = selections[static_cast<std::size_t>(round) % selections.size()];
    const auto expected = deliver_with(false, text, options, columns);
    const auto flat = deliver_with(true, text, options, columns);
    CAPTURE(round);
    CAPTURE(text);
    CHECK(flat.snapshot.error == expected.snapshot.error);
    CHECK(flat.snapshot.rows == expected.snapshot.rows);
    CHECK(flat.snapshot.lines == expected.snapshot.lines);
    CHECK(flat.snapshot.raw == expected.snapshot.raw);
    CHECK(flat.other_keys.records == expected.other_keys.records);
    CHECK(flat.other_keys.first_key == expected.other_keys.first_key);
    CHECK(flat.other_keys.line == expected.other_keys.line);
    if (!with_errors) CHECK(expected.snapshot.error == "");
  }
}
