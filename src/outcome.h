// What a job hands back to the command line. Jobs never print: a summary
// job returns its report, a row job writes its rows to the sink it was
// given, and both return their warnings and failed checks for the one
// printer in src/cli to turn into text on stderr and an exit status.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/report.h"

namespace koe {

// Where a row job writes its output as it goes.
using TextSink = std::function<void(std::string_view)>;

struct Outcome {
  std::string output;                           // written as is first (a --partial stream)
  std::optional<output::SummaryReport> report;  // summary jobs
  std::vector<std::string> warnings;            // one line each, shown unless --quiet
  std::vector<std::string> failed_checks;       // one-line reasons; exit 1 if any
};

}  // namespace koe
