#include "segment_assign.h"

#include <fmt/format.h>

#include "columns.h"
#include "error.h"
#include "output/row_stream.h"
#include "segment_rules.h"

namespace koe {

Outcome run_assign(const AssignJob& job, const TextSink& rows) {
  const SegmentRules rules = load_segment_rules(job.rules);
  ReaderOptions options = job.input.reader;
  options.keep_raw = true;
  auto reader = open_input(job.input.files, options);
  if (reader->header().empty())
    throw_input("the input is empty; expected a header row", {reader->name()});
  output::RowStream stream{"segment", {}, {"segment"}, true};
  for (const auto& column : rules.columns)
    stream.reads.push_back(resolve_column(reader->header(), column, "--assign"));

  std::vector<std::string_view> values(rules.columns.size());
  std::uint64_t unplaced = 0;
  std::string first_unplaced;
  output::RowFiller filler;
  filler.fill = [&](std::size_t, std::span<const std::string_view> cells, std::string_view file,
                    std::uint64_t line, std::vector<std::vector<std::string_view>>& added) {
    values.assign(cells.begin(), cells.end());
    auto segment = assign_segment(rules, values);
    added[0].clear();
    if (!segment.empty()) {
      added[0].push_back(segment);
    } else if (unplaced++ == 0) {
      first_unplaced = fmt::format("{}, line {}", file, line);
    }
  };
  Outcome outcome;
  outcome.warnings = output::stream_rows(*reader, options,
                                         job.output.value_or(output::OutputFormat::csv), stream,
                                         filler, rows);
  if (unplaced > 0)
    outcome.warnings.insert(
        outcome.warnings.begin(),
        fmt::format("{} row{} matched no rule of {} and there is no default rule, so {} segment "
                    "is empty (first: {})",
                    unplaced, unplaced == 1 ? "" : "s", job.rules, unplaced == 1 ? "its" : "their",
                    first_unplaced));
  return outcome;
}

}  // namespace koe
