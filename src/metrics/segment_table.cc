#include "metrics/segment_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "metrics/report_parts.h"
#include "output/json_writer.h"

namespace koe {

namespace {

using output::Column;
using output::Value;
using output::measure;

// One row's test against its reference.
struct Tested {
  stats::Comparison comparison;
  double p_adjusted = NAN;
  bool low_base = false;
  bool significant = false;
  double impact = NAN;  // rest only: the row's share of the answers times the difference
};

bool is_drop(const Tested& t) { return t.significant && t.comparison.difference < 0; }

std::string_view direction(Reference reference, double difference) {
  if (reference == Reference::rest) return difference < 0 ? "below" : "above";
  return difference < 0 ? "down" : "up";
}

std::string_view reference_heading(Reference reference) {
  switch (reference) {
    case Reference::rest: return "rest";
    case Reference::previous: return "prev";
    case Reference::baseline: return "base";
  }
  return "";
}

std::string joined(const std::vector<std::string>& key) {
  std::string text;
  for (const auto& part : key) text += (text.empty() ? "" : " / ") + output::key_text(part);
  return text;
}

std::string p_text(double p) {
  return p < 0.001 ? std::string("< 0.001") : fmt::format("{:.3f}", p);
}

std::vector<Tested> test_rows(const SegmentTable& table, const SegmentSettings& settings) {
  const std::uint64_t low_base = settings.checks.low_base();
  std::vector<Tested> tested(table.rows.size());
  std::vector<double> family;
  std::vector<std::size_t> members;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const auto& row = table.rows[i];
    auto& t = tested[i];
    t.low_base = row.estimate.n < low_base || (row.reference && row.reference->n < low_base);
    if (!row.reference) continue;
    t.comparison = stats::compare(row.estimate.value, row.estimate.se, row.reference->value,
                                  row.reference->se);
    if (settings.reference == Reference::rest && table.overall.weight_total > 0)
      t.impact = row.estimate.weight_total / table.overall.weight_total * t.comparison.difference;
    // A low base is reported, never tested: it does not count in the family.
    if (!t.low_base && std::isfinite(t.comparison.p)) {
      family.push_back(t.comparison.p);
      members.push_back(i);
    }
  }
  auto adjusted = stats::adjust_p_values(family, settings.adjustment);
  for (std::size_t k = 0; k < members.size(); ++k) {
    auto& t = tested[members[k]];
    t.p_adjusted = adjusted[k];
    t.significant = t.p_adjusted < settings.alpha;
  }
  return tested;
}

std::vector<std::size_t> row_order(const SegmentTable& table, const std::vector<Tested>& tested,
                                   SegmentSort sort) {
  std::vector<std::size_t> order(table.rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // NaN (no test, no value) sorts last in every order.
  auto ascending = [](double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return !std::isnan(a) && std::isnan(b);
    return a < b;
  };
  switch (sort) {
    case SegmentSort::name: break;
    case SegmentSort::impact:
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return ascending(tested[a].impact, tested[b].impact);
      });
      break;
    case SegmentSort::metric:
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return ascending(table.rows[a].estimate.value, table.rows[b].estimate.value);
      });
      break;
    case SegmentSort::n:
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return table.rows[a].estimate.n > table.rows[b].estimate.n;
      });
      break;
  }
  return order;
}

