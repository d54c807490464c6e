#include "input/csv_scan.h"

#include <doctest/doctest.h>

#include "stats/bootstrap.h"
#include "support/csv_kernels.h"
#include "support/reader_snapshot.h"

using namespace koe;
using namespace koe::testing;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// The masks of `text` (whole blocks) byte by byte, the way the kernels
// define them: a quote toggles "inside"; one that opens a quoted region
// where no delimiter, line end or quote comes before it is literal.
std::vector<CsvBlockMasks> reference_masks(std::string_view text, char delimiter,
                                           CsvScanCarry& carry) {
  std::vector<CsvBlockMasks> out(text.size() / 64);
  bool inside = carry.inside != 0;
  bool may_open = (carry.opens & 1) != 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool line_end = c == '\n' || c == '\r';
    const bool separator = line_end || c == delimiter;
    bool literal = false;
    if (c == '"') {
      literal = !inside && !may_open;
      inside = !inside;
    }
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    auto& masks = out[i / 64];
    if ((separator && !inside) || literal) masks.ends |= bit;
    if ((line_end && !inside) || literal) masks.stops |= bit;
    if (c == '\n' && inside) masks.quoted_newlines |= bit;
    may_open = separator || c == '"';
  }
  carry.inside = inside ? ~std::uint64_t{0} : 0;
  carry.opens = may_open ? 1 : 0;
  return out;
}

std::vector<std::size_t> all_columns() { return {0, 1, 2, 3, 4, 5}; }

// Reads `text` through every kernel, with the buffers and column choices
// given, and requires what the lexer reads: the same records, lines, raw
// text and error.
void check_kernels_agree(const std::string& text, ReaderOptions options,
                         const std::vector<std::size_t>& buffers = {1 << 20, 1, 5, 64, 65, 200},
                         const std::vector<std::vector<std::size_t>>& selections = {
                             all_columns(), {}, {0}, {1}, {2}, {2, 0}, {1, 1, 3}}) {
  options.format = Format::csv;
  if (options.delimiter == 0) options.delimiter = ',';
  for (auto buffer : buffers) {
    options.buffer_bytes = buffer;
    for (const auto& columns : selections) {
      ReaderSnapshot expected;
      {
        ForcedCsvKernel lexer(CsvKernel::lexer);
        expected = snapshot("edge.csv", text, options, &columns);
      }
      for (auto kernel : supported_csv_kernels()) {
        ForcedCsvKernel forced(kernel);
        auto got = snapshot("edge.csv", text, options, &columns);
        const std::string_view name = kCsvKernelNames[static_cast<std::size_t>(kernel)].text;
        CHECK_MESSAGE(got.header == expected.header, name << ", buffer " << buffer);
        CHECK_MESSAGE(got.rows == expected.rows, name << ", buffer " << buffer << "\n" << text);
        CHECK_MESSAGE(got.lines == expected.lines, name << ", buffer " << buffer << "\n" << text);
        CHECK_MESSAGE(got.raw == expected.raw, name << ", buffer " << buffer << "\n" << text);
        CHECK_MESSAGE(got.error == expected.error, name << ", buffer " << buffer << "\n" << text);
      }
    }
  }
}

// The records of `text` through `kernel`, every column.
ReaderSnapshot read_with(CsvKernel kernel, const std::string& text, ReaderOptions options = {}) {
  ForcedCsvKernel forced(kernel);
  options.format = Format::csv;
  if (options.delimiter == 0) options.delimiter = ',';
  return snapshot("edge.csv", text, options);
}

// A first data record of `length` bytes, its line end included, so that
// the next record starts `length` bytes into the index's first block.
std::string filler(std::size_t length) {
  if (length < 5) return std::string(length, '\n');  // blank lines
  return std::string(length - 5, 'x') + ",1,2\n";
}

}  // namespace

