// The read -> select -> accumulate loop every metric tool shares: each row's
// answer is classified (valid, missing, invalid), weighted if asked, and
// added to the overall accumulator and its group's (the --by dimensions,
// src/dimension.h). Every row read is accounted for: a row that no group
// can hold (no date in a period dimension) is counted, per dimension, and
// kept in an accumulator of its own.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <thread>
#include <string>
#include <unordered_map>
#include <vector>

#include "columns.h"
#include "dimension.h"
#include "error.h"
#include "input/encoding_guess.h"
#include "input/record_reader.h"
#include "metrics/grouping.h"
#include "output/text_width.h"
#include "values.h"

namespace koe {

// The columns a metric reads, named as the user gave them.
struct MetricColumnSpecs {
  std::string score;
  std::string score_option = "--score";
  std::string weight;  // empty: unweighted
  std::vector<std::string> by;
  const Inputs* inputs = nullptr;  // read again for quantile edges
  // Another scan's dimensions, whose quantile edges this one uses (a baseline
  // export is cut where the main input is).
  const std::vector<Dimension>* edges_from = nullptr;
};

// The first answer (or weight) that was not valid, for the warning line.
struct InvalidSample {
  std::string file;
  std::uint64_t line = 0;
  std::string column;
  std::string text;
};

// Rows a dimension could not place in a group: blank, or not a date or a
// number where one is expected.
struct Unplaced {
  std::uint64_t blank = 0;
  std::uint64_t unreadable = 0;
  std::optional<InvalidSample> first_unreadable;
};

// Places rows in groups by their dimensions: each row's key, or the count
// of why it has none, per dimension. Used by every grouped scan.
class RowPlacer {
 public:
  // `slots`: where each dimension's column is in the batches.
  RowPlacer(const std::vector<Dimension>& dimensions, std::vector<std::size_t> slots, bool strict)
      : dimensions_(dimensions), slots_(std::move(slots)), strict_(strict),
        key_(dimensions.size()), scratch_(dimensions.size()), unplaced_(dimensions.size()),
        known_(dimensions.size()) {}

  // True when every dimension placed the row (key() holds its key); else
  // the row is counted. Under --strict an unreadable value is an input error.
  bool place(const Batch& batch, std::size_t row) {
    bool placed = true;
    for (std::size_t k = 0; k < key_.size(); ++k) {
      const auto field = batch.cell(row, slots_[k]);
      // A column's key is its trimmed text (Dimension::key), taken inline:
      // this runs for every row and dimension.
      if (dimensions_[k].kind() == Dimension::Kind::column) {
        key_[k] = trim(field);
      } else if (!place_parsed(k, field, batch, row)) {
        placed = false;
      }
    }
    return placed;
  }
  const std::vector<std::string_view>& key() const { return key_; }
  const std::vector<Unplaced>& unplaced() const { return unplaced_; }

 private:
  // Dimension k's key of a field that must be read (a date, a number).
  bool place_parsed(std::size_t k, std::string_view field, const Batch& batch, std::size_t row);

  const std::vector<Dimension>& dimensions_;
  std::vector<std::size_t> slots_;
  bool strict_;
  std::vector<std::string_view> key_;
  std::vector<std::string> scratch_;
  std::vector<Unplaced> unplaced_;
  // Exports repeat a few hundred dates (or amounts) over millions of rows:
  // each distinct text is parsed once. Bounded, so a column of distinct
  // timestamps costs a lookup, not memory.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::vector<std::unordered_map<std::string, std::string, TextHash, std::equal_to<>>> known_;
};

// What a scan learned besides the statistics: names and the accounting of
// rows that were not valid, for messages and reports.
struct ScanInfo {
  std::vector<Dimension> dimensions;
  std::vector<Unplaced> unplaced;     // per dimension
  std::vector<std::string> by_names;  // the dimensions' names, as headings show them
  std::string score_name;
  std::string weight_name;  // empty when unweighted
  std::uint64_t rows = 0;
  std::uint64_t invalid_answers = 0;
  std::uint64_t invalid_weights = 0;
  std::optional<InvalidSample> first_invalid;
  std::optional<InvalidSample> first_invalid_weight;
  std::vector<InputReading> readings;  // how the inputs were read (distinct, sorted)
};

template <class Accumulator>
struct MetricScan {
  explicit MetricScan(const Accumulator& prototype)
      : overall(prototype), unplaced(prototype), groups(prototype) {}

