// What every metric job (nps, csat, ces) is asked besides its own score:
// the groups, the weight, codes that mean "no answer", the interval level
// and the checks for CI. Plain data: the command line fills it (src/cli),
// the metrics read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace koe {

// What a summary job does with its input: finish it into a result, write
// its state for a later merge (--partial), or read such states and finish
// them (--merge; the inputs are then partial streams). docs/scale-out.md.
enum class RunStage { full, partial, merge };

struct MetricOptions {
  std::vector<std::string> by;
  std::string weight;  // empty: unweighted
  std::vector<std::string> na_codes;
  bool strict = false;
  double confidence = 0.95;
  std::optional<std::uint64_t> min_n;  // given: also a check
  std::optional<double> fail_under;
  RunStage stage = RunStage::full;

  // Groups below this many valid answers are flagged "low base".
  std::uint64_t low_base() const { return min_n.value_or(30); }
};

}  // namespace koe
