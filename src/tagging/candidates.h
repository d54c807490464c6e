// The first, fast step of matching: which patterns occur anywhere in a
// normalised comment. All patterns are found in one pass over the text
// (Hyperscan where it is built in, else RE2::Set); the tagger then checks
// each candidate's occurrences for word boundaries, negation and
// exclusions. Both engines find the same candidates; a test holds them to it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "names.h"

namespace koe::tagging {

struct PatternSpec {
  std::string text;  // normalised literal, or a regular expression
  bool regex = false;
};

// A pattern found in a text: where it ends, when the engine can tell (then
// every occurrence is reported), else kUnknownEnd (once per pattern).
struct Hit {
  static constexpr std::uint32_t kUnknownEnd = 0xFFFFFFFF;
  std::uint32_t pattern;
  std::uint32_t end;
};

// A hit in one of many texts looked at together.
struct TextHit {
  std::uint32_t text;
  Hit hit;
};

// Text i of the texts find_many is given joined (see there).
inline std::string_view joined_text(std::string_view joined, std::span<const std::size_t> starts,
                                    std::size_t i) {
  return joined.substr(starts[i], starts[i + 1] - 1 - starts[i]);
}

class CandidateFinder {
 public:
  virtual ~CandidateFinder() = default;
  // The patterns that occur in `text`, in any order.
  virtual void find(std::string_view text, std::vector<Hit>& out) = 0;
  // The same for many normalised texts at once, each followed by a line
  // feed (which normalised text never holds) in `joined`: text i is
  // joined[starts[i], starts[i + 1] - 1). Hits in any order; a regex may also
  // be reported for a text it does not match (the tagger confirms every
  // regex hit), never left out of one it matches. This one looks at each
  // text in turn; Hyperscan scans them all in one call.
  virtual void find_many(std::string_view joined, std::span<const std::size_t> starts,
                         std::vector<TextHit>& out);
  virtual std::string_view name() const = 0;
  // A finder for another thread: the compiled patterns are shared (matching
  // only reads them), the scratch space is its own. Cheap: nothing compiles.
  virtual std::unique_ptr<CandidateFinder> clone() const = 0;
};

enum class Engine { automatic, hyperscan, re2 };

// --engine.
inline constexpr NameTable<Engine, 3> kEngineNames{{
    {"auto", Engine::automatic},
    {"hyperscan", Engine::hyperscan},
    {"re2", Engine::re2},
}};

bool hyperscan_available();

// Throws a usage error if `engine` is hyperscan and it is not built in.
std::unique_ptr<CandidateFinder> make_candidate_finder(const std::vector<PatternSpec>& patterns,
                                                       Engine engine);

std::unique_ptr<CandidateFinder> make_re2_finder(const std::vector<PatternSpec>& patterns);
#ifdef KOE_HAVE_HYPERSCAN
std::unique_ptr<CandidateFinder> make_hyperscan_finder(const std::vector<PatternSpec>& patterns);
#endif

}  // namespace koe::tagging