  ScanInfo info;
  Accumulator overall;
  Accumulator unplaced;  // rows in no group
  GroupTable<Accumulator> groups;
};

// A new group key must be text: a value that is not UTF-8 is an input
// error naming the encoding that reads it.
void check_key_text(const std::vector<std::string_view>& key, const std::vector<std::string>& names,
                    const Batch& batch, std::size_t row);

// Parses the --by dimensions and, for quantile dimensions, reads their
// columns' numbers from `inputs` again to set the edges.
std::vector<Dimension> prepare_dimensions(const std::vector<std::string>& header,
                                          const std::vector<std::string>& specs,
                                          const Inputs* inputs,
                                          const std::vector<Dimension>* edges_from = nullptr);

// The key values of a group as reports show them: each dimension's label.
std::vector<std::string> key_labels(const std::vector<Dimension>& dimensions,
                                    const std::vector<std::string>& key);

// Reads the rows of `reader` into `scan`: the loop every metric shares.
// The reader carries the columns of the plan: the score, the weight when
// `weighted`, then the dimensions' columns (placed by `placer`).
template <class Accumulator, class Parser>
void scan_rows(RecordReader& reader, const Parser& parser, bool strict, const std::string& expected,
               bool weighted, RowPlacer& placer, MetricScan<Accumulator>& scan) {
  const auto& dimensions = scan.info.dimensions;
  Batch batch;
  while (reader.next_batch(batch)) {
    for (std::size_t row = 0; row < batch.size(); ++row) {
      // With groups, each row goes to its group and to the overall result,
      // so the overall numbers are the same with or without --by, to the bit.
      Accumulator* group = nullptr;
      if (!dimensions.empty()) {
        bool created = false;
        group = placer.place(batch, row) ? &scan.groups.find(placer.key(), created) : &scan.unplaced;
        if (created) check_key_text(placer.key(), scan.info.by_names, batch, row);
      }
      auto add_to = [&](auto&& add) {
        add(scan.overall);
        if (group) add(*group);
      };
      auto answer = parser.parse(batch.cell(row, 0));
      if (answer.kind == AnswerKind::missing) {
        add_to([](Accumulator& a) { a.add_missing(); });
      } else if (answer.kind == AnswerKind::invalid) {
        if (strict)
          throw_input(fmt::format("expected {}, found {}", expected, quote_value(batch.cell(row, 0))),
                      {std::string(batch.file), batch.lines[row], scan.info.score_name});
        ++scan.info.invalid_answers;
        if (!scan.info.first_invalid)
          scan.info.first_invalid = InvalidSample{std::string(batch.file), batch.lines[row],
                                             scan.info.score_name, std::string(batch.cell(row, 0))};
        add_to([](Accumulator& a) { a.add_invalid(); });
      } else if (weighted) {
        auto weight = parse_weight(batch.cell(row, 1));
        if (!weight) {
          if (strict)
            throw_input(fmt::format("expected a weight (a number >= 0), found {}",
                                    quote_value(batch.cell(row, 1))),
                        {std::string(batch.file), batch.lines[row], scan.info.weight_name});
          if (!scan.info.first_invalid_weight)
            scan.info.first_invalid_weight = InvalidSample{std::string(batch.file), batch.lines[row],
                                                      scan.info.weight_name,
                                                      std::string(batch.cell(row, 1))};
          ++scan.info.invalid_weights;
          add_to([](Accumulator& a) { a.add_invalid(); });
        } else {
          add_to([&](Accumulator& a) { a.add(answer.value, *weight); });
        }
      } else {
        add_to([&](Accumulator& a) { a.add(answer.value); });
      }
    }
    scan.info.rows += batch.size();
  }
}

// Adds a chunk's scan (a later part of the same input) to `scan`: counts,
// groups and accumulators merge exactly; the first samples and the placer's
// counts come from the earliest chunk that has them, their lines shifted by
// `line_offset` (the lines of the input before the chunk).
template <class Accumulator>
void merge_chunk(MetricScan<Accumulator>& scan, MetricScan<Accumulator>&& chunk,
                 std::uint64_t line_offset) {
  scan.overall.merge(chunk.overall);
  scan.unplaced.merge(chunk.unplaced);
  // The first chunk's groups are taken whole rather than copied one by one.
  if (scan.groups.size() == 0) {
    std::swap(scan.groups, chunk.groups);
  } else {
    scan.groups.merge(std::move(chunk.groups));
  }
  auto& info = scan.info;
  info.rows += chunk.info.rows;
  info.invalid_answers += chunk.info.invalid_answers;
  info.invalid_weights += chunk.info.invalid_weights;
  auto shifted = [&](const InvalidSample& sample) {
    auto moved = sample;
    moved.line += line_offset;
    return moved;
  };
  if (!info.first_invalid && chunk.info.first_invalid) info.first_invalid = shifted(*chunk.info.first_invalid);
  if (!info.first_invalid_weight && chunk.info.first_invalid_weight)
    info.first_invalid_weight = shifted(*chunk.info.first_invalid_weight);
  info.unplaced.resize(chunk.info.unplaced.size());
  for (std::size_t d = 0; d < info.unplaced.size(); ++d) {
    const auto& from = chunk.info.unplaced[d];
    info.unplaced[d].blank += from.blank;
    info.unplaced[d].unreadable += from.unreadable;
    if (!info.unplaced[d].first_unreadable && from.first_unreadable)
      info.unplaced[d].first_unreadable = shifted(*from.first_unreadable);
  }
}

// The byte ranges threads read a splittable input in (see
// input/csv_chunks.h): begin, the boundaries, end; fewer than three when the
// input is not read in chunks (one thread asked for, a pipe, a JSON array,
// several files, an --encoding, a small file).
std::vector<std::uint64_t> chunk_bounds(const RecordReader& reader, const ReaderOptions& options);

// The same for a row-level tool, whose rows go out in input order: many
// chunks of a few MiB (less with more threads, or with a smaller
// chunk_bytes), which threads take in turn while one writer emits them in
// order. Fewer than three bounds when the input is not split.
std::vector<std::uint64_t> row_chunk_bounds(const RecordReader& reader,
                                            const ReaderOptions& options);

// Reads [bounds[k], bounds[k+1]) of the input on a thread each, into scans
// merged in chunk order: the result is the one-thread result, to the bit
// (counts are integers, weighted sums exact, first samples from the
// earliest chunk with their lines counted from the input's start). False,
// with `scan` untouched, when a chunk met an error: the caller then reads
// the input on one thread, which reports the first error of the file with
// its line, however the chunks were cut. `read(reader, placer, scan)` reads
// one chunk's rows (scan_rows, or a tool's own loop over several columns).
template <class Accumulator, class Read>
bool scan_chunks_with(const RecordReader& reader, const std::vector<std::uint64_t>& bounds,
                      const ReaderOptions& options, const std::vector<std::size_t>& selected,
                      const std::vector<std::size_t>& slots, bool strict,
                      const Accumulator& prototype, MetricScan<Accumulator>& scan,
                      const Read& read) {
  struct Part {
    explicit Part(const Accumulator& prototype) : scan(prototype) {}
    MetricScan<Accumulator> scan;
    std::uint64_t lines = 0;
    bool failed = false;
  };
  const auto start = *reader.data_start();
  const std::size_t count = bounds.size() - 1;
  std::vector<Part> parts;
  parts.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    parts.emplace_back(prototype);
    parts.back().scan.info = scan.info;  // names and dimensions; nothing counted yet
  }
  auto read_part = [&](std::size_t k) {
    auto& part = parts[k];
    try {
      auto chunk = open_chunk(start, bounds[k], bounds[k + 1], options, reader.delimiter(),
                              reader.header());
      chunk->select(selected);
      RowPlacer placer(part.scan.info.dimensions, slots, strict);
      read(*chunk, placer, part.scan);
      part.scan.info.unplaced = placer.unplaced();
      part.lines = chunk->next_line() - 1;
    } catch (...) {
      // Whatever it was (an input error, out of memory), the one-thread
      // read meets it again and reports it: an exception must not leave a
      // thread.
      part.failed = true;
    }
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t k = 1; k < count; ++k) threads.emplace_back(read_part, k);
    read_part(0);
  }
  for (const auto& part : parts)
    if (part.failed) return false;
  std::uint64_t offset = start.line - 1;
  for (auto& part : parts) {
    merge_chunk(scan, std::move(part.scan), offset);
    offset += part.lines;
    part.scan.groups = GroupTable<Accumulator>(prototype);  // its memory goes back now
  }
  return true;
}

