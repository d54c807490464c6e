// The csat and ces job: answers on a rating scale, overall and per group,
// as top-box and bottom-box shares, mean, SD and distribution, laid out as a
// report; plus the CI checks on the result. The two tools are one engine;
// what differs between them is data, a ScaleProfile.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "input/record_reader.h"
#include "labels.h"
#include "metrics/metric_options.h"
#include "outcome.h"
#include "stats/scale.h"

namespace koe {

// The words a tool uses for its favourable and unfavourable boxes.
struct BoxWords {
  std::string_view top, bottom;
};

// What makes csat csat and ces ces: defaults, box words and the options
// only one of them offers.
struct ScaleProfile {
  std::string_view tool;   // names the report and messages
  std::string_view score;  // default --score column
  std::string_view scale;  // default --scale
  BoxWords words;
  // On a 1-7 scale the favourable box is 5-7 and the unfavourable 1-3
  // (agreement), not the top and bottom two points.
  bool agreement_boxes = false;
  // --lower-is-better: the older form where 1 is best. The boxes swap, the
  // default scale and the box words change.
  bool offers_lower_is_better = false;
  std::string_view lower_is_better_scale;
  BoxWords lower_is_better_words;
};

inline constexpr ScaleProfile kCsatProfile{"csat", "csat", "1-5", {"top", "bottom"},
                                           false,  false,  "",    {"top", "bottom"}};
inline constexpr ScaleProfile kCesProfile{"ces",  "ces",  "1-7", {"agree", "disagree"},
                                          true,   true,   "1-5", {"easy", "hard"}};

struct ScaleJob {
  explicit ScaleJob(const ScaleProfile& tool_profile = kCsatProfile)
      : profile(&tool_profile), score(tool_profile.score) {}

  const ScaleProfile* profile;
  Inputs input;
  MetricOptions metric;
  std::string score;
  std::string scale;       // LOW-HIGH; empty: the profile's default for the direction
  std::string top_box;     // empty: the default for the scale
  std::string bottom_box;  // likewise
  std::string labels;      // LABEL=N,... or a file; empty: built-in sets
  bool lower_is_better = false;
  std::optional<double> fail_under_mean;
  std::optional<double> fail_over_mean;
};

Outcome run_scale(const ScaleJob& job);

// The scale and boxes a job asks for, checked (usage errors name the flag).
stats::ScaleDefinition resolve_scale(const ScaleJob& job);

// The answer labels a job reads (--labels, or the built-in sets for the
// scale), checked against the scale.
LabelMap scale_labels(const ScaleJob& job, const stats::ScaleDefinition& scale);

// The scale options that change the statistics, as a partial's header
// records them (metrics/partial.h).
std::vector<std::pair<std::string, std::string>> scale_partial_options(
    const ScaleJob& job, const stats::ScaleDefinition& scale, const LabelMap& labels);

}  // namespace koe