TEST_CASE("csv kernels: the portable kernel is always there, and the default is supported") {
  CHECK(csv_kernel_supported(CsvKernel::lexer));
  CHECK(csv_kernel_supported(CsvKernel::portable));
  CHECK((csv_scan_function(CsvKernel::portable) != nullptr));
  CHECK((csv_scan_function(CsvKernel::lexer) == nullptr));
  CHECK(csv_kernel_supported(csv_kernel()));
  for (auto kernel : supported_csv_kernels())
    if (kernel != CsvKernel::lexer) CHECK((csv_scan_function(kernel) != nullptr));
  const CsvKernel before = csv_kernel();
  {
    ForcedCsvKernel forced(CsvKernel::lexer);
    CHECK(csv_kernel() == CsvKernel::lexer);
  }
  CHECK(csv_kernel() == before);
  CHECK(!csv_index_delimiter('"'));
  CHECK(!csv_index_delimiter('\n'));
  CHECK(csv_index_delimiter('\t'));
}

TEST_CASE("csv kernels: every kernel's masks and carries equal the byte-by-byte definition") {
  stats::Random random(19);
  static constexpr std::string_view kBytes = "\"\"\",,;\t|\n\r ab\0\xE3";
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  for (int round = 0; round < 3000; ++round) {
    const std::size_t blocks = 1 + random.next() % 4;
    std::string text(blocks * 64, 'a');
    const std::uint64_t density = 1 + random.next() % 4;
    for (auto& c : text)
      if (random.next() % 4 < density) c = kBytes[random.next() % kBytes.size()];
    const char delimiter = kDelimiters[random.next() % 4];
    CsvScanCarry start;
    start.inside = random.next() % 2 ? ~std::uint64_t{0} : 0;
    start.opens = random.next() % 2;

    CsvScanCarry expected_carry = start;
    auto expected = reference_masks(text, delimiter, expected_carry);
    for (auto kernel : supported_csv_kernels()) {
      auto scan = csv_scan_function(kernel);
      if (scan == nullptr) continue;
      std::vector<CsvBlockMasks> got(blocks);
      CsvScanCarry carry = start;
      // In two calls where there are several blocks: the carry joins them.
      const std::size_t first = blocks / 2;
      scan(text.data(), first, delimiter, carry, got.data());
      scan(text.data() + 64 * first, blocks - first, delimiter, carry, got.data() + first);
      for (std::size_t b = 0; b < blocks; ++b) {
        INFO(kCsvKernelNames[static_cast<std::size_t>(kernel)].text << " round " << round
                                                                     << " block " << b);
        CHECK(got[b].ends == expected[b].ends);
        CHECK(got[b].stops == expected[b].stops);
        CHECK(got[b].quoted_newlines == expected[b].quoted_newlines);
      }
      CHECK(carry.inside == expected_carry.inside);
      CHECK(carry.opens == expected_carry.opens);
    }
  }
}

TEST_CASE("csv kernels: a quoted field opening at bytes 62-65 of a block") {
  for (std::size_t at = 62; at <= 65; ++at) {
    const std::string text = "a,b,c\n" + filler(at) + "\"q,1\",\"2\",3\n";
    for (auto kernel : supported_csv_kernels()) {
      auto result = read_with(kernel, text);
      REQUIRE(result.rows.size() == 2);
      CHECK(result.rows[1] == std::vector<std::string>{"q,1", "2", "3"});
    }
    check_kernels_agree(text, {});
  }
}

TEST_CASE("csv kernels: CR at byte 63 and LF at byte 64; CR alone at a block edge") {
  for (std::string_view end : {"\r\n", "\r", "\n"}) {
    // The first record's line end starts at byte 63 of the first block.
    std::string text = "a,b,c\n" + std::string(59, 'x') + ",1,2" + std::string(end) + "3,4,5" +
                       std::string(end) + "6,7,8";
    for (auto kernel : supported_csv_kernels()) {
      auto result = read_with(kernel, text);
      CHECK(result.rows == Rows{{std::string(59, 'x'), "1", "2"}, {"3", "4", "5"}, {"6", "7", "8"}});
      CHECK(result.lines == std::vector<std::uint64_t>{2, 3, 4});
      CHECK(result.error.empty());
    }
    check_kernels_agree(text, {});
  }
}

