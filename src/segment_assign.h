// segment --assign: every row streams out with an added "segment" column
// from a rules file (src/segment_rules.h), in input order, one output row
// per input row, so that the result pipes into `nps --by segment`.
#pragma once

#include <optional>
#include <string>

#include "input/record_reader.h"
#include "outcome.h"
#include "output/report.h"

namespace koe {

struct AssignJob {
  Inputs input;
  std::string rules;  // the rules file
  std::optional<output::OutputFormat> output;  // default: CSV
};

// Writes the rows to `rows`; the outcome's warnings count the rows no rule
// placed.
Outcome run_assign(const AssignJob& job, const TextSink& rows);

}  // namespace koe
