// The read -> select -> accumulate loop every metric tool shares: each row's
// answer is classified (valid, missing, invalid), weighted if asked, and
// added to the overall accumulator and its group's (the --by dimensions,
// src/dimension.h). Every row read is accounted for: a row that no group
// can hold (no date in a period dimension) is counted, per dimension, and
// kept in an accumulator of its own.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
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

// Parses the --by dimensions and, for quantile dimensions, reads their
// columns' numbers from `inputs` again to set the edges.
std::vector<Dimension> prepare_dimensions(const std::vector<std::string>& header,
                                          const std::vector<std::string>& specs,
                                          const Inputs* inputs,
                                          const std::vector<Dimension>* edges_from = nullptr);

// The key values of a group as reports show them: each dimension's label.
std::vector<std::string> key_labels(const std::vector<Dimension>& dimensions,
                                    const std::vector<std::string>& key);

// Reads every row of `reader` into a MetricScan. `expected` describes a
// valid answer for messages ("an integer 0-10").
template <class Accumulator, class Parser>
MetricScan<Accumulator> scan_metric(RecordReader& reader, const MetricColumnSpecs& specs,
                                    const Parser& parser, bool strict,
                                    const Accumulator& prototype, const std::string& expected) {
  const auto& header = reader.header();
  if (header.empty()) throw_input("the input is empty; expected a header row", {reader.name()});
  std::vector<std::size_t> selected{resolve_column(header, specs.score, specs.score_option)};
  const bool weighted = !specs.weight.empty();
  if (weighted) selected.push_back(resolve_column(header, specs.weight, "--weight"));
  const std::size_t first_key = selected.size();
  MetricScan<Accumulator> scan(prototype);
  scan.info.dimensions = prepare_dimensions(header, specs.by, specs.inputs, specs.edges_from);
  const auto& dimensions = scan.info.dimensions;
  scan.info.unplaced.resize(dimensions.size());
  for (const auto& dimension : dimensions) {
    selected.push_back(dimension.column());
    scan.info.by_names.push_back(dimension.name());
  }
  reader.select(selected);
  scan.info.score_name = header[selected[0]];
  if (weighted) scan.info.weight_name = header[selected[1]];

  Batch batch;
  std::vector<std::string_view> key(dimensions.size());
  std::vector<std::string> scratch(dimensions.size());
  while (reader.next_batch(batch)) {
    for (std::size_t row = 0; row < batch.size(); ++row) {
      // With groups, each row goes to its group and to the overall result,
      // so the overall numbers are the same with or without --by, to the bit.
      Accumulator* group = nullptr;
      if (!key.empty()) {
        bool placed = true;
        for (std::size_t k = 0; k < key.size(); ++k) {
          auto field = batch.cell(row, first_key + k);
          auto placement = dimensions[k].key(field, scratch[k], key[k]);
          if (placement == Dimension::Placement::placed) continue;
          placed = false;
          auto& unplaced = scan.info.unplaced[k];
          if (placement == Dimension::Placement::blank) {
            ++unplaced.blank;
            continue;
          }
          if (strict)
            throw_input(fmt::format("expected {} for {}, found {}", dimensions[k].expected(),
                                    dimensions[k].name(), quote_value(field)),
                        {std::string(batch.file), batch.lines[row], dimensions[k].column_name()});
          if (unplaced.unreadable++ == 0)
            unplaced.first_unreadable = InvalidSample{std::string(batch.file), batch.lines[row],
                                                      dimensions[k].column_name(),
                                                      std::string(field)};
        }
        bool created = false;
        group = placed ? &scan.groups.find(key, created) : &scan.unplaced;
        if (created) {
          for (std::size_t k = 0; k < key.size(); ++k) {
            if (!output::is_valid_utf8(key[k]))
              throw_input(not_utf8_value_message(key[k]),
                          {std::string(batch.file), batch.lines[row], scan.info.by_names[k]});
          }
        }
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
  scan.groups.fill_gaps(dimensions);
  return scan;
}

}  // namespace koe
