// The rca-tag job: tag every row's comment and stream the rows out with
// their tags and owners, or summarise the tags (--summary).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "input/record_reader.h"
#include "metrics/metric_options.h"
#include "outcome.h"
#include "output/report.h"
#include "stats/multiple.h"
#include "tagging/tagger.h"

namespace koe::tagging {

struct RcaJob {
  Inputs input;
  std::vector<std::string> taxonomies;
  std::string text = "comment";
  bool summary = false;
  std::optional<output::OutputFormat> output;  // rows: csv, summary: table by default
  std::string nps_score, csat_score;
  std::string scale = "1-5", top_box, bottom_box;
  std::vector<std::string> by;
  std::vector<std::string> na_codes;
  double confidence = 0.95;
  std::uint64_t min_n = 30;
  stats::Adjustment adjustment = stats::Adjustment::holm;
  std::size_t top_terms = 20;
  std::uint64_t term_comments = 200000;
  Engine engine = Engine::automatic;
  NegationSettings negation = NegationSettings::defaults();
  RunStage stage = RunStage::full;  // --partial, --merge: docs/scale-out.md
};

// Runs the job. Rows (the default) go to `rows` as they are tagged; a
// summary is the outcome's report.
Outcome run_rca(const RcaJob& job, const TextSink& rows);

}  // namespace koe::tagging
