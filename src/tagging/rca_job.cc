#include "tagging/rca_job.h"

#include <fmt/format.h>

#include <cstdio>
#include <numeric>

#include "columns.h"
#include "error.h"
#include "input/encoding_guess.h"
#include "metrics/report_parts.h"
#include "metrics/scale_report.h"
#include "output/row_writer.h"
#include "output/text_width.h"
#include "tagging/tag_summary.h"
#include "values.h"

namespace koe::tagging {

namespace {

// Counts comments that were not UTF-8, for one warning at the end.
struct Utf8Problems {
  std::uint64_t count = 0;
  std::string first;
  std::string advice;  // which encoding reads the first one
  void note(std::string_view file, std::uint64_t line, std::string_view comment) {
    if (count++ > 0) return;
    first = fmt::format("{}, line {}", file, line);
    advice = encoding_advice(comment, true);
  }
  void warn(std::vector<std::string>& warnings) const {
    if (count == 0) return;
    warnings.push_back(fmt::format("{} {} not valid UTF-8 (first: {}); bad bytes were read as "
                                   "U+FFFD{}",
                                   count_of(count, "comment"), count == 1 ? "is" : "are", first,
                                   advice));
  }
};

// JSON objects with keys the first object lacks: written as rows whose
// columns are the first object's keys, those values cannot be placed.
void warn_other_keys(const OtherKeys& keys, std::vector<std::string>& warnings) {
  if (keys.records == 0) return;
  warnings.push_back(fmt::format(
      "{} {} keys the first object does not (first: {}, line {}: \"{}\"); the columns are the "
      "first object's keys, so those values are not in the output; -o ndjson keeps every key",
      count_of(keys.records, "object"), keys.records == 1 ? "has" : "have", keys.file, keys.line,
      keys.first_key));
}

Outcome run_rows(const RcaJob& job, RecordReader& reader, Tagger& tagger,
                 const ReaderOptions& options, const TextSink& out) {
  const auto& header = reader.header();
  const std::size_t text = resolve_column(header, job.text, "--text");
  auto format = job.output.value_or(output::OutputFormat::csv);
  // Records pass through untouched when the output is their own format: a
  // JSON object into JSON, a comma-separated record into CSV (with the same
  // fields as the header, so the new columns line up). Then only the text
  // column is read.
  const bool pass_json = reader.keyed() && (format == output::OutputFormat::json ||
                                            format == output::OutputFormat::ndjson);
  const bool pass_csv = !reader.keyed() && reader.delimiter() == ',' && !options.allow_ragged &&
                        options.has_header && format == output::OutputFormat::csv;
  {
    std::vector<std::size_t> selected(pass_csv ? 1 : header.size());
    if (pass_csv)
      selected[0] = text;
    else
      std::iota(selected.begin(), selected.end(), std::size_t{0});
    reader.select(selected);
  }
  const std::size_t text_slot = pass_csv ? 0 : text;
  // Objects with keys the first one lacks: as rows they lose them (a
  // warning says so); passed through whole, one of them may be named like
  // an added key, so the writer looks into the batches that hold them.
  if (reader.keyed()) reader.track_other_keys();
  std::uint64_t other_keys_seen = 0;
  std::string first_clash;  // where an object first had a key named like an added one
  auto writer = output::make_row_writer(format, header, {"tags", "owners"});
  Batch batch;
  TagResult result;
  Utf8Problems problems;
  std::vector<std::vector<std::string_view>> lists(2);
  while (reader.next_batch(batch)) {
    const auto other_keys = reader.other_keys().records;
    const bool check = pass_json && other_keys != other_keys_seen;
    other_keys_seen = other_keys;
    writer->check_key_clashes(check);
    for (std::size_t row = 0; row < batch.size(); ++row) {
      tagger.tag(batch.cell(row, text_slot), result);
      if (result.invalid_utf8) problems.note(batch.file, batch.lines[row], batch.cell(row, text_slot));
      lists[0] = result.tags;
      lists[1] = result.owners;
      writer->row(batch.record(row), pass_json || pass_csv ? batch.raw[row] : std::string_view{}, lists);
      if (check && first_clash.empty() && writer->key_clashes() > 0)
        first_clash = fmt::format("{}, line {}", batch.file, batch.lines[row]);
    }
    out(writer->flush(false));
  }
  out(writer->flush(true));
  Outcome outcome;
  problems.warn(outcome.warnings);
  if (!pass_json) warn_other_keys(reader.other_keys(), outcome.warnings);
  if (auto clashes = writer->key_clashes(); clashes > 0) {
    auto key = writer->first_clashing_key();
    outcome.warnings.push_back(fmt::format(
        "{} {} a key named like one rca-tag adds (\"{}\"; first: {}); there the added key takes "
        "the first free name with a suffix ({}_2, {}_3 ...)",
        count_of(clashes, "object"), clashes == 1 ? "already has" : "already have", key,
        first_clash, key, key));
  }
  return outcome;
}

Outcome run_summary(const RcaJob& job, RecordReader& reader, Tagger& tagger) {
  const auto& header = reader.header();
  TagSummaryOptions options;
  options.confidence = job.confidence;
  options.low_base = job.min_n;
  options.adjustment = job.adjustment;
  options.top_terms = job.top_terms;
  options.term_comments = job.term_comments;
  std::string score_spec;
  std::unique_ptr<ScaleParser> parser;
  if (!job.nps_score.empty() && !job.csat_score.empty())
    throw_usage("give --nps-score or --csat-score, not both");
  if (!job.nps_score.empty()) {
    options.score = ScoreKind::nps;
    score_spec = job.nps_score;
    parser = std::make_unique<ScaleParser>(0, 10, job.na_codes);
  } else if (!job.csat_score.empty()) {
    options.score = ScoreKind::csat;
    score_spec = job.csat_score;
    ScaleJob scale_job;
    scale_job.scale = job.scale;
    scale_job.top_box = job.top_box;
    scale_job.bottom_box = job.bottom_box;
    options.scale = resolve_scale(scale_job);
    parser = std::make_unique<ScaleParser>(options.scale.low, options.scale.high, job.na_codes);
  }

  // The columns read: the text, the score and the --by columns, each once.
  std::vector<std::size_t> selected;
  auto slot_of = [&](std::size_t column) {
    auto found = std::find(selected.begin(), selected.end(), column);
    if (found != selected.end()) return static_cast<std::size_t>(found - selected.begin());
    selected.push_back(column);
    return selected.size() - 1;
  };
  const std::size_t text = slot_of(resolve_column(header, job.text, "--text"));
  std::size_t score = 0;
  if (parser)
    score = slot_of(resolve_column(
        header, score_spec, options.score == ScoreKind::nps ? "--nps-score" : "--csat-score"));
  TagSummary::Names names{{}, header[selected[text]], parser ? header[selected[score]] : "",
                          std::string(tagger.engine())};
  std::vector<std::size_t> by;
  for (auto column : resolve_columns(header, job.by, "--by")) {
    by.push_back(slot_of(column));
    names.by.push_back(header[column]);
  }
  reader.select(selected);

  TagSummary summary(tagger.taxonomy(), options);
  Batch batch;
  TagResult result;
  Utf8Problems problems;
  std::uint64_t invalid_scores = 0;
  std::string first_invalid;
  std::vector<std::string_view> key(by.size());
  while (reader.next_batch(batch)) {
    for (std::size_t row = 0; row < batch.size(); ++row) {
      tagger.tag(batch.cell(row, text), result);
      if (result.invalid_utf8) problems.note(batch.file, batch.lines[row], batch.cell(row, text));
      Answer answer{AnswerKind::missing, 0};
      if (parser) {
        answer = parser->parse(batch.cell(row, score));
        if (answer.kind == AnswerKind::invalid && !result.empty && invalid_scores++ == 0)
          first_invalid = fmt::format("{}, line {}: {}", batch.file, batch.lines[row],
                                      quote_value(batch.cell(row, score)));
      }
      for (std::size_t k = 0; k < by.size(); ++k) {
        key[k] = trim(batch.cell(row, by[k]));
        if (!output::is_valid_utf8(key[k]))
          throw_input(not_utf8_value_message(key[k]),
                      {std::string(batch.file), batch.lines[row], names.by[k]});
      }
      summary.add(key, result, tagger.normalized(), answer);
    }
  }
  Outcome outcome;
  outcome.report = summary.report(names);
  problems.warn(outcome.warnings);
  if (invalid_scores)
    outcome.warnings.push_back(fmt::format(
        "{} in column \"{}\" of commented rows not {}, counted as invalid and left out of the "
        "scores (first: {})",
        count_of(invalid_scores, "score"), names.score,
        options.score == ScoreKind::nps
            ? std::string("0-10")
            : fmt::format("{}-{}", options.scale.low, options.scale.high),
        first_invalid));
  return outcome;
}

}  // namespace

Outcome run_rca(const RcaJob& job, const TextSink& rows) {
  Taxonomy taxonomy = load_taxonomies(job.taxonomies);
  Tagger tagger(taxonomy, job.negation, job.engine);
  ReaderOptions reader_options = job.input.reader;
  reader_options.keep_raw = !job.summary;
  auto reader = open_input(job.input.files, reader_options);
  if (reader->header().empty())
    throw_input("the input is empty; expected a header row", {reader->name()});
  return job.summary ? run_summary(job, *reader, tagger)
                     : run_rows(job, *reader, tagger, reader_options, rows);
}

}  // namespace koe::tagging
