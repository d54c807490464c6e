#include "dimension.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "columns.h"
#include "error.h"
#include "values.h"

namespace koe {

namespace {

constexpr std::size_t kMostQuantiles = 100;

long key_number(std::string_view key) {
  long value = 0;
  std::from_chars(key.data(), key.data() + key.size(), value);
  return value;
}

std::string key_text(long value) { return fmt::format("{}", value); }

// Splits at commas outside parentheses: "plan,bins(t, 0, 6)" -> plan, bins(t, 0, 6).
std::vector<std::string> split_top_level(std::string_view text) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || (text[i] == ',' && depth == 0)) {
      parts.emplace_back(text.substr(start, i - start));
      start = i + 1;
    } else if (text[i] == '(') {
      ++depth;
    } else if (text[i] == ')' && depth > 0) {
      --depth;
    }
  }
  return parts;
}

// "name(args)" -> name and the arguments, trimmed; none when the text is not
// of that form.
struct Call {
  std::string name;
  std::vector<std::string> args;
};

std::optional<Call> as_call(std::string_view text) {
  text = trim(text);
  auto open = text.find('(');
  if (open == std::string_view::npos || open == 0 || !text.ends_with(')')) return std::nullopt;
  auto name = trim(text.substr(0, open));
  if (!std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      }))
    return std::nullopt;
  Call call{std::string(name), {}};
  for (const auto& arg : split_top_level(text.substr(open + 1, text.size() - open - 2)))
    call.args.emplace_back(trim(arg));
  return call;
}

double edge_number(std::string_view option, std::string_view spec, const std::string& text) {
  auto value = parse_number(text);
  if (!value)
    throw_usage(fmt::format("{} {}: \"{}\" is not a number; expected edges such as "
                            "bins(tenure, 0, 6, 12)",
                            option, spec, text));
  return *value;
}

Dimension parse_call(const std::vector<std::string>& header, std::string_view spec,
                     const Call& call, std::string_view option, DateOrder order) {
  auto column_of = [&] {
    if (call.args.empty() || call.args[0].empty())
      throw_usage(fmt::format("{} {}: expected a column inside the parentheses", option, spec));
    return resolve_column(header, call.args[0], option);
  };
  if (auto period = parse_name(kPeriodNames, call.name)) {
    if (call.args.size() != 1)
      throw_usage(fmt::format("{} {}: expected one date column, e.g. {}(submitted_at)", option,
                              spec, call.name));
    auto column = column_of();
    return Dimension::of_period(column, header[column], *period, order);
  }
  if (names_detail::same_name(call.name, "bins")) {
    auto column = column_of();
    if (call.args.size() < 2)
      throw_usage(fmt::format("{} {}: expected edges after the column, e.g. bins({}, 0, 6, 12)",
                              option, spec, call.args[0]));
    std::vector<double> edges;
    for (std::size_t i = 1; i < call.args.size(); ++i) {
      edges.push_back(edge_number(option, spec, call.args[i]));
      if (edges.size() > 1 && edges.back() <= edges[edges.size() - 2])
        throw_usage(fmt::format("{} {}: edges must increase, but {} comes after {}", option, spec,
                                call.args[i], call.args[i - 1]));
    }
    return Dimension::of_bins(column, header[column], std::move(edges));
  }
  if (names_detail::same_name(call.name, "quantiles")) {
    auto column = column_of();
    std::size_t groups = 0;
    const std::string count = call.args.size() == 2 ? call.args[1] : "";
    auto [end, error] = std::from_chars(count.data(), count.data() + count.size(), groups);
    if (call.args.size() != 2 || error != std::errc() || end != count.data() + count.size() ||
        groups < 2 || groups > kMostQuantiles)
      throw_usage(fmt::format("{} {}: expected a column and a number of groups from 2 to {}, "
                              "e.g. quantiles(spend, 4)",
                              option, spec, kMostQuantiles));
    return Dimension::of_quantiles(column, header[column], groups);
  }
  throw_usage(fmt::format("{} {}: no column of that name, and {}(...) is not a dimension; "
                          "expected a column, bins(COL, EDGES...), quantiles(COL, N) or "
                          "day|week|month|quarter|year(COL)",
                          option, spec, call.name));
}

}  // namespace

