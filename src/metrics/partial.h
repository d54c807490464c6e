// The partial-state stream of --partial and --merge (docs/scale-out.md):
// a summary tool run on one shard of the input writes its accumulators'
// state as NDJSON records instead of a result, and a run with --merge reads
// any number of such streams, in any order, and finishes them into the
// result a single run over all the shards gives, to the byte.
//
// A stream is a header record (format, version, tool, the options that
// change the statistics with their fingerprint, the input's columns), the
// tool's records (the scan's counts and samples, then one record per
// accumulator), and a trailer with the record count and a checksum. Every
// record starts with the stream's random id and its zero-padded sequence
// number, so a byte-sorted stream (what Hadoop Streaming hands a reducer)
// keeps each partial's records together and in order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/metric_scan.h"
#include "stats/state.h"

namespace koe {

inline constexpr std::string_view kPartialFormat = "koe-partial";
inline constexpr std::uint64_t kPartialVersion = 1;

// What makes partials mergeable with each other and with a merge's command
// line: the tool, the options that change the statistics (named as the
// command line spells them, values as text) and the input's columns (empty
// for an empty input, which merges with any).
struct PartialHeader {
  std::string tool;
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> columns;
  // JSON input: records name their keys, so shards may list them in other
  // orders, as several JSON inputs of one run may.
  bool keyed = false;
  std::string input;  // the input's name, for the message when every shard is empty
  std::vector<std::string> files;  // the input files as given ("-": standard input)

  // FNV-1a (64 bits) of the options, as 16 hex digits.
  std::string fingerprint() const;
};

// Builds one partial stream as text.
class PartialWriter {
 public:
  explicit PartialWriter(const PartialHeader& header);

  // The scan's counts and first samples; `part` names the scan when a tool
  // has several (segment's "previous", "baseline"), else "main".
  void info(std::string_view part, const ScanInfo& info);
  // One accumulator's state: `record` is "overall", "unplaced", "group" or
  // a tool's own kind; `key` the group's key (empty for none).
  void state(std::string_view record, std::string_view part, const std::vector<std::string>& key,
             const stats::StateWriter& state);
  // The trailer; returns the whole stream.
  std::string finish();

 private:
  void begin(std::string_view record);
  void end();

  std::string id_;
  std::uint64_t records_ = 0;
  std::string out_;
  std::string line_;
};

// A record of a partial stream as the reader hands it on.
struct PartialRecord {
  std::string record;
  std::string part;
  std::vector<std::string> key;
  std::vector<std::string> state;  // the state's fields as text (stats::StateReader)
  ScanInfo info;                   // the counts of an "info" record
  std::string source;              // the stream's name and line, for messages
  std::uint64_t line = 0;
};

// Reads the streams in `paths` ("-": standard input; each may hold several
// streams one after another, or byte-sorted) and hands every record to
// `visit`, after `columns` has been called once with the input's columns
// (the first stream's that are not empty). Refuses, as an error naming the
// stream and line, anything that is not a complete stream of `expected`'s
// format version, tool and options, or whose columns differ; a partial read
// twice is refused too. When every stream is of an empty input, throws the
// error a single run over empty input gives. `files`, if given, collects
// the input files of every partial read.
void read_partials(const std::vector<std::string>& paths, const PartialHeader& expected,
                   const std::function<void(const std::vector<std::string>&)>& columns,
                   const std::function<void(const PartialRecord&)>& visit,
                   std::vector<std::string>* files = nullptr);

// Adds a shard's counts to `into`, and how it was read (ScanInfo::readings:
// every distinct way, so shards read differently combine). The first samples are the ones whose
// (file, line) sorts first, so any order of merging names the same one: the
// sample a single run over the shards named in that order shows.
void merge_shard_info(ScanInfo& into, const ScanInfo& from);

// The --partial stream of a metric scan.
template <class Accumulator>
void write_scan(PartialWriter& out, std::string_view part, const MetricScan<Accumulator>& scan) {
  out.info(part, scan.info);
  auto save = [&](std::string_view record, const std::vector<std::string>& key,
                  const Accumulator& accumulator) {
    stats::StateWriter state;
    accumulator.save(state);
    out.state(record, part, key, state);
  };
  save("overall", {}, scan.overall);
  save("unplaced", {}, scan.unplaced);
  for (const auto* group : scan.groups.sorted()) save("group", group->key, group->accumulator);
}

// Adds a record of a metric scan to `scan` (whose info already names its
// dimensions); false when the record is not one of a metric scan's.
template <class Accumulator>
bool merge_record(const PartialRecord& record, const Accumulator& prototype,
                  MetricScan<Accumulator>& scan) {
  if (record.record == "info") {
    merge_shard_info(scan.info, record.info);
    return true;
  }
  Accumulator* target = nullptr;
  if (record.record == "overall") {
    target = &scan.overall;
  } else if (record.record == "unplaced") {
    target = &scan.unplaced;
  } else if (record.record == "group") {
    if (record.key.size() != scan.info.dimensions.size())
      throw_input("a group's key does not match the dimensions", {record.source, record.line});
    bool created = false;
    std::vector<std::string_view> fields(record.key.begin(), record.key.end());
    target = &scan.groups.find(fields, created);
  } else {
    return false;
  }
  Accumulator loaded = prototype;
  try {
    stats::StateReader reader(record.state);
    loaded.load(reader);
  } catch (const stats::StateError& e) {
    throw_input(fmt::format("corrupted partial: {}", e.what()), {record.source, record.line});
  }
  target->merge(loaded);
  return true;
}

}  // namespace koe
