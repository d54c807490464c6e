#include "tagging/taxonomy.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <simdjson.h>

#include <algorithm>

#include "error.h"
#include "input/fccp.h"
#include "values.h"

namespace koe::tagging {

namespace {

[[noreturn]] void bad_rule(std::string_view source, std::uint64_t line, const std::string& message) {
  throw Error(Exit::usage,
              fmt::format("taxonomy {}, {} {}: {}", source,
                          source.ends_with(".json") ? "rule" : "line", line, message));
}

void check_rule(Rule& rule, std::string_view source) {
  if (rule.tag.empty()) bad_rule(source, rule.line, "the tag is empty");
  if (rule.tag.front() == '/' || rule.tag.back() == '/' ||
      rule.tag.find("//") != std::string::npos)
    bad_rule(source, rule.line,
             fmt::format("tag \"{}\" has an empty level; write levels as billing/refund", rule.tag));
  if (rule.pattern.empty()) bad_rule(source, rule.line, "the pattern is empty");
  if (rule.kind == PatternKind::regex) {
    for (const auto* pattern : {&rule.pattern, &rule.exclude}) {
      if (pattern->empty()) continue;
      RE2::Options options;
      options.set_log_errors(false);
      RE2 compiled(*pattern, options);
      if (!compiled.ok())
        bad_rule(source, rule.line,
                 fmt::format("invalid regular expression \"{}\": {}", *pattern, compiled.error()));
      // A match of no characters (x*, \b) would fire on every comment, or
      // as an exclude cancel its rule everywhere.
      re2::StringPiece match;
      std::string_view probe = "a b";
      re2::StringPiece text(probe.data(), probe.size());
      bool empty_match = RE2::FullMatch("", compiled);
      for (std::size_t at = 0; !empty_match && at <= probe.size(); ++at)
        empty_match = compiled.Match(text, at, probe.size(), RE2::ANCHOR_START, &match, 1) &&
                      match.empty();
      if (empty_match)
        bad_rule(source, rule.line,
                 fmt::format("the regular expression \"{}\" can match empty text, so it would {} "
                             "every comment",
                             *pattern, pattern == &rule.pattern ? "tag" : "cancel its rule in"));
    }
  }
}

bool parse_yes_no(std::string_view text, std::string_view source, std::uint64_t line) {
  std::string value(trim(text));
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (value.empty() || value == "yes" || value == "true" || value == "1") return true;
  if (value == "no" || value == "false" || value == "0") return false;
  bad_rule(source, line, fmt::format("negation must be yes or no, found \"{}\"", text));
}

bool looks_like_json(const std::string& path) {
  if (path.ends_with(".json")) return true;
  if (path.ends_with(".csv")) return false;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  int c;
  do {
    c = std::fgetc(file);
  } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0xEF || c == 0xBB || c == 0xBF);
  std::fclose(file);
  return c == '[' || c == '{';
}

Taxonomy parse_csv(std::string_view text, std::string_view name) {
  Taxonomy taxonomy;
  taxonomy.source = name;
  std::string csv = koe::spreadsheet_csv(text);
  try {
    io::CSVReader<6, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>> reader(
        taxonomy.source, csv.data(), csv.data() + csv.size());
    reader.read_header(io::ignore_extra_column | io::ignore_missing_column, "tag", "pattern",
                       "kind", "exclude", "owner", "negation");
    for (auto column : {"tag", "pattern"})
      if (!reader.has_column(column))
        throw Error(Exit::usage,
                    fmt::format("taxonomy {}: no \"{}\" column; a taxonomy has the columns tag, "
                                "pattern and optionally kind, exclude, owner, negation",
                                name, column));
    std::string tag, pattern, kind, exclude, owner, negation;
    while (reader.read_row(tag, pattern, kind, exclude, owner, negation)) {
      std::uint64_t line = reader.get_file_line();
      if (tag.starts_with('#')) continue;
      if (tag.empty() && pattern.empty() && kind.empty() && exclude.empty() && owner.empty())
        continue;
      Rule rule{tag,  pattern, PatternKind::keyword, exclude, owner, line,
                parse_yes_no(negation, name, line), std::string(name)};
      apply_kind(rule, kind, name);
      check_rule(rule, name);
      taxonomy.rules.push_back(std::move(rule));
    }
  } catch (const io::error::base& error) {
    throw Error(Exit::usage, fmt::format("taxonomy {}: {}", name, error.what()));
  }
  return taxonomy;
}

// simdjson reads a few bytes past the end, so the text comes padded.
Taxonomy parse_json(simdjson::padded_string_view text, std::string_view name) {
  Taxonomy taxonomy;
  taxonomy.source = name;
  simdjson::dom::parser parser;
  simdjson::dom::element document;
  if (auto error = parser.parse(text).get(document))
    throw Error(Exit::usage, fmt::format("taxonomy {}: invalid JSON: {}", name,
                                         simdjson::error_message(error)));
  simdjson::dom::array rules;
  if (document.is_object()) {
    if (document["rules"].get(rules))
      throw Error(Exit::usage,
                  fmt::format("taxonomy {}: expected an array of rules or {{\"rules\": [...]}}", name));
  } else if (document.get(rules)) {
    throw Error(Exit::usage, fmt::format("taxonomy {}: expected an array of rules", name));
  }
  std::uint64_t position = 0;
  for (auto element : rules) {
    ++position;
    simdjson::dom::object object;
    if (element.get(object)) bad_rule(name, position, "expected an object with tag and pattern");
    auto text_of = [&](const char* key) -> std::string {
      simdjson::dom::element value;
      if (object[key].get(value) || value.is_null()) return "";
      std::string_view string;
      if (value.get(string)) bad_rule(name, position, fmt::format("\"{}\" must be a string", key));
      return std::string(trim(string));
    };
    bool negation = true;
    if (simdjson::dom::element value; !object["negation"].get(value)) {
      bool flag = true;
      if (!value.get(flag)) {
        negation = flag;
      } else {
        negation = parse_yes_no(text_of("negation"), name, position);
      }
    }
    Rule rule{text_of("tag"),   text_of("pattern"), PatternKind::keyword, text_of("exclude"),
              text_of("owner"), position,           negation,             std::string(name)};
    apply_kind(rule, text_of("kind"), name);
    check_rule(rule, name);
    taxonomy.rules.push_back(std::move(rule));
  }
  return taxonomy;
}

// Every taxonomy, however read, needs a rule, and lists its tags in order.
Taxonomy with_tags(Taxonomy taxonomy) {
  if (taxonomy.rules.empty())
    throw Error(Exit::usage, fmt::format("taxonomy {}: no rules", taxonomy.source));
  for (const auto& rule : taxonomy.rules)
    if (std::find(taxonomy.tags.begin(), taxonomy.tags.end(), rule.tag) == taxonomy.tags.end())
      taxonomy.tags.push_back(rule.tag);
  return taxonomy;
}

}  // namespace

