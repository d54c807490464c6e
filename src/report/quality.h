// The data-quality section: how every row of each run was counted, and
// every definition the tools used, as they state them in their JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/model.h"

namespace koe::report {

// One column of one run: its rows as valid, missing or invalid.
struct QualityRow {
  std::string source;  // "nps", "segment: NPS by month(date)", "rca-tag comments" ...
  std::string column;
  std::uint64_t rows = 0, valid = 0, missing = 0, invalid = 0;
};

std::vector<QualityRow> quality_rows(const Report& report);

// One line per run: cut-points or boxes, interval, test, adjustment, the
// taxonomy; then the encodings, presets and formats the runs read their
// input with (each run's "input" fact; "not recorded" for JSON without
// it), and the files read.
std::vector<std::string> definitions(const Report& report);

}  // namespace koe::report
