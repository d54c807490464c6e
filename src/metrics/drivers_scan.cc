#include "metrics/drivers_scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "columns.h"
#include "error.h"

namespace koe {

DriverAnswers::DriverAnswers(const stats::ScaleDefinition& scale, const LabelMap& labels,
                             std::vector<std::string> driver_na,
                             std::vector<std::string> outcome_na)
    : outcome_codes_(!outcome_na.empty()), outcome_(std::move(outcome_na)), drivers_(scale.low, scale.high, std::move(driver_na), &labels),
      labels_(labels), low_(scale.low), top_(static_cast<std::size_t>(scale.points())) {
  for (int point : scale.top_box) top_[static_cast<std::size_t>(point - low_)] = true;
  driver_expected_ = fmt::format("an answer {}-{}{}", scale.low, scale.high,
                                 labels.empty() ? "" : " or a known label");
}

NumberAnswer DriverAnswers::outcome(std::string_view text) const {
  // The common case first: a 0-10 answer as one or two digits.
  if (!outcome_codes_ && !text.empty() && text.size() <= 2 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return {AnswerKind::valid, static_cast<double>(text.size() == 1 ? text[0] - '0'
                                                                    : (text[0] - '0') * 10 + text[1] - '0')};
  auto answer = outcome_.parse(text);
  if (answer.kind != AnswerKind::invalid) return answer;
  static constexpr std::array<std::pair<std::string_view, int>, 8> kYesNo{{
      {"yes", 1}, {"no", 0}, {"y", 1}, {"n", 0}, {"true", 1}, {"false", 0},
      {"\u306f\u3044", 1}, {"\u3044\u3044\u3048", 0},  // はい, いいえ
  }};
  const std::string folded = fold_label(text);
  for (const auto& [word, value] : kYesNo)
    if (folded == word) return {AnswerKind::valid, static_cast<double>(value)};
  if (auto point = labels_.find(text)) return {AnswerKind::valid, static_cast<double>(*point)};
  return answer;
}

namespace {

// The columns of the reader, in order: the outcome, the drivers, the weight
// when weighted, then the dimensions (at `slots` of the placer).
void scan_rows(RecordReader& reader, const DriverAnswers& answers, bool strict, bool weighted,
               const std::vector<std::string>& names, RowPlacer& placer,
               MetricScan<stats::DriversAccumulator>& scan) {
  using Accumulator = stats::DriversAccumulator;
  const std::size_t columns = names.size();
  std::vector<double> values(columns);
  auto& info = scan.info;
  Batch batch;
  while (reader.next_batch(batch)) {
    for (std::size_t row = 0; row < batch.size(); ++row) {
      Accumulator* group = nullptr;
      if (!info.dimensions.empty()) {
        bool created = false;
        group = placer.place(batch, row) ? &scan.groups.find(placer.key(), created) : &scan.unplaced;
        if (created) check_key_text(placer.key(), info.by_names, batch, row);
      }
      auto add_to = [&](auto&& add) {
        add(scan.overall);
        if (group) add(*group);
      };
      // Each answer is tallied once, in the row's group when grouped: the
      // overall tallies are the groups' merged after the scan.
      Accumulator& leaf = group ? *group : scan.overall;
      auto where = [&](std::size_t column, const std::string& name) {
        return InvalidSample{std::string(batch.file), batch.lines[row], name,
                             std::string(batch.cell(row, column))};
      };
      double weight = 1;
      if (weighted) {
        auto parsed = parse_weight(batch.cell(row, columns));
        if (!parsed) {
          if (strict)
            throw_input(fmt::format("expected a weight (a number >= 0), found {}",
                                    quote_value(batch.cell(row, columns))),
                        {std::string(batch.file), batch.lines[row], info.weight_name});
          ++info.invalid_weights;
          if (!info.first_invalid_weight) info.first_invalid_weight = where(columns, info.weight_name);
          add_to([](Accumulator& a) { a.add_unweighted_row(); });
          continue;
        }
        weight = *parsed;
      }
      bool complete = true;
      for (std::size_t c = 0; c < columns; ++c) {
        const auto text = batch.cell(row, c);
        AnswerKind kind;
        bool top = false;
        if (c == 0) {
          auto answer = answers.outcome(text);
          kind = answer.kind;
          values[0] = answer.value;
        } else {
          auto answer = answers.driver(text);
          kind = answer.kind;
          values[c] = answer.value;
          top = kind == AnswerKind::valid && answers.top(answer.value);
        }
        if (kind == AnswerKind::valid) {
          leaf.add_valid(c, values[c], weight, top);
          continue;
        }
        complete = false;
        if (kind == AnswerKind::missing) {
          leaf.add_missing(c);
          continue;
        }
        if (strict)
          throw_input(fmt::format("expected {}, found {}",
                                  c == 0 ? std::string(kOutcomeExpected) : answers.driver_expected(),
                                  quote_value(text)),
                      {std::string(batch.file), batch.lines[row], names[c]});
        ++info.invalid_answers;
        if (!info.first_invalid) info.first_invalid = where(c, names[c]);
        leaf.add_invalid(c);
      }
      add_to([&](Accumulator& a) { a.add_row(complete ? values.data() : nullptr, weight); });
    }
    info.rows += batch.size();
  }
}

}  // namespace

DriversScan scan_drivers(RecordReader& reader, const DriversScanSpec& spec,
                         const DriverAnswers& answers, bool strict, std::size_t groups) {
  const auto& header = reader.header();
  if (header.empty()) throw_input("the input is empty; expected a header row", {reader.name()});
  std::vector<std::size_t> selected{resolve_column(header, spec.outcome, "--outcome")};
  auto drivers = resolve_columns(header, spec.drivers, "--drivers");
  if (drivers.empty()) throw_usage("--drivers: name at least one driver column");
  for (std::size_t j = 0; j < drivers.size(); ++j) {
    if (drivers[j] == selected[0])
      throw_usage(fmt::format("--drivers: \"{}\" is the outcome; a driver must be another column",
                              header[drivers[j]]));
    if (std::find(drivers.begin(), drivers.begin() + static_cast<std::ptrdiff_t>(j), drivers[j]) !=
        drivers.begin() + static_cast<std::ptrdiff_t>(j))
      throw_usage(fmt::format("--drivers: \"{}\" is named twice", header[drivers[j]]));
  }
  selected.insert(selected.end(), drivers.begin(), drivers.end());
  const bool weighted = !spec.weight.empty();
  DriversScan result(stats::DriversAccumulator(drivers.size(), groups));
  for (auto column : selected) result.columns.push_back(header[column]);
  auto& scan = result.scan;
  if (weighted) {
    selected.push_back(resolve_column(header, spec.weight, "--weight"));
    scan.info.weight_name = header[selected.back()];
  }
  scan.info.dimensions = prepare_dimensions(header, spec.by, spec.inputs);
  std::vector<std::size_t> slots;
  for (const auto& dimension : scan.info.dimensions) {
    slots.push_back(selected.size());
    selected.push_back(dimension.column());
    scan.info.by_names.push_back(dimension.name());
  }
  scan.info.score_name = result.columns[0];
  const ReaderOptions options = spec.inputs ? spec.inputs->reader : ReaderOptions{};
  const auto& names = result.columns;
  auto read = [&](RecordReader& part, RowPlacer& placer,
                  MetricScan<stats::DriversAccumulator>& into) {
    scan_rows(part, answers, strict, weighted, names, placer, into);
  };
  auto bounds = chunk_bounds(reader, options);
  const stats::DriversAccumulator prototype(drivers.size(), groups);
  if (bounds.size() <= 2 ||
      !scan_chunks_with(reader, bounds, options, selected, slots, strict, prototype, scan, read)) {
    reader.select(selected);
    RowPlacer placer(scan.info.dimensions, slots, strict);
    read(reader, placer, scan);
    scan.info.unplaced = placer.unplaced();
  }
  scan.info.readings = reader.readings();
  if (!scan.info.dimensions.empty()) {
    for (const auto* group : scan.groups.sorted()) scan.overall.merge_columns(group->accumulator);
    scan.overall.merge_columns(scan.unplaced);
  }
  scan.groups.fill_gaps(scan.info.dimensions);
  return result;
}

}  // namespace koe
