#include "tagging/tagger.h"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>

#include "error.h"
#include "tagging/normalize.h"
#include "tagging/scripts.h"
#include "utf8.h"

namespace koe::tagging {

namespace {

// Letters and digits of scripts that put spaces between words.
bool is_spaced_word_char(utf8proc_int32_t point) {
  if (point < 0x80)
    return (point >= 'a' && point <= 'z') || (point >= 'A' && point <= 'Z') ||
           (point >= '0' && point <= '9');
  return (point >= 0xC0 && point <= 0x24F && point != 0xD7 && point != 0xF7) ||
         (point >= 0x370 && point <= 0x52F);
}

// The code point starting at `at`, and its length.
utf8proc_int32_t point_at(std::string_view text, std::size_t at, std::size_t* length = nullptr) {
  if (at < text.size() && static_cast<unsigned char>(text[at]) < 0x80) {
    if (length) *length = 1;
    return static_cast<unsigned char>(text[at]);
  }
  utf8proc_int32_t point = -1;
  auto used = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                               static_cast<utf8proc_ssize_t>(text.size() - at), &point);
  if (length) *length = used > 0 ? static_cast<std::size_t>(used) : 1;
  return used > 0 ? point : -1;
}

// The code point ending just before `at`.
utf8proc_int32_t point_before(std::string_view text, std::size_t at) {
  if (at == 0) return -1;
  if (static_cast<unsigned char>(text[at - 1]) < 0x80) return static_cast<unsigned char>(text[at - 1]);
  std::size_t start = at - 1;
  while (start > 0 && is_utf8_continuation(static_cast<unsigned char>(text[start])) && at - start < 4)
    --start;
  return point_at(text, start);
}

utf8proc_int32_t last_point(std::string_view text) { return point_before(text, text.size()); }

bool is_word_char_or_apostrophe(utf8proc_int32_t point) {
  return is_spaced_word_char(point) || point == '\'' || point == 0x2019;
}

bool says_negation(std::string_view pattern, const NegationSettings& negation) {
  for (const auto& suffix : negation.suffixes)
    if (pattern.find(suffix) != std::string_view::npos) return true;
  std::size_t i = 0;
  while (i < pattern.size()) {
    while (i < pattern.size() && pattern[i] == ' ') ++i;
    std::size_t start = i;
    while (i < pattern.size() && pattern[i] != ' ') ++i;
    std::string word;
    for (char c : pattern.substr(start, i - start))
      if (c != '\'') word += c;
    if (std::find(negation.words.begin(), negation.words.end(), word) != negation.words.end())
      return true;
  }
  return false;
}

}  // namespace

NegationSettings NegationSettings::defaults() {
  NegationSettings settings;
  // Words that reverse what follows ("not slow", "never crashes"). Modal
  // negations (can't, cannot, won't, unable) are left out: "can't log in"
  // is a login problem, not its absence.
  settings.words = {"not",    "no",     "never",  "without", "hardly", "nothing", "none",
                    "nor",    "isnt",   "wasnt",  "arent",   "werent", "dont",    "doesnt",
                    "didnt",  "havent", "hasnt",  "hadnt",   "neither", "barely", "zero"};
  settings.suffixes = {"ない", "なかった", "なく", "ません", "ず", "ぬ", "なし", "ありません"};
  return settings;
}

