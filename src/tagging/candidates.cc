#include "tagging/candidates.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include "error.h"

namespace koe::tagging {

namespace {

// RE2::Set over every pattern: literals quoted, regexes case-insensitive.
class Re2Finder final : public CandidateFinder {
 public:
  explicit Re2Finder(const std::vector<PatternSpec>& patterns) {
    auto set = std::make_shared<RE2::Set>(options(), RE2::UNANCHORED);
    for (const auto& pattern : patterns) {
      std::string error;
      std::string expression =
          pattern.regex ? "(?i:" + pattern.text + ")" : RE2::QuoteMeta(pattern.text);
      if (set->Add(expression, &error) < 0)
        throw Error(Exit::usage, fmt::format("pattern \"{}\": {}", pattern.text, error));
    }
    if (!set->Compile())
      throw Error(Exit::usage, "the taxonomy is too large for the RE2 engine's memory limit");
    set_ = std::move(set);
  }

  void find(std::string_view text, std::vector<Hit>& out) override {
    out.clear();
    matches_.clear();
    set_->Match(re2::StringPiece(text.data(), text.size()), &matches_);
    for (int index : matches_) out.push_back({static_cast<std::uint32_t>(index), Hit::kUnknownEnd});
  }

  std::string_view name() const override { return "re2"; }
  std::unique_ptr<CandidateFinder> clone() const override {
    return std::unique_ptr<CandidateFinder>(new Re2Finder(set_));
  }

 private:
  explicit Re2Finder(std::shared_ptr<const RE2::Set> set) : set_(std::move(set)) {}

  static RE2::Options options() {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(std::int64_t{1} << 30);
    return options;
  }

  std::shared_ptr<const RE2::Set> set_;  // RE2's matching is thread-safe
  std::vector<int> matches_;
};

}  // namespace

void CandidateFinder::find_many(std::string_view joined, std::span<const std::size_t> starts,
                                std::vector<TextHit>& out) {
  out.clear();
  std::vector<Hit> hits;
  for (std::size_t text = 0; text + 1 < starts.size(); ++text) {
    const std::string_view one = joined_text(joined, starts, text);
    if (one.empty()) continue;  // nothing to tag
    find(one, hits);
    for (const auto& hit : hits) out.push_back({static_cast<std::uint32_t>(text), hit});
  }
}

bool hyperscan_available() {
#ifdef KOE_HAVE_HYPERSCAN
  return true;
#else
  return false;
#endif
}

std::unique_ptr<CandidateFinder> make_re2_finder(const std::vector<PatternSpec>& patterns) {
  return std::make_unique<Re2Finder>(patterns);
}

std::unique_ptr<CandidateFinder> make_candidate_finder(const std::vector<PatternSpec>& patterns,
                                                       Engine engine) {
  if (engine == Engine::re2) return make_re2_finder(patterns);
#ifdef KOE_HAVE_HYPERSCAN
  return make_hyperscan_finder(patterns);
#else
  if (engine == Engine::hyperscan)
    throw Error(Exit::usage, "--engine hyperscan: this build has no Hyperscan (x86-64 only); "
                             "use --engine re2");
  return make_re2_finder(patterns);
#endif
}

}  // namespace koe::tagging
