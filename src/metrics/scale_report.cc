#include "metrics/scale_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>

#include "error.h"
#include "labels.h"
#include "metrics/metric_partial.h"
#include "metrics/metric_scan.h"
#include "metrics/report_parts.h"

namespace koe {

namespace {

using output::Column;
using output::Value;
using output::measure;

// Words for the favourable and unfavourable boxes in tables and notes.
BoxWords box_words(const ScaleJob& job) {
  return job.lower_is_better ? job.profile->lower_is_better_words : job.profile->words;
}

std::vector<Column> scale_columns(const std::vector<std::string>& by, const ScaleJob& job,
                                  const stats::ScaleDefinition& scale, bool weighted) {
  auto words = box_words(job);
  std::vector<Column> columns;
  for (const auto& name : by) columns.push_back({name, name, 0});
  columns.insert(columns.end(), {
                                    {"n", "n"},
                                    {"missing", "missing"},
                                    {"invalid", "invalid"},
                                    {"top_box", std::string(words.top)},
                                    {"pct_top_box", fmt::format("%{}", words.top), 1},
                                    {"top_box_ci_low", "CI low", 1},
                                    {"top_box_ci_high", "CI high", 1},
                                    {"bottom_box", std::string(words.bottom)},
                                    {"pct_bottom_box", fmt::format("%{}", words.bottom), 1},
                                    {"mean", "mean", 2},
                                    {"sd", "SD", 2},
                                    {"mean_ci_low", "mean low", 2},
                                    {"mean_ci_high", "mean high", 2},
                                    {"distribution", "distribution", 0, false, true, false},
                                });
  for (int point = scale.low; point <= scale.high; ++point)
    columns.push_back({fmt::format("count_{}", point), "", 0, false, false, true});
  columns.push_back({"confidence", "confidence", 2, false});
  add_base_columns(columns, weighted);
  return columns;
}

// A row's cells after its key.
void append_scale_values(std::vector<Value>& row, const stats::ScaleResult& r,
                         const stats::ScaleDefinition& scale, std::uint64_t low_base) {
  std::string distribution = "{";
  for (std::size_t i = 0; i < r.distribution.size(); ++i)
    distribution += fmt::format("{}\"{}\":{}", i ? "," : "", scale.low + static_cast<int>(i),
                                r.distribution[i]);
  distribution += "}";
  output::append_cells(row, r.n, r.missing, r.invalid, r.top_box, measure(r.pct_top_box),
                       measure(r.top_box_ci_low), measure(r.top_box_ci_high), r.bottom_box,
                       measure(r.pct_bottom_box), measure(r.mean), measure(r.sd),
                       measure(r.mean_ci_low), measure(r.mean_ci_high),
                       output::RawJson{std::move(distribution)});
  for (auto count : r.distribution) row.push_back(count);
  row.push_back(r.confidence);
  add_base_values(row, r.weighted, r.weight_total, r.n_eff, r.n, low_base);
}

// The distribution of the overall answers, as bars, under the table.
output::Breakdown distribution_breakdown(const stats::ScaleResult& r,
                                         const stats::ScaleDefinition& scale,
                                         const LabelMap& labels, bool show_labels) {
  output::Breakdown breakdown;
  breakdown.title = fmt::format("distribution of all {} answers{}", r.n,
                                r.weighted ? " (% weighted)" : "");
  breakdown.columns = {{"point", "answer", 0}};
  if (show_labels) breakdown.columns.push_back({"label", "label", 0});
  breakdown.columns.insert(breakdown.columns.end(), {{"n", "n", 0}, {"pct", "%", 1}, {"bar", "", 0}});
  auto named = labels.labels();
  double widest = 0;
  for (double pct : r.pct_distribution)
    if (std::isfinite(pct)) widest = std::max(widest, pct);
  for (std::size_t i = 0; i < r.distribution.size(); ++i) {
    int point = scale.low + static_cast<int>(i);
    std::vector<Value> row{std::int64_t{point}};
    if (show_labels) {
      std::string label;
      for (const auto& [p, text] : named)
        if (p == point) label = text;
      row.push_back(label);
    }
    double pct = r.pct_distribution[i];
    // Eighth blocks give the bars a resolution of 1/8 of a cell.
    std::string bar;
    if (std::isfinite(pct) && widest > 0) {
      auto eighths = static_cast<int>(std::lround(pct / widest * 30 * 8));
      for (int k = 0; k < eighths / 8; ++k) bar += "\u2588";
      static const char* kPartial[] = {"", "\u258F", "\u258E", "\u258D", "\u258C", "\u258B", "\u258A", "\u2589"};
      bar += kPartial[eighths % 8];
    }
    row.insert(row.end(), {r.distribution[i], measure(pct), bar});
    breakdown.rows.push_back(std::move(row));
  }
  return breakdown;
}

}  // namespace

LabelMap scale_labels(const ScaleJob& job, const stats::ScaleDefinition& scale) {
  LabelMap labels;
  if (job.labels.empty()) {
    labels = LabelMap::builtin(scale.low, scale.high);
  } else if (!std::filesystem::exists(job.labels)) {
    if (job.labels.find('=') == std::string::npos)
      throw_usage(fmt::format("--labels: \"{}\" is neither a file nor LABEL=NUMBER items such as "
                              "'Bad=1,Good=5'",
                              job.labels));
    labels = LabelMap::from_spec(job.labels);
  } else {
    labels = LabelMap::from_file(job.labels);
  }
  for (const auto& [point, text] : labels.labels())
    if (point < scale.low || point > scale.high)
      throw_usage(fmt::format("--labels: \"{}\" is {}, outside the scale {}-{}", text, point,
                              scale.low, scale.high));
  return labels;
}

std::vector<std::pair<std::string, std::string>> scale_partial_options(
    const ScaleJob& job, const stats::ScaleDefinition& scale, const LabelMap& labels) {
  // The labels read answers, so they change the statistics: their pairs
  // (not the file they came from) are part of the partial's options.
  std::string label_pairs;
  for (const auto& [point, text] : labels.labels())
    label_pairs += fmt::format("{}{}={}", label_pairs.empty() ? "" : ",", text, point);
  return {{"--scale", fmt::format("{}-{}", scale.low, scale.high)},
          {"--top-box", stats::describe_box(scale.top_box)},
          {"--bottom-box", stats::describe_box(scale.bottom_box)},
          {"--lower-is-better", job.lower_is_better ? "yes" : "no"},
          {"--labels", label_pairs}};
}

stats::ScaleDefinition resolve_scale(const ScaleJob& job) {
  const std::string_view spec =
      !job.scale.empty() ? std::string_view(job.scale)
      : job.lower_is_better ? job.profile->lower_is_better_scale
                            : job.profile->scale;
  int low = 0, high = 0;
  auto dash = spec.find('-', 1);
  auto number = [](std::string_view text, int& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
  };
  if (dash == std::string::npos || !number(spec.substr(0, dash), low) ||
      !number(spec.substr(dash + 1), high) || low < 0 || high <= low || high - low > 100)
    throw_usage(fmt::format("--scale: expected LOW-HIGH such as 1-5 or 0-10 (at most 101 "
                            "points), found \"{}\"",
                            spec));
  stats::ScaleDefinition scale = stats::default_scale(low, high);
  if (job.profile->agreement_boxes && low == 1 && high == 7) {
    scale.top_box = {5, 6, 7};
    scale.bottom_box = {1, 2, 3};
  }
  if (job.lower_is_better) std::swap(scale.top_box, scale.bottom_box);
  auto box = [&](const std::string& text, std::string_view flag, std::vector<int>& out) {
    if (text.empty()) return;
    out = stats::parse_box(text, low, high);
    if (out.empty())
      throw_usage(fmt::format("{}: expected points of the scale {}-{} such as 4-5 or 1,2, found "
                              "\"{}\"",
                              flag, low, high, text));
  };
  box(job.top_box, "--top-box", scale.top_box);
  box(job.bottom_box, "--bottom-box", scale.bottom_box);
  for (int point : scale.top_box)
    if (std::find(scale.bottom_box.begin(), scale.bottom_box.end(), point) != scale.bottom_box.end())
      throw_usage(fmt::format("the top box ({}) and the bottom box ({}) share the point {}; an "
                              "answer cannot be both",
                              stats::describe_box(scale.top_box),
                              stats::describe_box(scale.bottom_box), point));
  return scale;
}

Outcome run_scale(const ScaleJob& job) {
  const stats::ScaleDefinition scale = resolve_scale(job);
  const LabelMap labels = scale_labels(job, scale);
  const bool weighted = !job.metric.weight.empty();
  ScaleParser parser(scale.low, scale.high, job.metric.na_codes, &labels);
  MetricColumnSpecs specs{job.score, "--score", job.metric.weight, job.metric.by, &job.input};
  const std::string expected = fmt::format("{}-{}", scale.low, scale.high);
  const std::string expected_answer =
      fmt::format("an answer {}{}", expected, labels.empty() ? "" : " or a known label");
  const stats::ScaleAccumulator prototype(scale, weighted);
  const auto header = metric_partial_header(std::string(job.profile->tool), job.score, job.metric,
                                            scale_partial_options(job, scale, labels));
  if (job.metric.stage == RunStage::partial)
    return partial_outcome(job.input, header, specs, parser, job.metric.strict, prototype,
                           expected_answer);
  // Shared with the report's rows, which are finished as they are written.
  const auto scan = std::make_shared<const MetricScan<stats::ScaleAccumulator>>(
      stage_scan(job.input, job.metric, header, specs, parser, prototype, expected_answer));

  stats::ScaleSettings settings{job.metric.confidence};
  const std::uint64_t low_base = job.metric.low_base();
  Outcome outcome;
  auto& report = outcome.report.emplace();
  report.tool = job.profile->tool;
  report.threads = job.input.reader.threads;
  report.columns = scale_columns(scan->info.by_names, job, scale, weighted);
  report.key_columns = scan->info.by_names.size();
  output::make_keys_unique(report);
  bool any_low_base = generate_group_rows(
      report, scan, low_base,
      [scale, settings, low_base](std::vector<Value>& row, const auto& group) {
        append_scale_values(row, group.finish(scale, settings), scale, low_base);
      });
  const auto overall = scan->overall.finish(scale, settings);
  report.overall.assign(scan->info.by_names.size(), Value());
  append_scale_values(report.overall, overall, scale, low_base);
  any_low_base |= overall.n < low_base;

  const std::string top = stats::describe_box(scale.top_box);
  const std::string bottom = stats::describe_box(scale.bottom_box);
  report.facts = {
      {"score", scan->info.score_name},
      {"weight", weighted ? Value(scan->info.weight_name) : Value()},
      {"scale", expected},
      {"top_box", top},
      {"bottom_box", bottom},
      {"lower_is_better", job.lower_is_better},
      {"labels", labels.empty() ? Value() : Value(labels.source())},
      {"intervals", output::RawJson{R"({"top_box":"wilson","mean":"t"})"}},
      {"confidence", settings.confidence},
      {"low_base_under", low_base},
      {"rows", scan->info.rows},
  };
  if (auto dimensions = dimensions_fact(scan->info)) report.facts.push_back(std::move(*dimensions));
  report.facts.push_back(input_fact(scan->info.readings));
  auto words = box_words(job);
  report.notes.push_back(fmt::format("{} {}-{}: {} box {}, {} box {}{} (score: {})", report.tool,
                                     scale.low, scale.high, words.top, top, words.bottom, bottom,
                                     job.lower_is_better ? "; lower is better" : "",
                                     scan->info.score_name));
  report.notes.push_back(fmt::format(
      "{:g}% intervals: Wilson for the {} share, t for the mean", 100 * settings.confidence,
      words.top));
  add_base_notes(report, scan->info, any_low_base, low_base);
  report.breakdowns.push_back(
      distribution_breakdown(overall, scale, labels, !job.labels.empty()));
  outcome.warnings = invalid_warnings(scan->info, expected + (labels.empty() ? "" : " or a known label"));

  if (auto failure = min_n_failure(overall.n, job.metric)) outcome.failed_checks.push_back(*failure);
  auto check = [&](const std::optional<double>& limit, double value, std::string_view what,
                   std::string_view flag, bool under) {
    if (!limit) return;
    if (!std::isfinite(value)) {
      outcome.failed_checks.push_back(fmt::format(
          "{} is undefined (no valid answers), so {} {:g} cannot pass", what, flag, *limit));
    } else if (under ? value < *limit : value > *limit) {
      outcome.failed_checks.push_back(fmt::format("{} {} is {} {} {:g}", what,
                                                  shown_against(value, *limit),
                                                  under ? "below" : "above", flag, *limit));
    }
  };
  check(job.metric.fail_under, overall.pct_top_box, fmt::format("%{}", words.top), "--fail-under",
        true);
  check(job.fail_under_mean, overall.mean, "mean", "--fail-under-mean", true);
  check(job.fail_over_mean, overall.mean, "mean", "--fail-over-mean", false);
  return outcome;
}

}  // namespace koe
