// --partial and --merge for the metric jobs (nps, csat, ces): the state of a
// metric scan written as a partial stream, and partial streams read back
// into the scan a single run over all their shards would have made, for the
// job to finish as usual (metrics/partial.h has the stream format).
#pragma once

#include <string>
#include <vector>

#include "metrics/metric_options.h"
#include "metrics/metric_scan.h"
#include "metrics/partial.h"
#include "outcome.h"

namespace koe {

// The header of a metric job's partials: `tool`, the score column and the
// metric options that change the statistics (--weight, --by, --na), then
// the tool's own (`extra`).
PartialHeader metric_partial_header(std::string tool, const std::string& score,
                                    const MetricOptions& options,
                                    std::vector<std::pair<std::string, std::string>> extra = {});

// Quantile edges need the whole column, which no shard holds: --partial and
// --merge refuse them (a usage error that suggests fixed bins).
void refuse_quantiles(const std::vector<std::string>& header, const std::vector<std::string>& by);

// Scans `reader` (see scan_metric) and returns its partial stream; an empty
// input gives a stream with no state, which merges with any.
template <class Accumulator, class Parser>
std::string partial_metric(RecordReader& reader, PartialHeader header,
                           const MetricColumnSpecs& specs, const Parser& parser, bool strict,
                           const Accumulator& prototype, const std::string& expected) {
  header.columns = reader.header();
  header.keyed = reader.keyed();
  header.input = reader.name();
  if (specs.inputs != nullptr)
    header.files = specs.inputs->files.empty() ? std::vector<std::string>{"-"} : specs.inputs->files;
  PartialWriter out(header);
  if (!header.columns.empty()) {
    refuse_quantiles(header.columns, specs.by);
    write_scan(out, "main", scan_metric(reader, specs, parser, strict, prototype, expected));
  }
  return out.finish();
}

// Reads the partial streams in `paths` into the scan a single run over
// their shards gives; `files` (if given) collects the partials' input files.
template <class Accumulator>
MetricScan<Accumulator> merge_metric(const std::vector<std::string>& paths,
                                     const PartialHeader& header, const MetricColumnSpecs& specs,
                                     const Accumulator& prototype,
                                     std::vector<std::string>* files = nullptr) {
  MetricScan<Accumulator> scan(prototype);
  read_partials(
      paths, header,
      [&](const std::vector<std::string>& columns) {
        refuse_quantiles(columns, specs.by);
        scan.info = plan_scan(columns, specs).info;
      },
      [&](const PartialRecord& record) {
        if (record.part != "main" || !merge_record(record, prototype, scan))
          throw_input(fmt::format("corrupted partial: a record \"{}\" of part \"{}\" is not one "
                                  "of {}'s",
                                  record.record, record.part, header.tool),
                      {record.source, record.line});
      },
      files);
  scan.groups.fill_gaps(scan.info.dimensions);
  return scan;
}

// The two stages of a metric job (nps, csat, ces, segment) that read its
// FILE...: with --partial, the outcome is the inputs' partial stream;
// otherwise the job finishes the scan stage_scan gives, merged from partial
// streams with --merge, else read from the inputs.
template <class Accumulator, class Parser>
Outcome partial_outcome(const Inputs& inputs, const PartialHeader& header,
                        const MetricColumnSpecs& specs, const Parser& parser, bool strict,
                        const Accumulator& prototype, const std::string& expected) {
  auto reader = open_input(inputs.files, inputs.reader);
  Outcome outcome;
  outcome.output = partial_metric(*reader, header, specs, parser, strict, prototype, expected);
  return outcome;
}

template <class Accumulator, class Parser>
MetricScan<Accumulator> stage_scan(const Inputs& inputs, const MetricOptions& options,
                                   const PartialHeader& header, const MetricColumnSpecs& specs,
                                   const Parser& parser, const Accumulator& prototype,
                                   const std::string& expected) {
  if (options.stage == RunStage::merge) return merge_metric(inputs.files, header, specs, prototype);
  return scan_metric(*open_input(inputs.files, inputs.reader), specs, parser, options.strict,
                     prototype, expected);
}

}  // namespace koe