TEST_CASE("csv kernels: a CR LF or blank line split by the end of an index window") {
  // The index lists a window of blocks from a record start (the first is two
  // blocks); records of every length put a CR on the window's last byte
  // and its LF past the end, and runs of them move later windows' edges.
  for (std::size_t length = 100; length < 260; ++length) {
    std::string text = "a,b,c\r\n" + std::string(length, 'x') + ",1,2\r\n";
    for (std::size_t k = 0; k < 12; ++k) {
      text += std::string(k * 7 % 60, 'y') + "," + std::to_string(k) + ",\"q\r\n\"\r\n";
      if (k % 5 == 0) text += "\r\n";  // a blank line
    }
    check_kernels_agree(text, {}, {1 << 20, 300}, {all_columns(), {2, 0}});
  }
}

TEST_CASE("csv index: a record's field ends, taken one by one and passed in runs") {
  // One record of fields of every width up to 150 bytes (some quoted, with
  // delimiters inside), so runs of passed ends start and stop anywhere in
  // and across 64-byte blocks; then its line end.
  std::string record;
  std::vector<std::size_t> ends;  // offsets of the record's field ends
  for (std::size_t i = 0; i < 120; ++i) {
    const std::size_t width = i * 37 % 151;
    if (i % 5 == 0) {
      record += '"' + std::string(width / 2, 'q') + ",\n," + std::string(width / 2, 'q') + '"';
    } else {
      record += std::string(width, 'x');
    }
    ends.push_back(record.size());
    record += i + 1 < 120 ? ',' : '\n';
  }
  std::string buffer = record + std::string(64, '\0');  // the padding the index reads
  const char* data = buffer.data();
  for (auto kernel : supported_csv_kernels()) {
    const CsvScanFunction scan = csv_scan_function(kernel);
    if (scan == nullptr) continue;
    CsvIndex index;
    index.start(data, data + record.size(), scan, ',');
    while (index.stop_count() == 0) REQUIRE(index.extend(data));
    REQUIRE(index.base() == data);
    CHECK(index.rank(static_cast<std::uint32_t>(ends.back())) == ends.size() - 1);
    for (std::size_t step : {1, 2, 3, 7, 8, 9, 30, 119}) {
      CsvRecordEnds taken(index, data);
      std::size_t at = 0;  // ends taken
      for (std::size_t k = 0; at < ends.size(); ++k) {
        const std::size_t count = std::min(k % 2 == 0 ? step : 1, ends.size() - at);
        const char* end = count == 1 ? taken.next() : taken.pass(count);
        at += count;
        CHECK_MESSAGE(end - data == static_cast<std::ptrdiff_t>(ends[at - 1]),
                      "kernel " << static_cast<int>(kernel) << ", step " << step << ", end " << at);
      }
    }
  }
}

TEST_CASE("csv kernels: delimiters, line ends and doubled quotes inside quotes across blocks") {
  std::string comment;
  for (int i = 0; i < 40; ++i) comment += "w, \"\"q\"\";\r\n|\t";
  std::string unescaped;
  for (int i = 0; i < 40; ++i) unescaped += "w, \"q\";\r\n|\t";
  for (std::size_t at = 0; at < 130; at += 7) {
    std::string text = "a,b,c\n" + filler(at) + "1,\"" + comment + "\",3\n4,5,6\n";
    for (auto kernel : supported_csv_kernels()) {
      auto result = read_with(kernel, text);
      REQUIRE(result.rows.size() == (at < 5 ? 2u : 3u));
      CHECK(result.rows[result.rows.size() - 2] == std::vector<std::string>{"1", unescaped, "3"});
      // 40 line feeds inside the quotes: the next record starts 41 lines later.
      CHECK(result.lines.back() - result.lines[result.lines.size() - 2] == 41);
    }
  }
  // A doubled quote split by every block edge in turn.
  for (std::size_t at = 50; at < 70; ++at)
    check_kernels_agree("a,b\n" + filler(at) + "\"x\"\"\"\"y\",\"\"\"\"\n", {}, {1 << 20, 3});
}

