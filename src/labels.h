// Answer labels as scale points ("Very satisfied" -> 5), as real exports
// carry them. Labels match after Unicode NFKC normalisation and case
// folding, trimming and collapsing runs of spaces, so "Strongly  Agree ",
// "ＳＴＲＯＮＧＬＹ ａｇｒｅｅ" and "strongly agree" are one label. A map comes
// from --labels (a spec or a CSV file, parsed from text so tests need no
// files) or from the built-in Likert sets.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace koe {

class LabelMap {
 public:
  // 'Very dissatisfied=1,Dissatisfied=2,...' (a label may not contain ',').
  static LabelMap from_spec(std::string_view spec);
  // CSV with columns "label" and "value" (other columns ignored), as an
  // analyst keeps it in a spreadsheet, from text in memory; `name` stands for
  // the file in messages and becomes the source.
  static LabelMap from_csv(std::string_view text, std::string_view name);
  // The same, read from a file.
  static LabelMap from_file(const std::string& path);
  // The built-in Likert sets (English and Japanese) for a scale of this many
  // points, numbered from `low`: 5 points (agreement, satisfaction, effort)
  // and 7 points (agreement, ease). Empty for other sizes.
  static LabelMap builtin(int low, int high);

  // The scale point of a label, if known.
  std::optional<int> find(std::string_view text) const;
  bool empty() const { return points_.empty(); }
  // Where the labels came from, for reports: "built-in", a file name, "--labels".
  const std::string& source() const { return source_; }
  // Labels in scale order (the first one given per point), for display.
  std::vector<std::pair<int, std::string>> labels() const;

  void add(std::string_view label, int point);

 private:
  std::unordered_map<std::string, int> points_;
  std::vector<std::pair<int, std::string>> first_labels_;
  std::string source_;
};

// The key a label is matched by: NFKC, case-folded, trimmed, inner white
// space collapsed to one space.
std::string fold_label(std::string_view text);

}  // namespace koe