std::string_view kind_name(PatternKind kind) {
  switch (kind) {
    case PatternKind::keyword: return "keyword";
    case PatternKind::phrase: return "phrase";
    case PatternKind::prefix: return "prefix";
    case PatternKind::regex: return "regex";
  }
  return "";
}

void apply_kind(Rule& rule, std::string_view kind, std::string_view source) {
  std::string name(trim(kind));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name.empty() || name == "keyword") {
    rule.kind = PatternKind::keyword;
  } else if (name == "phrase") {
    rule.kind = PatternKind::phrase;
  } else if (name == "prefix") {
    rule.kind = PatternKind::prefix;
  } else if (name == "regex" || name == "regexp") {
    rule.kind = PatternKind::regex;
  } else {
    bad_rule(source, rule.line,
             fmt::format("unknown kind \"{}\"; expected keyword, phrase, prefix or regex", kind));
  }
  // A trailing '*' on a keyword or phrase makes it a prefix rule (with kind
  // "prefix" it may be left out). An exclude keeps its '*': the tagger reads
  // it as a prefix of its own.
  if (rule.kind != PatternKind::regex && rule.pattern.ends_with('*')) {
    rule.pattern.pop_back();
    rule.kind = PatternKind::prefix;
  }
}

std::vector<std::string> parent_tags(std::string_view tag) {
  std::vector<std::string> parents;
  for (std::size_t slash = tag.find('/'); slash != std::string_view::npos;
       slash = tag.find('/', slash + 1))
    parents.emplace_back(tag.substr(0, slash));
  return parents;
}

Taxonomy load_taxonomies(const std::vector<std::string>& paths) {
  Taxonomy merged;
  for (const auto& path : paths) {
    Taxonomy one = load_taxonomy(path);
    merged.source += (merged.source.empty() ? "" : ",") + one.source;
    for (auto& rule : one.rules) merged.rules.push_back(std::move(rule));
    for (auto& tag : one.tags)
      if (std::find(merged.tags.begin(), merged.tags.end(), tag) == merged.tags.end())
        merged.tags.push_back(std::move(tag));
  }
  return merged;
}

Taxonomy parse_taxonomy(std::string_view text, std::string_view name, TaxonomyFormat format) {
  if (format == TaxonomyFormat::csv) return with_tags(parse_csv(text, name));
  return with_tags(parse_json(simdjson::padded_string(text), name));
}

Taxonomy load_taxonomy(const std::string& path) {
  check_option_file(path, "taxonomy");
  if (!looks_like_json(path)) return with_tags(parse_csv(read_spreadsheet_file(path), path));
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path).get(text))
    throw Error(Exit::usage, fmt::format("taxonomy {}: cannot read the file", path));
  return with_tags(parse_json(text, path));
}

}  // namespace koe::tagging