TEST_CASE("csv kernels: literal quotes, text after a closing quote, then quoted fields again") {
  const std::string records =
      "x\"y,2,3\n"          // a quote inside an unquoted field is literal
      "\"ab\"c,3,4\n"       // text after a closing quote is kept
      "\"q\" ,4,5\n"
      "\"ab\"c\"d\",5,6\n"  // ... quotes in it too
      "z\"\",\"6\",7\n"
      "\"after\",\"a,b\",\"c\nd\"\n";
  const Rows expected{{"x\"y", "2", "3"},          {"abc", "3", "4"}, {"q ", "4", "5"},
                      {"abc\"d\"", "5", "6"},      {"z\"\"", "6", "7"},
                      {"after", "a,b", "c\nd"}};
  for (std::size_t at = 0; at < 140; ++at) {
    const std::string text = "a,b,c\n" + filler(at) + records;
    for (auto kernel : supported_csv_kernels()) {
      auto result = read_with(kernel, text);
      REQUIRE(result.rows.size() >= expected.size());
      CHECK(Rows(result.rows.end() - 6, result.rows.end()) == expected);
    }
    if (at % 9 == 0) check_kernels_agree(text, {});
  }
}

TEST_CASE("csv kernels: every field quoted, long and short records") {
  std::string text = "id,comment,score\n";
  for (int row = 0; row < 300; ++row) {
    text += '"';
    text += std::to_string(row);
    text += "\",\"";
    text.append(static_cast<std::size_t>(row % 150), 'c');
    text += row % 3 ? "\"\"" : ",\n";
    text += "\",\"";
    text += std::to_string(row % 11);
    text += "\"\r\n";
  }
  check_kernels_agree(text, {}, {1 << 20, 97, 256});
  ReaderOptions raw;
  raw.keep_raw = true;
  check_kernels_agree(text, raw, {1 << 20, 100});
}

TEST_CASE("csv kernels: the buffer ends inside a record, a quoted field, a CR LF") {
  const std::string text =
      "a,b,c\n1,\"two\nlines\",3\r\n4,\"\"\"\",6\r7,8,9\r\n\r\n10,\"x,y\",\"z\"\"\"\n11,12,13";
  for (std::size_t buffer = 1; buffer <= 70; ++buffer) check_kernels_agree(text, {}, {buffer});
}

TEST_CASE("csv kernels: other delimiters") {
  for (char delimiter : {';', '\t', '|'}) {
    std::string text = "a,b,c\n1,\"x,y\",3\n\"q\"\"r\",s\"t,\"u\nv\"\n\n4,5,6\n";
    for (auto& c : text)
      if (c == ',') c = delimiter;
    ReaderOptions options;
    options.delimiter = delimiter;
    for (auto kernel : supported_csv_kernels()) {
      auto result = read_with(kernel, text, options);
      std::string quoted = "x,y";
      quoted[1] = delimiter;
      CHECK(result.rows == Rows{{"1", quoted, "3"}, {"q\"r", "s\"t", "u\nv"}, {"4", "5", "6"}});
      CHECK(result.lines == std::vector<std::uint64_t>{2, 3, 6});
    }
    check_kernels_agree(text, options);
    // A comma is text under another delimiter.
    std::string commas = "a;b\n1,2;\"3,4\"\n";
    for (auto& c : commas)
      if (c == ';') c = delimiter;
    check_kernels_agree(commas, options);
  }
}