Tagger::Tagger(const Taxonomy& taxonomy, const NegationSettings& negation, Engine engine)
    : taxonomy_(taxonomy), negation_(negation) {
  // Negation words are compared with normalised text, apostrophes dropped
  // (NOT, didn't and didn’t all work as given).
  for (auto* list : {&negation_.words, &negation_.suffixes}) {
    for (auto& word : *list) {
      std::string folded;
      normalize(word, folded);
      std::erase(folded, '\'');
      if (auto curly = folded.find("\u2019"); curly != std::string::npos) folded.erase(curly, 3);
      word = folded;
    }
    std::erase_if(*list, [](const std::string& word) { return word.empty(); });
  }
  for (const auto& suffix : negation_.suffixes) suffix_first_.push_back(point_at(suffix, 0));
  longest_word_ = std::string_view("although").size();
  for (const auto& word : negation_.words) longest_word_ = std::max(longest_word_, word.size() + 6);
  longest_word_ = std::min<std::size_t>(longest_word_, 60);
  std::erase_if(negation_.words, [](const std::string& word) { return word.size() > 54; });
  std::vector<PatternSpec> specs;
  auto add = [&](const Rule& rule, std::size_t index, const std::string& text, bool exclusion) {
    Pattern pattern{index, exclusion, rule.kind == PatternKind::regex, {}, nullptr};
    if (pattern.regex) {
      RE2::Options options;
      options.set_case_sensitive(false);
      options.set_log_errors(false);
      pattern.compiled = std::make_shared<const RE2>(text, options);
      pattern.negatable = !exclusion && rule.negation && !says_negation(text, negation_);
      specs.push_back({text, true});
    } else {
      // A prefix rule's pattern has lost its '*'; an exclude still has it.
      bool prefix = exclusion ? text.ends_with('*') : rule.kind == PatternKind::prefix;
      normalize(exclusion && prefix ? std::string_view(text).substr(0, text.size() - 1)
                                    : std::string_view(text),
                pattern.literal);
      if (pattern.literal.empty())
        throw Error(Exit::usage,
                    fmt::format("taxonomy {}, {} {}: the pattern \"{}\" is empty once normalised",
                                rule.file, rule.file.ends_with(".json") ? "rule" : "line",
                                rule.line, text));
      pattern.left_boundary = is_spaced_word_char(point_at(pattern.literal, 0));
      pattern.right_boundary = !prefix && is_spaced_word_char(last_point(pattern.literal));
      pattern.negatable = !exclusion && rule.negation && !says_negation(pattern.literal, negation_);
      specs.push_back({pattern.literal, false});
    }
    patterns_.push_back(std::move(pattern));
  };
  for (std::size_t index = 0; index < taxonomy_.rules.size(); ++index) {
    const auto& rule = taxonomy_.rules[index];
    add(rule, index, rule.pattern, false);
    if (!rule.exclude.empty()) add(rule, index, rule.exclude, true);
  }
  finder_.engine = make_candidate_finder(specs, engine);
  fired_.assign(taxonomy_.rules.size(), 0);
  excluded_.assign(taxonomy_.rules.size(), 0);
  std::vector<std::string_view> tags, owners;
  for (const auto& rule : taxonomy_.rules) {
    auto number = [](std::vector<std::string_view>& names, std::string_view name) {
      auto found = std::find(names.begin(), names.end(), name);
      if (found == names.end()) found = names.insert(found, name);
      return static_cast<std::uint32_t>(found - names.begin());
    };
    rule_tag_.push_back(number(tags, rule.tag));
    rule_owner_.push_back(rule.owner.empty() ? kNoOwner : number(owners, rule.owner));
  }
  tag_seen_.assign(tags.size(), 0);
  owner_seen_.assign(owners.size(), 0);
}

Tagger::~Tagger() = default;