std::string number_text(double value) {
  if (std::nearbyint(value) == value && std::fabs(value) < 1e15)
    return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

Dimension Dimension::of_column(std::size_t column, std::string name) {
  Dimension d;
  d.kind_ = Kind::column;
  d.column_ = column;
  d.column_name_ = name;
  d.name_ = std::move(name);
  return d;
}

Dimension Dimension::of_bins(std::size_t column, std::string column_name, std::vector<double> edges) {
  Dimension d;
  d.kind_ = Kind::bins;
  d.column_ = column;
  d.name_ = fmt::format("bins({}", column_name);
  for (double edge : edges) d.name_ += fmt::format(", {}", number_text(edge));
  d.name_ += ')';
  d.column_name_ = std::move(column_name);
  d.edges_ = std::move(edges);
  return d;
}

Dimension Dimension::of_quantiles(std::size_t column, std::string column_name, std::size_t groups) {
  Dimension d;
  d.kind_ = Kind::quantiles;
  d.column_ = column;
  d.name_ = fmt::format("quantiles({}, {})", column_name, groups);
  d.column_name_ = std::move(column_name);
  d.groups_ = groups;
  return d;
}

Dimension Dimension::of_period(std::size_t column, std::string column_name, Period period,
                               DateOrder order) {
  Dimension d;
  d.kind_ = Kind::period;
  d.column_ = column;
  std::string_view period_name;
  for (const auto& name : kPeriodNames)
    if (name.value == period) period_name = name.text;
  d.name_ = fmt::format("{}({})", period_name, column_name);
  d.column_name_ = std::move(column_name);
  d.period_ = period;
  d.order_ = order;
  return d;
}

std::string_view Dimension::expected() const {
  return kind_ == Kind::period ? "a date" : "a number";
}

Dimension::Placement Dimension::key(std::string_view field, std::string& scratch,
                                    std::string_view& key) const {
  // Spreadsheet exports pad values ("pro "): keys are trimmed.
  field = trim(field);
  if (kind_ == Kind::column) {
    key = field;
    return Placement::placed;
  }
  if (field.empty() || is_standard_missing(field)) return Placement::blank;
  long number = 0;
  if (kind_ == Kind::period) {
    auto date = parse_date(field, order_);
    if (!date) return Placement::unreadable;
    number = days_from_civil(period_start(*date, period_));
  } else {
    auto value = parse_number(field);
    if (!value) return Placement::unreadable;
    auto above = std::upper_bound(edges_.begin(), edges_.end(), *value) - edges_.begin();
    // Quantile bins run from the lowest value to the highest, the last one
    // closed; bins from edges also have one below the first edge and one at
    // or above the last.
    number = kind_ == Kind::bins
                 ? above
                 : std::clamp<long>(above - 1, 0, static_cast<long>(edges_.size()) - 2);
  }
  scratch = key_text(number);
  key = scratch;
  return Placement::placed;
}

std::string Dimension::label(std::string_view key) const {
  switch (kind_) {
    case Kind::column: return std::string(key);
    case Kind::period: return period_label(civil_from_days(key_number(key)), period_);
    case Kind::bins: {
      auto i = static_cast<std::size_t>(key_number(key));
      if (i == 0) return fmt::format("<{}", number_text(edges_.front()));
      if (i == edges_.size()) return fmt::format(">={}", number_text(edges_.back()));
      return fmt::format("[{},{})", number_text(edges_[i - 1]), number_text(edges_[i]));
    }
    case Kind::quantiles: {
      auto i = static_cast<std::size_t>(key_number(key));
      if (i + 1 >= edges_.size()) return fmt::format("[{},{}]", number_text(edges_.back()), number_text(edges_.back()));
      bool last = i + 2 == edges_.size();
      return fmt::format("[{},{}{}", number_text(edges_[i]), number_text(edges_[i + 1]),
                         last ? "]" : ")");
    }
  }
  return std::string(key);
}

std::vector<std::string> Dimension::keys_between(std::string_view first, std::string_view last) const {
  std::vector<std::string> keys;
  long from = key_number(first), to = key_number(last);
  if (kind_ == Kind::period) {
    for (CivilDate start = civil_from_days(from); days_from_civil(start) <= to;
         start = next_period_start(start, period_))
      keys.push_back(key_text(days_from_civil(start)));
  } else if (kind_ != Kind::column) {
    for (long i = from; i <= to; ++i) keys.push_back(key_text(i));
  }
  return keys;
}

void Dimension::set_values(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  edges_.clear();
  if (values.empty()) return;
  // Linear interpolation between order statistics (R's type 7, NumPy's
  // default), as pandas.qcut cuts; edges that ties make equal merge.
  const double last = static_cast<double>(values.size() - 1);
  for (std::size_t j = 0; j <= groups_; ++j) {
    double h = last * static_cast<double>(j) / static_cast<double>(groups_);
    auto below = static_cast<std::size_t>(std::floor(h));
    double edge = values[below];
    if (below + 1 < values.size()) edge += (h - static_cast<double>(below)) * (values[below + 1] - values[below]);
    if (edges_.empty() || edge > edges_.back()) edges_.push_back(edge);
  }
  if (edges_.size() == 1) edges_.push_back(edges_.front());
}

std::vector<Dimension> parse_dimensions(const std::vector<std::string>& header,
                                        const std::vector<std::string>& specs,
                                        std::string_view option, DateOrder order) {
  std::vector<Dimension> dimensions;
  auto add = [&](std::string_view spec) {
    if (std::find(header.begin(), header.end(), spec) != header.end() || !as_call(spec)) {
      auto column = resolve_column(header, spec, option);
      dimensions.push_back(Dimension::of_column(column, header[column]));
    } else {
      dimensions.push_back(parse_call(header, spec, *as_call(spec), option, order));
    }
  };
  for (const auto& spec : specs) {
    if (std::find(header.begin(), header.end(), spec) != header.end()) {
      add(spec);
      continue;
    }
    for (const auto& part : split_top_level(spec)) add(part);
  }
  return dimensions;
}

}  // namespace koe
