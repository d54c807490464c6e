#include "metrics/metric_scan.h"

#include <sys/stat.h>

#include <algorithm>

#include "input/csv_chunks.h"

namespace koe {

namespace {

// All numbers of one column, for quantile edges: a pass of its own over the
// inputs, which therefore must be files.
std::vector<double> column_numbers(const Inputs& inputs, std::size_t column,
                                   const std::string& dimension) {
  bool from_stdin = inputs.files.empty() ||
                    std::find(inputs.files.begin(), inputs.files.end(), "-") != inputs.files.end();
  if (from_stdin)
    throw_usage(fmt::format("--by {}: quantile edges need the whole column before the groups, so "
                            "the input is read twice; give it as a file, not standard input",
                            dimension));
  auto reader = open_input(inputs.files, inputs.reader);
  reader->select({column});
  std::vector<double> numbers;
  Batch batch;
  while (reader->next_batch(batch))
    for (std::size_t row = 0; row < batch.size(); ++row)
      if (auto number = parse_number(batch.cell(row, 0))) numbers.push_back(*number);
  return numbers;
}

}  // namespace

std::vector<Dimension> prepare_dimensions(const std::vector<std::string>& header,
                                          const std::vector<std::string>& specs,
                                          const Inputs* inputs,
                                          const std::vector<Dimension>* edges_from) {
  auto dimensions = parse_dimensions(header, specs, "--by");
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    auto& dimension = dimensions[d];
    if (!dimension.needs_values()) continue;
    if (edges_from != nullptr && d < edges_from->size()) {
      dimension.set_edges((*edges_from)[d].edges());
      continue;
    }
    if (inputs == nullptr)
      throw_usage(fmt::format("--by {}: quantiles are not available here", dimension.name()));
    dimension.set_values(column_numbers(*inputs, dimension.column(), dimension.name()));
  }
  return dimensions;
}

ScanPlan plan_scan(const std::vector<std::string>& header, const MetricColumnSpecs& specs) {
  ScanPlan plan;
  plan.selected.push_back(resolve_column(header, specs.score, specs.score_option));
  const bool weighted = !specs.weight.empty();
  if (weighted) plan.selected.push_back(resolve_column(header, specs.weight, "--weight"));
  auto& info = plan.info;
  info.dimensions = prepare_dimensions(header, specs.by, specs.inputs, specs.edges_from);
  for (const auto& dimension : info.dimensions) {
    plan.slots.push_back(plan.selected.size());
    plan.selected.push_back(dimension.column());
    info.by_names.push_back(dimension.name());
  }
  info.score_name = header[plan.selected[0]];
  if (weighted) info.weight_name = header[plan.selected[1]];
  info.unplaced.resize(info.dimensions.size());
  return plan;
}

bool RowPlacer::place_parsed(std::size_t k, std::string_view field, const Batch& batch,
                             std::size_t row) {
  constexpr std::size_t kMostKnown = 1 << 16;
  auto& known = known_[k];
  if (auto found = known.find(field); found != known.end()) {
    key_[k] = found->second;
    return true;
  }
  auto placement = dimensions_[k].key(field, scratch_[k], key_[k]);
  if (placement == Dimension::Placement::placed) {
    if (known.size() < kMostKnown)
      key_[k] = known.emplace(std::string(field), std::string(key_[k])).first->second;
    return true;
  }
  auto& unplaced = unplaced_[k];
  if (placement == Dimension::Placement::blank) {
    ++unplaced.blank;
    return false;
  }
  if (strict_)
    throw_input(fmt::format("expected {} for {}, found {}", dimensions_[k].expected(),
                            dimensions_[k].name(), quote_value(field)),
                {std::string(batch.file), batch.lines[row], dimensions_[k].column_name()});
  if (unplaced.unreadable++ == 0)
    unplaced.first_unreadable = InvalidSample{std::string(batch.file), batch.lines[row],
                                              dimensions_[k].column_name(), std::string(field)};
  return false;
}

void check_key_text(const std::vector<std::string_view>& key, const std::vector<std::string>& names,
                    const Batch& batch, std::size_t row) {
  for (std::size_t k = 0; k < key.size(); ++k)
    if (!output::is_valid_utf8(key[k]))
      throw_input(not_utf8_value_message(key[k]),
                  {std::string(batch.file), batch.lines[row], names[k]});
}

std::vector<std::string> key_labels(const std::vector<Dimension>& dimensions,
                                    const std::vector<std::string>& key) {
  std::vector<std::string> labels;
  labels.reserve(key.size());
  for (std::size_t k = 0; k < key.size(); ++k) labels.push_back(dimensions[k].label(key[k]));
  return labels;
}

namespace {

// Bounds cutting the data of `reader`'s input into about `parts` chunks of
// at least `min_bytes`; none when it cannot be split.
std::vector<std::uint64_t> bounds_in(const RecordReader& reader, std::size_t parts,
                                     std::uint64_t min_bytes) {
  auto start = reader.data_start();
  if (!start) return {};
  struct stat info {};
  if (::stat(start->path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return {};
  auto size = static_cast<std::uint64_t>(info.st_size);
  if (size <= start->offset) return {};
  if (start->json) return ndjson_chunk_bounds(start->path, start->offset, size, parts, min_bytes);
  return csv_chunk_bounds(start->path, start->offset, size, reader.delimiter(), parts, min_bytes);
}

}  // namespace

std::vector<std::uint64_t> chunk_bounds(const RecordReader& reader, const ReaderOptions& options) {
  if (options.threads < 2) return {};
  return bounds_in(reader, options.threads, options.chunk_bytes);
}

std::vector<std::uint64_t> row_chunk_bounds(const RecordReader& reader,
                                            const ReaderOptions& options) {
  if (options.threads < 2) return {};
  auto start = reader.data_start();
  struct stat info {};
  if (!start || ::stat(start->path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return {};
  const auto bytes = static_cast<std::uint64_t>(info.st_size) - std::min<std::uint64_t>(
                                                                     start->offset, info.st_size);
  // Twice the threads' chunks are in flight, each held as its output until
  // it is written: 8 MiB of input in all keeps the peak far under 64 MB for
  // any number of threads, and 2 MiB a chunk (some 25,000 rows) costs
  // little in opening and handing over.
  constexpr std::uint64_t kInFlight = std::uint64_t{8} << 20;
  constexpr std::uint64_t kLargest = std::uint64_t{2} << 20;
  const std::uint64_t piece = std::clamp<std::uint64_t>(
      std::min(kInFlight / (2 * options.threads), options.chunk_bytes), 1, kLargest);
  // Tests cut small files at a few bytes a chunk; a cap on the count keeps
  // the boundary search from reading the file once per chunk many times.
  constexpr std::uint64_t kMostChunks = 4096;
  const std::uint64_t parts = std::min(bytes / piece, kMostChunks);
  if (parts < 2) return {};
  return bounds_in(reader, parts, std::min(piece, options.chunk_bytes));
}

}  // namespace koe