bool Tagger::negated_before(std::string_view text, std::size_t begin) const {
  std::size_t at = begin;
  for (std::size_t words = 0; words < negation_.window; ++words) {
    // Skip to the end of the previous word; punctuation ends the clause.
    while (at > 0) {
      auto point = point_before(text, at);
      if (is_word_char_or_apostrophe(point)) break;
      if (point == '.' || point == ',' || point == ';' || point == ':' || point == '!' ||
          point == '?' || point == 0x3001 || point == 0x3002)
        return false;
      --at;
    }
    if (at == 0) return false;
    std::size_t end = at;
    while (at > 0 && is_word_char_or_apostrophe(point_before(text, at))) {
      --at;
      while (at > 0 && is_utf8_continuation(static_cast<unsigned char>(text[at]))) --at;
    }
    // A word longer than every negation and clause word cannot be one.
    std::string_view raw = text.substr(at, end - at);
    if (raw.size() > longest_word_) continue;
    // Apostrophes are dropped, so "didn't" and "didn’t" read as "didnt".
    char letters[64];
    std::size_t length = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\'') continue;
      if (raw.substr(i).starts_with("\u2019")) {
        i += 2;
        continue;
      }
      letters[length++] = raw[i];
    }
    std::string_view word(letters, length);
    if (word == "but" || word == "however" || word == "although") return false;
    if (std::find(negation_.words.begin(), negation_.words.end(), word) != negation_.words.end())
      return true;
  }
  return false;
}

bool Tagger::negated_after(std::string_view text, std::size_t end) const {
  // The negative ending follows at once (問題ない) or after a few kana of
  // inflection and particles (遅[く]ない, 遅[くは]ない, 落ちる[ことも]ない).
  // Ability negated (ログイン[でき]ません: cannot log in) is a problem with
  // the thing, not its absence, so it does not count; nor does a guess
  // (落ちる[かもしれ]ない: might crash).
  constexpr int kMostKana = 4;
  std::string_view rest = text.substr(end);
  for (int skipped = 0; skipped <= kMostKana; ++skipped) {
    std::size_t length = 1;
    auto point = point_at(rest, 0, &length);
    // Suffixes are compared only where their first character is.
    for (std::size_t i = 0; i < negation_.suffixes.size(); ++i)
      if (suffix_first_[i] == point && rest.starts_with(negation_.suffixes[i])) return true;
    // Ability (できない) and possibility (かもしれない) are not negation.
    if ((point == U'で' && rest.starts_with("でき")) || (point == U'出' && rest.starts_with("出来")) ||
        (point == U'か' && rest.starts_with("かもしれ")) || (point == U'し' && rest.starts_with("しれ")))
      return false;
    if (point < 0x3041 || point > 0x3096) return false;  // only hiragana in between
    rest.remove_prefix(length);
  }
  return false;
}

bool Tagger::passes(const Pattern& pattern, std::string_view text, std::size_t begin,
                    std::size_t end) const {
  if (!pattern.regex) {
    if (pattern.left_boundary && is_spaced_word_char(point_before(text, begin))) return false;
    if (pattern.right_boundary && end < text.size() && is_spaced_word_char(point_at(text, end)))
      return false;
  }
  if (!pattern.negatable || !negation_.enabled || begin == end) return true;
  if (is_spaced_word_char(point_at(text, begin)) && negated_before(text, begin)) return false;
  if (is_unspaced_letter(point_before(text, end)) && negated_after(text, end)) return false;
  return true;
}

bool Tagger::occurs(const Pattern& pattern, std::string_view text, const Hit* hits,
                    std::size_t count) const {
  if (!pattern.regex && count > 0 && hits[0].end != Hit::kUnknownEnd) {
    for (std::size_t i = 0; i < count; ++i) {
      std::size_t end = hits[i].end;
      if (passes(pattern, text, end - pattern.literal.size(), end)) return true;
    }
    return false;
  }
  if (!pattern.regex) {
    for (std::size_t at = text.find(pattern.literal); at != std::string_view::npos;
         at = text.find(pattern.literal, at + 1))
      if (passes(pattern, text, at, at + pattern.literal.size())) return true;
    return false;
  }
  re2::StringPiece whole(text.data(), text.size()), match;
  for (std::size_t at = 0; at <= text.size();) {
    if (!pattern.compiled->Match(whole, at, text.size(), RE2::UNANCHORED, &match, 1)) return false;
    std::size_t begin = static_cast<std::size_t>(match.data() - text.data());
    std::size_t end = begin + match.size();
    if (passes(pattern, text, begin, end)) return true;
    at = end > begin ? end : begin + 1;
  }
  return false;
}

