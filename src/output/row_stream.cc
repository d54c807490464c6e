#include "output/row_stream.h"

#include <fmt/format.h>

#include <numeric>

#include "output/row_chunks.h"
#include "output/row_writer.h"

namespace koe::output {

namespace {

std::string objects(std::uint64_t count, std::string_view singular, std::string_view plural) {
  return fmt::format("{} object{} {}", count, count == 1 ? "" : "s", count == 1 ? singular : plural);
}

}  // namespace

bool rows_on_threads(const RecordReader& reader, OutputFormat format) {
  return !reader.keyed() && (format == OutputFormat::csv || format == OutputFormat::ndjson);
}

std::vector<std::string> stream_rows(RecordReader& reader, const ReaderOptions& options,
                                     OutputFormat format, const RowStream& stream,
                                     const RowFiller& fill, const TextSink& out,
                                     const RowChunks* chunks) {
  const auto& header = reader.header();
  RowPlan plan;
  plan.pass_json = reader.keyed() && (format == OutputFormat::json ||
                                      format == OutputFormat::ndjson);
  // A CSV record passes through only with the same fields as the header, so
  // the new columns line up.
  plan.pass_csv = !reader.keyed() && reader.delimiter() == ',' && !options.allow_ragged &&
                  options.has_header && format == OutputFormat::csv;
  plan.slots.resize(stream.reads.size());
  if (plan.pass_csv) {
    plan.selected = stream.reads;
    std::iota(plan.slots.begin(), plan.slots.end(), std::size_t{0});
  } else {
    plan.selected.resize(header.size());
    std::iota(plan.selected.begin(), plan.selected.end(), std::size_t{0});
    plan.slots = stream.reads;
  }
  reader.select(plan.selected);
  // Objects with keys the first one lacks: as rows they lose them (a
  // warning says so); passed through whole, one of them may be named like
  // an added key, so the writer looks into the batches that hold them.
  if (reader.keyed()) reader.track_other_keys();
  std::uint64_t other_keys_seen = 0;
  std::string first_clash;  // where an object first had a key named like an added one
  auto writer = make_row_writer(format, header, stream.added, stream.single_values);
  Batch batch;
  std::vector<std::vector<std::string_view>> added(stream.added.size());
  std::vector<std::string_view> cells(plan.slots.size());

  const bool threaded =
      chunks != nullptr && chunks->bounds.size() > 2 && rows_on_threads(reader, format);
  std::uint64_t skip = 0;  // records the threads wrote
  if (threaded) {
    out(writer->flush(false));  // the header
    auto written = write_chunks(reader, options, plan, format, stream, *chunks, out);
    if (written.complete) {
      out(writer->flush(true));
      return {};
    }
    skip = written.rows;
  }
  while (reader.next_batch(batch)) {
    if (skip >= batch.size()) {
      skip -= batch.size();
      continue;
    }
    if (skip > 0) {
      // The rest of the records the threads wrote: the batch without them.
      batch.lines.erase(batch.lines.begin(), batch.lines.begin() + skip);
      batch.cells.erase(batch.cells.begin(), batch.cells.begin() + skip * batch.width);
      if (!batch.raw.empty()) batch.raw.erase(batch.raw.begin(), batch.raw.begin() + skip);
      skip = 0;
    }
    const auto other_keys = reader.other_keys().records;
    const bool check = plan.pass_json && other_keys != other_keys_seen;
    other_keys_seen = other_keys;
    writer->check_key_clashes(check);
    if (check) {
      if (fill.prepare) fill.prepare(batch, plan.slots);
      for (std::size_t row = 0; row < batch.size(); ++row) {
        for (std::size_t i = 0; i < plan.slots.size(); ++i) cells[i] = batch.cell(row, plan.slots[i]);
        fill.fill(row, cells, batch.file, batch.lines[row], added);
        writer->row(batch.record(row), batch.raw[row], added);
        if (first_clash.empty() && writer->key_clashes() > 0)
          first_clash = fmt::format("{}, line {}", batch.file, batch.lines[row]);
      }
    } else {
      write_batch(batch, plan, fill, *writer, cells, added);
    }
    out(writer->flush(false));
  }
  out(writer->flush(true));

  std::vector<std::string> warnings;
  if (auto keys = reader.other_keys(); !plan.pass_json && keys.records > 0)
    warnings.push_back(fmt::format(
        "{} keys the first object does not (first: {}, line {}: \"{}\"); the columns are the "
        "first object's keys, so those values are not in the output; -o ndjson keeps every key",
        objects(keys.records, "has", "have"), keys.file, keys.line, keys.first_key));
  if (auto clashes = writer->key_clashes(); clashes > 0) {
    auto key = writer->first_clashing_key();
    warnings.push_back(fmt::format(
        "{} a key named like one {} adds (\"{}\"; first: {}); there the added key takes the first "
        "free name with a suffix ({}_2, {}_3 ...)",
        objects(clashes, "already has", "already have"), stream.tool, key, first_clash, key, key));
  }
  return warnings;
}

}  // namespace koe::output