// scan_chunks_with the loop every single-score metric shares.
template <class Accumulator, class Parser>
bool scan_chunks(const RecordReader& reader, const std::vector<std::uint64_t>& bounds,
                 const ReaderOptions& options, const std::vector<std::size_t>& selected,
                 const std::vector<std::size_t>& slots, const Parser& parser, bool strict,
                 const std::string& expected, bool weighted, const Accumulator& prototype,
                 MetricScan<Accumulator>& scan) {
  return scan_chunks_with(
      reader, bounds, options, selected, slots, strict, prototype, scan,
      [&](RecordReader& chunk, RowPlacer& placer, MetricScan<Accumulator>& part) {
        scan_rows(chunk, parser, strict, expected, weighted, placer, part);
      });
}

// What a scan over an input with `header` reads: its info (names,
// dimensions; nothing counted yet), the columns it selects (the score, the
// weight when weighted, the dimensions' columns) and where each dimension's
// column is among them. A merge of partials plans from their columns.
struct ScanPlan {
  ScanInfo info;
  std::vector<std::size_t> selected;
  std::vector<std::size_t> slots;
};
ScanPlan plan_scan(const std::vector<std::string>& header, const MetricColumnSpecs& specs);

// Reads every row of `reader` into a MetricScan, on several threads when the
// input can be split (ReaderOptions::threads). `expected` describes a valid
// answer for messages ("an integer 0-10").
template <class Accumulator, class Parser>
MetricScan<Accumulator> scan_metric(RecordReader& reader, const MetricColumnSpecs& specs,
                                    const Parser& parser, bool strict,
                                    const Accumulator& prototype, const std::string& expected) {
  const auto& header = reader.header();
  if (header.empty()) throw_input("the input is empty; expected a header row", {reader.name()});
  const bool weighted = !specs.weight.empty();
  MetricScan<Accumulator> scan(prototype);
  auto [info, selected, slots] = plan_scan(header, specs);
  scan.info = std::move(info);

  const ReaderOptions options = specs.inputs ? specs.inputs->reader : ReaderOptions{};
  auto bounds = chunk_bounds(reader, options);
  if (bounds.size() <= 2 || !scan_chunks(reader, bounds, options, selected, slots, parser, strict,
                                         expected, weighted, prototype, scan)) {
    reader.select(selected);
    RowPlacer placer(scan.info.dimensions, slots, strict);
    scan_rows(reader, parser, strict, expected, weighted, placer, scan);
    scan.info.unplaced = placer.unplaced();
  }
  scan.info.readings = reader.readings();
  scan.groups.fill_gaps(scan.info.dimensions);
  return scan;
}

}  // namespace koe