void Tagger::tag(std::string_view comment, TagResult& out) {
  out.rules.clear();
  out.tags.clear();
  out.owners.clear();
  out.invalid_utf8 = !normalize(comment, normalized_);
  out.empty = normalized_.empty();
  if (out.empty) return;
  finder_->find(normalized_, candidates_);
  confirm(normalized_, candidates_.data(), candidates_.size(), out);
}

std::size_t Tagger::tag_many(std::span<const std::string_view> comments) {
  const std::size_t count = std::min(comments.size(), kManyAtOnce);
  if (results_.size() < count) results_.resize(count);
  joined_.clear();
  starts_.clear();
  for (std::size_t i = 0; i < count; ++i) {
    starts_.push_back(joined_.size());
    results_[i].invalid_utf8 = !normalize_append(comments[i], joined_);
    joined_ += '\n';
  }
  starts_.push_back(joined_.size());
  finder_->find_many(joined_, starts_, text_hits_);
  // The hits grouped by comment, in one counting pass.
  group_starts_.assign(count + 1, 0);
  for (const auto& hit : text_hits_) ++group_starts_[hit.text + 1];
  for (std::size_t i = 0; i < count; ++i) group_starts_[i + 1] += group_starts_[i];
  group_fill_.assign(group_starts_.begin(), group_starts_.end() - 1);
  grouped_.resize(text_hits_.size());
  for (const auto& hit : text_hits_) grouped_[group_fill_[hit.text]++] = hit.hit;
  for (std::size_t i = 0; i < count; ++i) {
    auto& out = results_[i];
    out.rules.clear();
    out.tags.clear();
    out.owners.clear();
    const auto text = normalized(i);
    out.empty = text.empty();
    if (out.empty) continue;
    confirm(text, grouped_.data() + group_starts_[i], group_starts_[i + 1] - group_starts_[i], out);
  }
  return count;
}

void Tagger::confirm(std::string_view text, Hit* hits, std::size_t count, TagResult& out) {
  if (count == 0) return;
  // Only the rules of the candidates are looked at (and cleared after), so
  // a comment costs what it matches, not the size of the taxonomy.
  touched_.clear();
  ++stamp_;
  // Hits of one pattern side by side: its occurrences are checked together.
  std::sort(hits, hits + count, [](const Hit& a, const Hit& b) { return a.pattern < b.pattern; });
  for (std::size_t first = 0; first < count;) {
    std::size_t last = first;
    while (last < count && hits[last].pattern == hits[first].pattern) ++last;
    const auto& pattern = patterns_[hits[first].pattern];
    char& flag = pattern.exclusion ? excluded_[pattern.rule] : fired_[pattern.rule];
    if (!fired_[pattern.rule] && !excluded_[pattern.rule]) touched_.push_back(pattern.rule);
    if (!flag && occurs(pattern, text, &hits[first], last - first)) flag = 1;
    first = last;
  }
  std::sort(touched_.begin(), touched_.end());
  touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
  for (auto rule : touched_) {
    bool fires = fired_[rule] && !excluded_[rule];
    fired_[rule] = excluded_[rule] = 0;
    if (!fires) continue;
    out.rules.push_back(rule);
    // Distinct tags and owners by number, marked with this comment's stamp.
    auto tag = rule_tag_[rule];
    if (tag_seen_[tag] != stamp_) {
      tag_seen_[tag] = stamp_;
      out.tags.push_back(taxonomy_.rules[rule].tag);
    }
    auto owner = rule_owner_[rule];
    if (owner != kNoOwner && owner_seen_[owner] != stamp_) {
      owner_seen_[owner] = stamp_;
      out.owners.push_back(taxonomy_.rules[rule].owner);
    }
  }
}

}  // namespace koe::tagging
