// What rows are grouped by: one syntax for every summary tool's --by.
//
//   plan                        the values of a column (trimmed)
//   bins(tenure, 0, 6, 12, 24)  a numeric column cut at edges: <0, [0,6),
//                               [6,12), [12,24), >=24
//   quantiles(spend, 4)         the same, cut at the column's quartiles (2 to
//                               100 groups; equal edges from ties merge)
//   month(submitted_at)         the period a date falls in: day, week (ISO
//                               8601), month, quarter or year
//
// A spec that is exactly a header name is that column, whatever it looks
// like; the column inside a function is named like any column (name or
// 1-based position). Several dimensions can share one argument, --by
// 'plan,month(Date)': commas inside parentheses do not split.
//
// A dimension turns a row's field into a group key that sorts in the
// dimension's own order (bins by position, periods in time: keys are
// numbers for them) and shows each key with a label ([6,12), 2026-W02). A
// blank field is a group of its own for a column and no group for bins and
// periods; text that is not a number or a date is no group either, and the
// scan counts it. Bins between the edges and periods between the first and
// last ones seen are filled in empty, so a trend has no silent gaps.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dates.h"

namespace koe {

class Dimension {
 public:
  enum class Kind { column, bins, quantiles, period };
  enum class Placement { placed, blank, unreadable };

  static Dimension of_column(std::size_t column, std::string name);
  static Dimension of_bins(std::size_t column, std::string column_name, std::vector<double> edges);
  static Dimension of_quantiles(std::size_t column, std::string column_name, std::size_t groups);
  static Dimension of_period(std::size_t column, std::string column_name, Period period,
                             DateOrder order = DateOrder::month_first);

  Kind kind() const { return kind_; }
  std::size_t column() const { return column_; }                 // 0-based input column
  const std::string& column_name() const { return column_name_; }  // its header name
  const std::string& name() const { return name_; }  // as headings show it: plan, month(Date)
  // What a field that is not blank must be, for messages: "a date", "a number".
  std::string_view expected() const;

  // The group key of `field`, a view into `field` or `scratch`; `key` is
  // left alone unless the field is placed.
  Placement key(std::string_view field, std::string& scratch, std::string_view& key) const;

  // The label shown for a key.
  std::string label(std::string_view key) const;

  // Whether empty groups are filled in between keys seen (bins, periods), and
  // the keys from `first` to `last` (both included) in order.
  bool fills_gaps() const { return kind_ != Kind::column; }
  std::vector<std::string> keys_between(std::string_view first, std::string_view last) const;

  // Quantiles cut at edges only the whole column can tell: the scan reads the
  // column's numbers first (another pass over the input) and hands them here.
  bool needs_values() const { return kind_ == Kind::quantiles && edges_.empty(); }
  void set_values(std::vector<double> values);
  // ... or takes the edges another reading of the same column found.
  void set_edges(std::vector<double> edges) { edges_ = std::move(edges); }
  // The edges in use (bins, quantiles once set).
  const std::vector<double>& edges() const { return edges_; }
  // Quantile groups asked for; fewer remain when ties make edges equal.
  std::size_t quantile_groups() const { return groups_; }

 private:
  Kind kind_ = Kind::column;
  std::size_t column_ = 0;
  std::string column_name_;
  std::string name_;
  std::vector<double> edges_;
  std::size_t groups_ = 0;
  Period period_ = Period::month;
  DateOrder order_ = DateOrder::month_first;
};

// Parses --by specs against a header (see the top of this file). `option`
// names the flag in messages; unknown columns and malformed functions are
// usage errors.
std::vector<Dimension> parse_dimensions(const std::vector<std::string>& header,
                                        const std::vector<std::string>& specs,
                                        std::string_view option,
                                        DateOrder order = DateOrder::month_first);

// A number as labels and messages write it: integers without a decimal
// point, others in the shortest form that reads back the same.
std::string number_text(double value);

}  // namespace koe
