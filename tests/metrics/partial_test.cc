#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "error.h"
#include "metrics/metric_partial.h"
#include "stats/nps.h"

using namespace koe;

namespace {

// A scan of one dimension with two groups, weighted, with an invalid sample.
MetricScan<stats::NpsAccumulator> sample_scan(int shift, const std::string& file) {
  stats::NpsAccumulator prototype(true);
  MetricScan<stats::NpsAccumulator> scan(prototype);
  scan.info.dimensions = parse_dimensions({"plan", "score"}, {"plan"}, "--by");
  scan.info.unplaced.resize(1);
  scan.info.rows = 5;
  scan.info.invalid_answers = 1;
  scan.info.first_invalid = InvalidSample{file, 3u + static_cast<unsigned>(shift), "score", "x\xff"};
  bool created = false;
  for (int score : {9, 3 + shift, 7}) {
    std::string_view plan = score > 5 ? "pro" : "free";
    scan.groups.find({plan}, created).add(score, 0.1 * (score + shift));
    scan.overall.add(score, 0.1 * (score + shift));
  }
  return scan;
}

std::string stream_of(const MetricScan<stats::NpsAccumulator>& scan, const PartialHeader& header) {
  PartialWriter out(header);
  write_scan(out, "main", scan);
  return out.finish();
}

PartialHeader header() {
  PartialHeader h;
  h.tool = "nps";
  h.options = {{"--by", "plan"}, {"--weight", "w"}};
  h.columns = {"plan", "score"};
  return h;
}

struct TempFile {
  explicit TempFile(const std::string& text)
      : path(std::filesystem::temp_directory_path() /
             ("koe-partial-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)))) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
  std::filesystem::path path;
};

MetricScan<stats::NpsAccumulator> merged(const std::vector<std::string>& paths) {
  stats::NpsAccumulator prototype(true);
  MetricScan<stats::NpsAccumulator> scan(prototype);
  read_partials(
      paths, header(),
      [&](const std::vector<std::string>&) {
        scan.info.dimensions = parse_dimensions({"plan", "score"}, {"plan"}, "--by");
        scan.info.unplaced.resize(1);
      },
      [&](const PartialRecord& record) { CHECK(merge_record(record, prototype, scan)); });
  return scan;
}

std::string json_of(const MetricScan<stats::NpsAccumulator>& scan) {
  stats::NpsSettings settings;
  auto r = scan.overall.finish(settings);
  std::ostringstream out;
  out << r.n << ' ' << std::hexfloat << r.nps << ' ' << r.weight_total << ' ' << r.n_eff;
  return out.str();
}

}  // namespace

TEST_CASE("partial streams merge, in any order and byte-sorted, to the in-memory merge") {
  auto a = sample_scan(0, "b.csv"), b = sample_scan(1, "a.csv");
  TempFile first(stream_of(a, header())), second(stream_of(b, header()));
  auto in_memory = a;
  merge_chunk(in_memory, sample_scan(1, "a.csv"), 0);
  auto from_files = merged({second.path.string(), first.path.string()});
  CHECK(json_of(from_files) == json_of(in_memory));
  CHECK(from_files.groups.size() == 2);
  CHECK(from_files.info.rows == 10);
  REQUIRE(from_files.info.first_invalid);
  CHECK(from_files.info.first_invalid->file == "a.csv");  // the (file, line) that sorts first
  CHECK(from_files.info.first_invalid->text == "x\xff");  // bytes that are not UTF-8 kept

  std::vector<std::string> lines;
  for (const auto& text : {stream_of(a, header()), stream_of(b, header())}) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  }
  std::sort(lines.begin(), lines.end());
  std::string sorted;
  for (const auto& line : lines) sorted += line;
  TempFile both(sorted);
  CHECK(json_of(merged({both.path.string()})) == json_of(in_memory));
}

TEST_CASE("how each shard was read travels in its info record; a merge lists every way") {
  InputReading excel;  // a Qualtrics export from Japanese Excel
  excel.delimiter = ',';
  excel.encoding = "cp932";
  excel.encoding_given = true;
  excel.preset = Preset::qualtrics;
  excel.skip_rows = 2;
  InputReading tabs;
  tabs.format = Format::tsv;
  tabs.delimiter = '\t';
  tabs.encoding = "utf-8";
  InputReading odd = tabs;  // a delimiter outside ASCII
  odd.format = Format::csv;
  odd.delimiter = '\xa7';
  InputReading ndjson;
  ndjson.format = Format::ndjson;
  ndjson.encoding = "utf-8";
  auto a = sample_scan(0, "a.csv"), b = sample_scan(1, "b.csv");
  add_readings(a.info.readings, {ndjson, excel});
  add_readings(b.info.readings, {odd, tabs, excel});
  TempFile first(stream_of(a, header())), second(stream_of(b, header()));
  std::vector<InputReading> every;
  add_readings(every, {tabs, ndjson, odd, excel});
  CHECK(every.size() == 4);
  CHECK(merged({first.path.string(), second.path.string()}).info.readings == every);
  CHECK(merged({second.path.string(), first.path.string()}).info.readings == every);
  CHECK(merged({first.path.string()}).info.readings == a.info.readings);
}

TEST_CASE("a truncated, changed or repeated partial is an input error; other options a usage error") {
  auto text = stream_of(sample_scan(0, "a.csv"), header());
  auto expect_exit = [](const std::vector<std::string>& paths, Exit code) {
    try {
      merged(paths);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == code);
    }
  };
  TempFile truncated(text.substr(0, text.rfind("{\"shard\"")));
  expect_exit({truncated.path.string()}, Exit::input);
  auto changed_text = text;
  changed_text.replace(changed_text.find("\"rows\":5"), 8, "\"rows\":6");
  TempFile changed(changed_text);
  expect_exit({changed.path.string()}, Exit::input);
  TempFile whole(text);
  expect_exit({whole.path.string(), whole.path.string()}, Exit::input);
  auto other = header();
  other.options[1].second = "";
  TempFile other_options(stream_of(sample_scan(0, "a.csv"), other));
  expect_exit({other_options.path.string()}, Exit::usage);
}
