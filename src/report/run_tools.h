// koe-report --from: the tools' jobs run on an export in this process, each
// result rendered to the JSON the tool writes with -o json and read back
// like a file, so a report made this way shows exactly what files from the
// tools would have given it.
#pragma once

#include <string>
#include <vector>

#include "input/record_reader.h"
#include "report/model.h"

namespace koe::report {

struct FromExport {
  Inputs input;                    // the export: files only (each job reads it again)
  std::string score = "score";     // nps always
  std::string csat_score, ces_score;  // empty: no csat / ces
  std::string date;                // empty: no trends
  std::string period = "month";    // day, week, month, quarter, year
  std::string segments;            // dimensions, e.g. region,plan; empty: none
  std::vector<std::string> taxonomies;  // empty: no root causes
  std::string text = "comment";
};

// Runs nps (and csat, ces, the trends of NPS and CSAT, the segments, and
// rca-tag --summary, as asked) and adds their JSON to `report`. Returns the
// jobs' warnings, each prefixed with its tool's name.
std::vector<std::string> add_from_export(Report& report, const FromExport& job);

}  // namespace koe::report
