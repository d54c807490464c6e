// A root-cause taxonomy: the rules an analyst keeps in a spreadsheet, one per
// row. Read from CSV (columns tag, pattern, and optionally kind, exclude,
// owner, negation) or from JSON (an array of objects with the same keys, or
// {"rules": [...]}). Bad rules are usage errors naming the file and line.
// Parsing takes text in memory, so tests and fuzzers need no files; reading
// a file is a thin step on top.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace koe::tagging {

enum class PatternKind {
  keyword,  // a word or words, matched whole in spaced scripts
  phrase,   // several words in order (a keyword with spaces is one too)
  prefix,   // crash* : crash, crashes, crashed ...
  regex,    // RE2 syntax, matched case-insensitively on normalised text
};

std::string_view kind_name(PatternKind kind);

struct Rule {
  std::string tag;      // hierarchical with '/': billing/refund
  std::string pattern;  // as written (prefix rules without the '*')
  PatternKind kind = PatternKind::keyword;
  std::string exclude;  // same kind as the pattern; empty: none
  std::string owner;
  std::uint64_t line = 0;  // where the rule is in its file (JSON: its position)
  bool negation = true;    // a negation next to the pattern cancels it
  std::string file;        // the taxonomy file it came from
};

struct Taxonomy {
  std::string source;
  std::vector<Rule> rules;
  std::vector<std::string> tags;  // distinct tags in file order
};

enum class TaxonomyFormat { csv, json };

// Parses a taxonomy from text in memory; `name` stands for the file in
// messages and in each rule's `file`. CSV rows whose tag starts with '#' are
// comments; blank rows are skipped. JSON rules are numbered in messages as
// "rule N" when the name ends in .json, "line N" otherwise, as for files.
Taxonomy parse_taxonomy(std::string_view text, std::string_view name, TaxonomyFormat format);
// Reads a taxonomy file and parses it; the extension or the first byte picks
// CSV or JSON.
Taxonomy load_taxonomy(const std::string& path);
// Several files as one taxonomy (say, English and Japanese rules).
Taxonomy load_taxonomies(const std::vector<std::string>& paths);

// Parses a pattern kind name; "" is keyword. A keyword ending in '*' is a
// prefix rule.
void apply_kind(Rule& rule, std::string_view kind, std::string_view source);

// The parents of a tag, nearest last: "a/b/c" -> {"a", "a/b"}.
std::vector<std::string> parent_tags(std::string_view tag);

}  // namespace koe::tagging