std::vector<Column> segment_columns(const SegmentTable& table, const MetricWords& words,
                                    Reference reference) {
  const bool weighted = table.overall.weighted;
  std::vector<Column> columns;
  for (const auto& name : table.dimensions) columns.push_back({name, name, 0});
  columns.insert(columns.end(), {{"n", "n"},
                                 {"missing", "missing", 0, false},
                                 {"invalid", "invalid", 0, false}});
  if (weighted) columns.insert(columns.end(), {{"weight_total", "weight", 2}, {"n_eff", "n_eff", 1}});
  const bool rest = reference == Reference::rest;
  columns.insert(columns.end(),
                 {{words.key, words.label, words.decimals},
                  {"ci_low", "CI low", words.decimals},
                  {"ci_high", "CI high", words.decimals},
                  {"reference", std::string(reference_heading(reference)), words.decimals},
                  {"difference", rest ? "diff" : "change", words.decimals},
                  {"se_difference", "SE", words.decimals},
                  {"z", "z", 2},
                  {"p", "p", 4},
                  {"p_adjusted", "p adj", 4},
                  {"significant", "significant", 0, false},
                  {"direction", "direction", 0, false}});
  if (rest) columns.push_back({"impact", "impact", words.decimals});
  columns.push_back({"low_base", "low base", 0, false});
  columns.push_back({"verdict", "", 0, true, false, false});
  return columns;
}

std::vector<Value> segment_values(const std::vector<Value>& key, const Estimate& e,
                                  const std::optional<Estimate>& reference, const Tested& t,
                                  Reference kind) {
  std::vector<Value> row(key);
  row.insert(row.end(), {e.n, e.missing, e.invalid});
  if (e.weighted) row.insert(row.end(), {e.weight_total, e.n_eff});
  const auto& c = t.comparison;
  std::string verdict;
  if (t.significant) {
    verdict = c.difference < 0 ? "\u25BC " : "\u25B2 ";
    verdict += direction(kind, c.difference);
  } else if (reference && t.low_base) {
    verdict = kind == Reference::previous ? "not enough answers" : "low base";
  }
  row.insert(row.end(),
             {measure(e.value), measure(e.ci_low), measure(e.ci_high),
              reference ? measure(reference->value) : Value(), measure(c.difference),
              measure(c.se), measure(c.z), measure(c.p), measure(t.p_adjusted),
              t.significant,
              t.significant ? Value(std::string(direction(kind, c.difference))) : Value()});
  if (kind == Reference::rest) row.push_back(measure(t.impact));
  row.insert(row.end(), {t.low_base, verdict});
  return row;
}

std::string finding(const SegmentRow& row, const Tested& t, const MetricWords& words,
                    Reference reference) {
  const auto& c = t.comparison;
  int d = words.finding_decimals;
  std::string where = reference == Reference::rest       ? "the rest"
                      : reference == Reference::previous ? row.reference_label
                                                         : "the baseline";
  std::string move = reference == Reference::rest
                         ? fmt::format("{:.{}f} {} {} ({:.{}f})", std::fabs(c.difference), d,
                                       direction(reference, c.difference), where,
                                       row.reference->value, d)
                         : fmt::format("{} {:.{}f} from {} ({:.{}f})",
                                       direction(reference, c.difference), std::fabs(c.difference),
                                       d, where, row.reference->value, d);
  return fmt::format("{}: {} {:.{}f}, {}, p(adj) {}", joined(row.key), words.name,
                     row.estimate.value, d, move, p_text(t.p_adjusted));
}

std::string nothing_found(Reference reference, const SegmentSettings& settings) {
  std::string what = reference == Reference::rest ? "No segment differs significantly from the rest"
                     : reference == Reference::previous
                         ? "No period differs significantly from the one before"
                         : "No segment changed significantly from the baseline";
  return fmt::format("{} ({}-adjusted p, alpha {:g}).", what,
                     stats::adjustment_name(settings.adjustment), settings.alpha);
}

std::string drop_check(const SegmentRow& row, const Tested& t, const MetricWords& words,
                       Reference reference) {
  int d = words.finding_decimals;
  std::string what = reference == Reference::rest ? "is significantly below the rest"
                     : reference == Reference::previous
                         ? fmt::format("dropped significantly from {}", row.reference_label)
                         : "dropped significantly from the baseline";
  return fmt::format("{} {}: {} {:.{}f} vs {:.{}f} (p adj {})", joined(row.key), what, words.name,
                     row.estimate.value, d, row.reference->value, d, p_text(t.p_adjusted));
}

}  // namespace

