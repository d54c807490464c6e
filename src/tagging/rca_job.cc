#include "tagging/rca_job.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "columns.h"
#include "error.h"
#include "input/encoding_guess.h"
#include "metrics/metric_scan.h"
#include "metrics/report_parts.h"
#include "metrics/scale_report.h"
#include "output/row_stream.h"
#include "output/text_width.h"
#include "tagging/tag_summary.h"
#include "values.h"

namespace koe::tagging {

namespace {

// Counts comments that were not UTF-8, for one warning at the end.
struct Utf8Problems {
  std::uint64_t count = 0;
  std::string file;
  std::uint64_t line = 0;
  std::string advice;  // which encoding reads the first one
  void note(std::string_view in, std::uint64_t at, std::string_view comment) {
    if (count++ > 0) return;
    file = in;
    line = at;
    advice = encoding_advice(comment, true);
  }
  // Adds a later chunk's problems, its lines counted from the chunk's start.
  void add(const Utf8Problems& later, std::uint64_t lines_before) {
    if (later.count == 0) return;
    if (count == 0) {
      *this = later;
      line += lines_before;
    } else {
      count += later.count;
    }
  }
  void warn(std::vector<std::string>& warnings) const {
    if (count == 0) return;
    warnings.push_back(fmt::format("{} {} not valid UTF-8 (first: {}, line {}); bad bytes were "
                                   "read as U+FFFD{}",
                                   count_of(count, "comment"), count == 1 ? "is" : "are", file,
                                   line, advice));
  }
};

// Tags a row's comment: the tags and owners columns.
output::RowFiller row_filler(Tagger& tagger, Utf8Problems& problems) {
  return [&tagger, &problems, result = TagResult{}](
             std::span<const std::string_view> cells, std::string_view file, std::uint64_t line,
             std::vector<std::vector<std::string_view>>& added) mutable {
    tagger.tag(cells[0], result);
    if (result.invalid_utf8) problems.note(file, line, cells[0]);
    added[0] = result.tags;
    added[1] = result.owners;
  };
}

Outcome run_rows(const RcaJob& job, RecordReader& reader, Tagger& tagger,
                 const ReaderOptions& options, const TextSink& out) {
  output::RowStream stream{"rca-tag", {resolve_column(reader.header(), job.text, "--text")},
                           {"tags", "owners"}, false};
  Utf8Problems problems;
  // On threads: a tagger per thread (Hyperscan's scratch space and the
  // tagger's buffers are its own; the first thread uses the one given) and
  // the problems of each chunk, added in chunk order with their lines shifted.
  const auto format = job.output.value_or(output::OutputFormat::csv);
  output::RowChunks chunks;
  if (output::rows_on_threads(reader, format)) chunks.bounds = row_chunk_bounds(reader, options);
  // No more threads than chunks: each copy has its own scratch space.
  chunks.threads = chunks.bounds.size() > 2
                       ? std::min<std::size_t>(options.threads, chunks.bounds.size() - 1)
                       : 1;
  std::vector<std::unique_ptr<Tagger>> taggers;
  if (chunks.bounds.size() > 2)
    for (std::size_t worker = 1; worker < chunks.threads; ++worker)
      taggers.push_back(std::make_unique<Tagger>(tagger));
  std::vector<Utf8Problems> chunk_problems(chunks.bounds.size());
  chunks.filler = [&](std::size_t chunk, std::size_t worker) {
    return row_filler(worker > 0 ? *taggers[worker - 1] : tagger, chunk_problems[chunk]);
  };
  chunks.chunk_done = [&](std::size_t chunk, std::uint64_t lines_before) {
    problems.add(chunk_problems[chunk], lines_before);
    chunk_problems[chunk] = {};
  };
  auto warnings = output::stream_rows(reader, options, format, stream,
                                      row_filler(tagger, problems), out, &chunks);
  Outcome outcome;
  problems.warn(outcome.warnings);
  outcome.warnings.insert(outcome.warnings.end(), warnings.begin(), warnings.end());
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
  auto dimensions = prepare_dimensions(header, job.by, &job.input);
  std::vector<std::size_t> by;
  for (const auto& dimension : dimensions) {
    by.push_back(slot_of(dimension.column()));
    names.by.push_back(dimension.name());
  }
  reader.select(selected);
  RowPlacer placer(dimensions, by, false);

  TagSummary summary(tagger.taxonomy(), options);
  summary.group_by(dimensions);
  Batch batch;
  TagResult result;
  Utf8Problems problems;
  std::uint64_t invalid_scores = 0;
  std::string first_invalid;
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
      bool placed = placer.place(batch, row);
      if (placed) check_key_text(placer.key(), names.by, batch, row);
      summary.add(placer.key(), placed, result, tagger.normalized(), answer);
    }
  }
  summary.fill_gaps();
  Outcome outcome;
  outcome.report = summary.report(names);
  if (auto fact = dimensions_fact(dimensions, placer.unplaced())) outcome.report->facts.push_back(*fact);
  outcome.warnings = unplaced_warnings(dimensions, placer.unplaced());
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
