#include "metrics/report_parts.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "error.h"
#include "output/json_writer.h"

namespace koe {

namespace {

std::string describe(const InvalidSample& sample) {
  return fmt::format("{}, line {}: {}", sample.file, sample.line, quote_value(sample.text));
}

}  // namespace

std::string count_of(std::uint64_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::vector<std::string> invalid_warnings(const ScanInfo& info, std::string_view expected) {
  std::vector<std::string> warnings;
  if (info.first_invalid)
    warnings.push_back(fmt::format(
        "{} in column \"{}\" not {}, counted as invalid (first: {}); --strict makes this an error",
        count_of(info.invalid_answers, "answer"), info.score_name, expected,
        describe(*info.first_invalid)));
  if (info.first_invalid_weight)
    warnings.push_back(fmt::format(
        "{} without a valid weight in column \"{}\", counted as invalid (first: {})",
        count_of(info.invalid_weights, "answer"), info.weight_name,
        describe(*info.first_invalid_weight)));
  auto unplaced = unplaced_warnings(info.dimensions, info.unplaced);
  warnings.insert(warnings.end(), unplaced.begin(), unplaced.end());
  return warnings;
}

std::vector<std::string> unplaced_warnings(const std::vector<Dimension>& dimensions,
                                           const std::vector<Unplaced>& unplaced) {
  std::vector<std::string> warnings;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const auto& dimension = dimensions[d];
    const auto& count = unplaced[d];
    if (count.blank > 0)
      warnings.push_back(fmt::format("{} with a blank \"{}\" in no {} group; {} in the "
                                     "overall row",
                                     count_of(count.blank, "row"), dimension.column_name(),
                                     dimension.name(), count.blank == 1 ? "it counts" : "they count"));
    if (count.first_unreadable)
      warnings.push_back(fmt::format(
          "{} whose \"{}\" is not {} in no {} group (first: {}); {} in the overall row; "
          "--strict makes this an error",
          count_of(count.unreadable, "row"), dimension.column_name(), dimension.expected(),
          dimension.name(), describe(*count.first_unreadable),
          count.unreadable == 1 ? "it counts" : "they count"));
  }
  return warnings;
}

std::optional<output::Fact> dimensions_fact(const ScanInfo& info) {
  return dimensions_fact(info.dimensions, info.unplaced);
}

std::optional<output::Fact> dimensions_fact(const std::vector<Dimension>& dimensions,
                                            const std::vector<Unplaced>& unplaced) {
  bool plain = std::all_of(dimensions.begin(), dimensions.end(), [](const Dimension& d) {
    return d.kind() == Dimension::Kind::column;
  });
  if (plain) return std::nullopt;
  static constexpr const char* kKinds[] = {"column", "bins", "quantiles", "period"};
  output::JsonWriter json;
  json.begin_array();
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    const auto& dimension = dimensions[d];
    json.begin_object()
        .key("name").string(dimension.name())
        .key("kind").string(kKinds[static_cast<int>(dimension.kind())])
        .key("column").string(dimension.column_name());
    if (!dimension.edges().empty()) {
      json.key("edges").begin_array();
      for (double edge : dimension.edges()) json.number(edge);
      json.end_array();
    }
    json.key("rows_in_no_group").number(unplaced[d].blank + unplaced[d].unreadable);
    json.end_object();
  }
  json.end_array();
  return output::Fact{"dimensions", output::RawJson{json.take()}};
}

std::string readings_json(const std::vector<InputReading>& readings) {
  output::JsonWriter json;
  json.begin_array();
  for (const auto& reading : readings) {
    json.begin_object().key("format").string(format_name(reading.format)).key("delimiter");
    const auto byte = static_cast<unsigned char>(reading.delimiter);
    if (byte == 0) {
      json.null();
    } else if (byte < 0x80) {
      json.string(std::string_view(&reading.delimiter, 1));
    } else {
      json.string(fmt::format("0x{:02X}", byte));  // not text on its own
    }
    json.key("encoding").string(reading.encoding);
    json.key("encoding_source").string(reading.encoding_given ? "given" : "default");
    json.key("preset");
    if (reading.preset) {
      json.string(name_of(kPresetNames, *reading.preset));
    } else {
      json.null();
    }
    json.key("skip_rows").number(static_cast<std::uint64_t>(reading.skip_rows));
    json.end_object();
  }
  json.end_array();
  return json.take();
}

output::Fact input_fact(const std::vector<InputReading>& readings) {
  return {"input", output::RawJson{readings_json(readings)}};
}

void add_base_notes(output::SummaryReport& report, const ScanInfo& info, bool any_low_base,
                    std::uint64_t low_base) {
  if (!info.weight_name.empty())
    report.notes.push_back(fmt::format(
        "weighted by {}: shares and means are weighted; intervals use the Kish effective n (n_eff)",
        info.weight_name));
  if (any_low_base)
    report.notes.push_back(
        fmt::format("low base: fewer than {} valid answers; the interval is wide", low_base));
}

std::optional<std::string> min_n_failure(std::uint64_t n, const MetricOptions& options) {
  if (!options.min_n || n >= *options.min_n) return std::nullopt;
  return fmt::format("only {} valid answers, fewer than --min-n {}", n, *options.min_n);
}

std::string shown_against(double value, double limit) {
  for (int decimals = 2; decimals < 17; ++decimals) {
    std::string text = fmt::format("{:.{}f}", value, decimals);
    if ((std::stod(text) < limit) == (value < limit) && std::stod(text) != limit) return text;
  }
  return fmt::format("{}", value);
}

void add_base_columns(std::vector<output::Column>& columns, bool weighted) {
  if (weighted) {
    columns.push_back({"weight_total", "weight", 2});
    columns.push_back({"n_eff", "n_eff", 1});
  }
  columns.push_back({"low_base", "low base", 0, false});
  columns.push_back({"note", "", 0, true, false, false});
}

void add_base_values(std::vector<output::Value>& row, bool weighted, double weight_total,
                     double n_eff, std::uint64_t n, std::uint64_t low_base) {
  bool low = n < low_base;
  if (weighted) output::append_cells(row, weight_total, n_eff);
  output::append_cells(row, low, std::string(low ? "low base" : ""));
}

}  // namespace koe