Outcome segment_outcome(const SegmentTable& table, const MetricWords& words,
                        const SegmentSettings& settings) {
  const Reference reference = settings.reference;
  auto tested = test_rows(table, settings);
  Outcome outcome;
  auto& report = outcome.report.emplace();
  report.tool = "segment";
  report.columns = segment_columns(table, words, reference);
  report.key_columns = table.dimensions.size();
  output::make_keys_unique(report);

  std::vector<std::string> findings;
  std::size_t tests = 0;
  for (auto i : row_order(table, tested, settings.sort)) {
    const auto& row = table.rows[i];
    report.groups.push_back(segment_values(std::vector<Value>(row.key.begin(), row.key.end()),
                                           row.estimate, row.reference, tested[i], reference));
    if (std::isfinite(tested[i].p_adjusted)) ++tests;
    if (tested[i].significant) findings.push_back(finding(row, tested[i], words, reference));
    if (settings.fail_if_significant_drop && is_drop(tested[i]))
      outcome.failed_checks.push_back(drop_check(row, tested[i], words, reference));
  }
  // The overall row: compared with the baseline's overall when there is one.
  Tested overall;
  if (table.overall_reference) {
    overall.comparison = stats::compare(table.overall.value, table.overall.se,
                                        table.overall_reference->value, table.overall_reference->se);
    overall.p_adjusted = overall.comparison.p;  // one test: nothing to adjust for
    overall.low_base = table.overall.n < settings.checks.low_base() ||
                       table.overall_reference->n < settings.checks.low_base();
    overall.significant = !overall.low_base && overall.p_adjusted < settings.alpha;
  }
  report.overall = segment_values(std::vector<Value>(table.dimensions.size()), table.overall,
                                  table.overall_reference, overall, reference);

  report.facts = words.facts;
  static constexpr const char* kReferences[] = {"rest", "previous period", "baseline"};
  report.facts.insert(report.facts.end(),
                      {{"compared_with", std::string(kReferences[static_cast<int>(reference)])},
                       {"test", std::string("two-sided z (Wald), each side's own SE")},
                       {"adjustment", std::string(stats::adjustment_name(settings.adjustment))},
                       {"alpha", settings.alpha},
                       {"tests", std::uint64_t{tests}},
                       {"low_base_under", settings.checks.low_base()}});
  if (!settings.baseline_name.empty())
    report.facts.push_back({"baseline", settings.baseline_name});

  report.notes = words.notes;
  report.notes.push_back(fmt::format(
      "{}: two-sided z test of the difference, each side's own SE; p adj: {} across {} test{}; "
      "significant at {:g}; low bases (n < {}) are not tested",
      reference == Reference::rest       ? "each segment vs the rest of the data"
      : reference == Reference::previous ? "each period vs the one before"
                                         : fmt::format("each segment vs itself in {}", settings.baseline_name),
      stats::adjustment_name(settings.adjustment), tests, tests == 1 ? "" : "s", settings.alpha,
      settings.checks.low_base()));
  if (reference == Reference::rest)
    report.notes.push_back("impact: the segment's share of the answers times its difference; "
                           "the overall figure would move by minus that if it scored like the rest");
  if (findings.empty()) findings.push_back(nothing_found(reference, settings));
  if (table.overall_reference && std::isfinite(overall.comparison.difference)) {
    const auto& c = overall.comparison;
    findings.push_back(fmt::format(
        "Overall: {} {:.{}f}, {} {:.{}f} from the baseline ({:.{}f}), p {}{}", words.name,
        table.overall.value, words.finding_decimals, direction(Reference::baseline, c.difference),
        std::fabs(c.difference), words.finding_decimals, table.overall_reference->value,
        words.finding_decimals, p_text(c.p), overall.significant ? "" : ": not significant"));
  }
  output::JsonWriter json;
  json.begin_array();
  for (const auto& line : findings) json.string(line);
  json.end_array();
  report.facts.push_back({"findings", output::RawJson{json.take()}});
  report.notes.insert(report.notes.end(), findings.begin(), findings.end());

  if (auto failure = min_n_failure(table.overall.n, settings.checks))
    outcome.failed_checks.push_back(*failure);
  if (settings.checks.fail_under) {
    double limit = *settings.checks.fail_under;
    if (!std::isfinite(table.overall.value))
      outcome.failed_checks.push_back(fmt::format(
          "{} is undefined (no valid answers), so --fail-under {:g} cannot pass", words.name, limit));
    else if (table.overall.value < limit)
      outcome.failed_checks.push_back(fmt::format("{} {} is below --fail-under {:g}", words.name,
                                                  shown_against(table.overall.value, limit), limit));
  }
  return outcome;
}

