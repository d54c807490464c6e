// Fuzzes the taxonomy parser (CSV and JSON) and the tagger built from what
// it accepts: a bad taxonomy must be a koe::Error, never a crash; a good one
// must tag the same way with Hyperscan and with RE2 (the engines'
// equivalence, on the taxonomy's own text and a few fixed comments, one
// by one and many at once).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "error.h"
#include "tagging/tagger.h"

namespace {

std::vector<std::string> tags(koe::tagging::Tagger& tagger, std::string_view text) {
  koe::tagging::TagResult result;
  tagger.tag(text, result);
  return {result.tags.begin(), result.tags.end()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using koe::tagging::TaxonomyFormat;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (auto [format, name] : {std::pair{TaxonomyFormat::csv, "fuzz.csv"},
                              std::pair{TaxonomyFormat::json, "fuzz.json"}}) {
    try {
      auto taxonomy = koe::tagging::parse_taxonomy(bytes, name, format);
      auto negation = koe::tagging::NegationSettings::defaults();
      koe::tagging::Tagger re2(taxonomy, negation, koe::tagging::Engine::re2);
      koe::tagging::Tagger fast(taxonomy, negation, koe::tagging::Engine::automatic);
      std::vector<std::string_view> comments = {
          bytes, std::string_view("The app crashed, not slow; 配送が遅くない。ログインできません"),
          std::string_view("refund refund REFUND ｒｅｆｕｎｄ 返金")};
      for (std::string_view comment : comments)
        if (tags(re2, comment) != tags(fast, comment)) std::abort();
      // Many at once (joined for one scan) as one by one, with the
      // taxonomy's lines as comments too.
      for (std::size_t from = 0, to; from < bytes.size(); from = to + 1) {
        to = std::min(bytes.find('\n', from), bytes.size());
        comments.push_back(bytes.substr(from, to - from));
      }
      for (std::size_t first = 0; first < comments.size();) {
        const std::size_t count = fast.tag_many(std::span(comments).subspan(first));
        if (count == 0) std::abort();
        for (std::size_t i = 0; i < count; ++i) {
          const auto& many = fast.result(i).tags;
          if (std::vector<std::string>(many.begin(), many.end()) != tags(re2, comments[first + i]))
            std::abort();
        }
        first += count;
      }
    } catch (const koe::Error&) {
    }
  }
  return 0;
}