TEST_CASE("csv kernels: errors and ragged rows name the same line") {
  check_kernels_agree("a,b,c\n1,2,3\n4,5\n6,7,8\n", {});
  check_kernels_agree("a,b,c\n1,2,3\n4,5,6,7\n", {});
  ReaderOptions ragged;
  ragged.allow_ragged = true;
  check_kernels_agree("a,b,c\n1,2,3\n4,5\n\"x\ny\"\n6,7,8,9\n,\n", ragged);
  check_kernels_agree("a,b\n1,\"two\nlines\"\n3,\"never\nclosed\n", {});
  check_kernels_agree("a,b\n1,2\n\"", {});
  check_kernels_agree("a,b\n1,\"x\"\"", {});
  check_kernels_agree("\xEF\xBB\xBF\"a\",b\r\n\r\n\"1\",2\r\n\r\n", {});
  ReaderOptions no_header;
  no_header.has_header = false;
  check_kernels_agree("1,2\n\n3,\"4\n\"\n", no_header);
}

// Random text over the bytes that matter, read through every kernel with
// random options, buffers and columns: the lexer's answer every time.
TEST_CASE("csv kernels: random text reads as through the lexer") {
  stats::Random random(2027);
  static constexpr std::string_view kBytes = "\"\"\",,,\n\n\r ab\0;";
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t size = random.next() % 400;
    const std::uint64_t density = 1 + random.next() % 6;
    for (std::size_t i = 0; i < size; ++i)
      text += random.next() % 8 < density ? kBytes[random.next() % kBytes.size()]
                                          : static_cast<char>('c' + random.next() % 20);
    ReaderOptions options;
    options.allow_ragged = random.next() % 2;
    options.keep_raw = random.next() % 2;
    options.batch_rows = 1 + random.next() % 5;
    std::vector<std::size_t> columns;
    for (std::size_t column = 0; column < 4; ++column)
      if (random.next() % 2) columns.push_back(column);
    check_kernels_agree(text, options, {1 << 20, 1 + random.next() % 80}, {columns});
  }
}

// Runs of records with literal quotes send the index back to the lexer for
// more records each time; it must come back and read the rest the same.
TEST_CASE("csv kernels: runs of literal quotes, blank lines between records") {
  std::string text = "a,b,c\n";
  for (int run = 0; run < 6; ++run) {
    for (int row = 0; row < 40 * run + 1; ++row) text += "5'1" + std::to_string(row) + "\",x,y\n";
    for (int row = 0; row < 30; ++row)
      text += "\"q,\n" + std::to_string(row) + "\",2,3\r\n" + std::string(run % 2, '\n');
    text += "\r\n\n\r";
  }
  text += "\"x\"\"y\",\"end\",z";
  check_kernels_agree(text, {}, {1 << 20, 333});
  for (auto kernel : supported_csv_kernels()) {
    auto result = read_with(kernel, text);
    CHECK(result.rows.size() == 1 + 1 + 41 + 81 + 121 + 161 + 201 + 6 * 30);
    CHECK(result.rows.back() == std::vector<std::string>{"x\"y", "end", "z"});
  }
}

// Past 64 fields the index finds the selected ones another way.
TEST_CASE("csv kernels: records of 100 fields, columns chosen past the 64th") {
  std::string text;
  for (int row = 0; row < 12; ++row) {
    for (int column = 0; column < 100; ++column) {
      if (column) text += ',';
      if (row == 0) {
        text += 'c';
        text += std::to_string(column);
      } else if ((row + column) % 7 == 0) {
        text += "\"q,";
        text += std::to_string(column);
        text += "\n\"";
      } else {
        text += std::to_string(row * column);
      }
    }
    text += row % 2 ? "\r\n" : "\n";
  }
  std::vector<std::size_t> all(100);
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  check_kernels_agree(text, {}, {1 << 20, 300},
                      {all, {70}, {63, 64}, {99, 0}, {65, 66, 98}, {5, 80, 5}, {}});
  text += "1,2,3\n";  // too few fields
  check_kernels_agree(text, {}, {1 << 20}, {all, {70}});
  ReaderOptions ragged;
  ragged.allow_ragged = true;
  check_kernels_agree(text, ragged, {1 << 20}, {all, {70}, {1}});
}