void lay_out_crosstab(Outcome& outcome, const SegmentTable& table, const MetricWords& words) {
  auto& report = *outcome.report;
  auto column_of = [&](std::string_view key) {
    return static_cast<std::size_t>(
        std::find_if(report.columns.begin(), report.columns.end(),
                     [&](const Column& c) { return c.key == key; }) -
        report.columns.begin());
  };
  const std::size_t value = column_of(words.key), way = column_of("direction"),
                    low = column_of("low_base");
  auto cell = [&](const Value& v, const Value& direction, bool low_base) {
    if (std::holds_alternative<std::monostate>(v)) return std::string("-");
    std::string text = fmt::format("{:.{}f}", std::get<double>(v), words.finding_decimals);
    if (const auto* d = std::get_if<std::string>(&direction)) text += *d == "below" ? "\u25BC" : "\u25B2";
    else if (low_base) text += "\u00B0";
    return text;
  };
  auto margin = [&](const Estimate& e) {
    return std::isfinite(e.value) ? fmt::format("{:.{}f}", e.value, words.finding_decimals)
                                  : std::string("-");
  };
  output::SummaryReport matrix;
  matrix.tool = report.tool;
  matrix.facts = report.facts;
  matrix.key_columns = 1;
  matrix.columns.push_back({table.dimensions[0], fmt::format("{} \\ {}", table.dimensions[0],
                                                             table.dimensions[1]), 0});
  for (const auto& [label, estimate] : table.column_margins)
    matrix.columns.push_back({label, output::key_text(label), 0});
  matrix.columns.push_back({"all", std::string(output::kAllRows), 0});
  const std::size_t width = table.column_margins.size();
  for (const auto& [label, estimate] : table.row_margins) {
    std::vector<Value> row{label};
    row.resize(width + 1, std::string());
    row.push_back(margin(estimate));
    matrix.groups.push_back(std::move(row));
  }
  for (const auto& group : report.groups.held()) {
    auto find = [](const auto& margins, const Value& key) {
      for (std::size_t i = 0; i < margins.size(); ++i)
        if (Value(margins[i].first) == key) return i;
      return margins.size();
    };
    std::size_t r = find(table.row_margins, group[0]), c = find(table.column_margins, group[1]);
    if (r < matrix.groups.size() && c < width)
      matrix.groups.held()[r][c + 1] = cell(group[value], group[way], std::get<bool>(group[low]));
  }
  matrix.overall.push_back(Value());
  for (const auto& [label, estimate] : table.column_margins) matrix.overall.push_back(margin(estimate));
  matrix.overall.push_back(margin(table.overall));
  matrix.notes = report.notes;
  matrix.notes.insert(matrix.notes.begin() + static_cast<std::ptrdiff_t>(words.notes.size()),
                      fmt::format("cells: {}; \u25BC / \u25B2 significantly below / above the "
                                  "rest, \u00B0 low base; (all): the margins",
                                  words.name));
  report = std::move(matrix);
}

}  // namespace koe
