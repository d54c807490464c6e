#include "tagging/rca_job.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <numeric>
#include <optional>

#include "columns.h"
#include "error.h"
#include "input/encoding_guess.h"
#include "metrics/metric_partial.h"
#include "metrics/metric_scan.h"
#include "metrics/partial.h"
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

// A batch's comments, tagged Tagger::kManyAtOnce at a time as its rows are
// read in order.
class BatchTags {
 public:
  explicit BatchTags(Tagger& tagger) : tagger_(tagger) {}
  void start(const Batch& batch, std::size_t column) {
    comments_.resize(batch.size());
    for (std::size_t row = 0; row < batch.size(); ++row) comments_[row] = batch.cell(row, column);
    first_ = end_ = 0;
  }
  const TagResult& result(std::size_t row) { return tagger_.result(tagged(row)); }
  std::string_view normalized(std::size_t row) { return tagger_.normalized(tagged(row)); }

 private:
  // `row`'s index among the comments tagged last, tagging it first if need be.
  std::size_t tagged(std::size_t row) {
    if (row < first_ || row >= end_) {
      first_ = row;
      end_ = row + tagger_.tag_many(std::span(comments_).subspan(row));
    }
    return row - first_;
  }

  Tagger& tagger_;
  std::vector<std::string_view> comments_;
  std::size_t first_ = 0, end_ = 0;
};

// Tags the comments of a batch's rows a run at a time (BatchTags); each row
// gets its tags and owners columns.
output::RowFiller row_filler(Tagger& tagger, Utf8Problems& problems) {
  auto tags = std::make_shared<BatchTags>(tagger);
  output::RowFiller filler;
  filler.prepare = [tags](const Batch& batch, std::span<const std::size_t> slots) {
    tags->start(batch, slots[0]);
  };
  filler.fill = [tags, &problems](std::size_t row, std::span<const std::string_view> cells,
                                  std::string_view file, std::uint64_t line,
                                  std::vector<std::vector<std::string_view>>& added) {
    const auto& result = tags->result(row);
    if (result.invalid_utf8) problems.note(file, line, cells[0]);
    added[0] = result.tags;
    added[1] = result.owners;
  };
  return filler;
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

// What a summary reads from an input with `header`: the options resolved,
// the columns (the text, the score and the --by columns, each once) and
// the names the report shows.
struct SummaryPlan {
  TagSummaryOptions options;
  std::unique_ptr<ScaleParser> parser;
  std::vector<std::size_t> selected;
  std::size_t text = 0, score = 0;
  TagSummary::Names names;
  std::vector<Dimension> dimensions;
  std::vector<std::size_t> by;
};

TagSummaryOptions summary_options(const RcaJob& job) {
  TagSummaryOptions options;
  options.confidence = job.confidence;
  options.low_base = job.min_n;
  options.adjustment = job.adjustment;
  options.top_terms = job.top_terms;
  options.term_comments = job.term_comments;
  if (!job.nps_score.empty() && !job.csat_score.empty())
    throw_usage("give --nps-score or --csat-score, not both");
  if (!job.nps_score.empty()) {
    options.score = ScoreKind::nps;
  } else if (!job.csat_score.empty()) {
    options.score = ScoreKind::csat;
    ScaleJob scale_job;
    scale_job.scale = job.scale;
    scale_job.top_box = job.top_box;
    scale_job.bottom_box = job.bottom_box;
    options.scale = resolve_scale(scale_job);
  }
  return options;
}

SummaryPlan plan_summary(const RcaJob& job, const std::vector<std::string>& header,
                         const Tagger& tagger, const Inputs* inputs) {
  SummaryPlan plan;
  plan.options = summary_options(job);
  const auto& options = plan.options;
  std::string score_spec;
  if (options.score == ScoreKind::nps) {
    score_spec = job.nps_score;
    plan.parser = std::make_unique<ScaleParser>(0, 10, job.na_codes);
  } else if (options.score == ScoreKind::csat) {
    score_spec = job.csat_score;
    plan.parser = std::make_unique<ScaleParser>(options.scale.low, options.scale.high, job.na_codes);
  }
  auto& selected = plan.selected;
  auto slot_of = [&](std::size_t column) {
    auto found = std::find(selected.begin(), selected.end(), column);
    if (found != selected.end()) return static_cast<std::size_t>(found - selected.begin());
    selected.push_back(column);
    return selected.size() - 1;
  };
  plan.text = slot_of(resolve_column(header, job.text, "--text"));
  if (plan.parser)
    plan.score = slot_of(resolve_column(
        header, score_spec, options.score == ScoreKind::nps ? "--nps-score" : "--csat-score"));
  plan.names = TagSummary::Names{{}, header[selected[plan.text]],
                                 plan.parser ? header[selected[plan.score]] : "",
                                 std::string(tagger.engine())};
  plan.dimensions = prepare_dimensions(header, job.by, inputs);
  for (const auto& dimension : plan.dimensions) {
    plan.by.push_back(slot_of(dimension.column()));
    plan.names.by.push_back(dimension.name());
  }
  return plan;
}

// The rows' accounting besides the summary's counts: kept for the warnings,
// and saved in a partial's "info" (invalid scores and their first, rows the
// dimensions could not place) and "utf8" records.
struct SummaryScan {
  ScanInfo info;
  Utf8Problems problems;
};

void scan_summary(RecordReader& reader, const SummaryPlan& plan, Tagger& tagger,
                  TagSummary& summary, SummaryScan& scan) {
  reader.select(plan.selected);
  RowPlacer placer(plan.dimensions, plan.by, false);
  Batch batch;
  auto& info = scan.info;
  BatchTags tags(tagger);
  while (reader.next_batch(batch)) {
    tags.start(batch, plan.text);
    for (std::size_t row = 0; row < batch.size(); ++row) {
      const auto& result = tags.result(row);
      if (result.invalid_utf8) scan.problems.note(batch.file, batch.lines[row], batch.cell(row, plan.text));
      Answer answer{AnswerKind::missing, 0};
      if (plan.parser) {
        auto cell = batch.cell(row, plan.score);
        answer = plan.parser->parse(cell);
        if (answer.kind == AnswerKind::invalid && !result.empty && info.invalid_answers++ == 0)
          info.first_invalid = InvalidSample{std::string(batch.file), batch.lines[row],
                                             plan.names.score, std::string(cell)};
      }
      bool placed = placer.place(batch, row);
      if (placed) check_key_text(placer.key(), plan.names.by, batch, row);
      summary.add(placer.key(), placed, result, tags.normalized(row), answer);
    }
    info.rows += batch.size();
  }
  info.unplaced = placer.unplaced();
  info.readings = reader.readings();
}

Outcome finish_summary(const SummaryPlan& plan, TagSummary& summary, const SummaryScan& scan) {
  summary.fill_gaps();
  Outcome outcome;
  outcome.report = summary.report(plan.names);
  const auto& info = scan.info;
  if (auto fact = dimensions_fact(plan.dimensions, info.unplaced)) outcome.report->facts.push_back(*fact);
  outcome.report->facts.push_back(input_fact(info.readings));
  outcome.warnings = unplaced_warnings(plan.dimensions, info.unplaced);
  scan.problems.warn(outcome.warnings);
  if (info.invalid_answers)
    outcome.warnings.push_back(fmt::format(
        "{} in column \"{}\" of commented rows not {}, counted as invalid and left out of the "
        "scores (first: {}, line {}: {})",
        count_of(info.invalid_answers, "score"), plan.names.score,
        plan.options.score == ScoreKind::nps
            ? std::string("0-10")
            : fmt::format("{}-{}", plan.options.scale.low, plan.options.scale.high),
        info.first_invalid->file, info.first_invalid->line, quote_value(info.first_invalid->text)));
  return outcome;
}

// What changes the statistics of a summary, for a partial's header: the
// taxonomy's rules, the columns, the score's scale, the dimensions, the NA
// codes, the negation settings and how many untagged comments give terms.
PartialHeader summary_header(const RcaJob& job, const Tagger& tagger) {
  auto joined = [](const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ",") + item;
    return text;
  };
  std::string rules;
  for (const auto& rule : tagger.taxonomy().rules)
    rules += fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\n", rule.tag, rule.pattern,
                         kind_name(rule.kind), rule.exclude, rule.owner, rule.negation);
  PartialHeader rules_hash;
  rules_hash.tool = rules;
  const auto options = summary_options(job);
  PartialHeader header;
  header.tool = "rca-tag";
  header.options = {
      {"--taxonomy", rules_hash.fingerprint()},
      {"--text", job.text},
      {"--nps-score", job.nps_score},
      {"--csat-score", job.csat_score},
      {"--scale", options.score == ScoreKind::csat
                      ? fmt::format("{}-{}", options.scale.low, options.scale.high)
                      : ""},
      {"--top-box", options.score == ScoreKind::csat ? stats::describe_box(options.scale.top_box) : ""},
      {"--bottom-box",
       options.score == ScoreKind::csat ? stats::describe_box(options.scale.bottom_box) : ""},
      {"--by", joined(job.by)},
      {"--na", joined(job.na_codes)},
      {"--term-comments", std::to_string(job.term_comments)},
      {"--no-negation", job.negation.enabled ? "no" : "yes"},
      {"--negation-words", joined(job.negation.words)},
      {"--negation-suffixes", joined(job.negation.suffixes)},
      {"--negation-window", std::to_string(job.negation.window)},
  };
  return header;
}

Outcome partial_summary(const RcaJob& job, RecordReader& reader, Tagger& tagger) {
  auto header = summary_header(job, tagger);
  header.columns = reader.header();
  header.keyed = reader.keyed();
  header.input = reader.name();
  PartialWriter out(header);
  if (!header.columns.empty()) {
    refuse_quantiles(header.columns, job.by);
    auto plan = plan_summary(job, header.columns, tagger, &job.input);
    TagSummary summary(tagger.taxonomy(), plan.options);
    summary.group_by(plan.dimensions);
    SummaryScan scan;
    scan_summary(reader, plan, tagger, summary, scan);
    out.info("main", scan.info);
    if (scan.problems.count > 0) {
      stats::StateWriter utf8;
      utf8.number(scan.problems.count).number(scan.problems.line);
      out.state("utf8", "main", {scan.problems.file, scan.problems.advice}, utf8);
    }
    summary.save(out);
  }
  Outcome outcome;
  outcome.output = out.finish();
  return outcome;
}

Outcome merge_summary(const RcaJob& job, Tagger& tagger) {
  const auto header = summary_header(job, tagger);
  std::optional<SummaryPlan> plan;
  std::optional<TagSummary> summary;
  SummaryScan scan;
  read_partials(
      job.input.files, header,
      [&](const std::vector<std::string>& columns) {
        refuse_quantiles(columns, job.by);
        plan.emplace(plan_summary(job, columns, tagger, nullptr));
        summary.emplace(tagger.taxonomy(), plan->options);
        summary->group_by(plan->dimensions);
        scan.info.unplaced.resize(plan->dimensions.size());
      },
      [&](const PartialRecord& record) {
        if (record.part == "main" && record.record == "info") {
          merge_shard_info(scan.info, record.info);
          return;
        }
        if (record.part == "main" && record.record == "utf8" && record.key.size() == 2 &&
            record.state.size() == 2) {
          // The first comment that was not UTF-8: the one whose (file, line)
          // sorts first, as for every sample a merge names.
          std::uint64_t count = std::stoull(record.state[0]), line = std::stoull(record.state[1]);
          auto& problems = scan.problems;
          if (problems.count == 0 || record.key[0] < problems.file ||
              (record.key[0] == problems.file && line < problems.line)) {
            problems.file = record.key[0];
            problems.line = line;
            problems.advice = record.key[1];
          }
          problems.count += count;
          return;
        }
        if (record.part != "main" || !summary->merge_record(record))
          throw_input(fmt::format("corrupted partial: a record \"{}\" is not one of rca-tag's",
                                  record.record),
                      {record.source, record.line});
      });
  summary->finish_merge();
  return finish_summary(*plan, *summary, scan);
}

Outcome run_summary(const RcaJob& job, RecordReader& reader, Tagger& tagger) {
  auto plan = plan_summary(job, reader.header(), tagger, &job.input);
  TagSummary summary(tagger.taxonomy(), plan.options);
  summary.group_by(plan.dimensions);
  SummaryScan scan;
  scan_summary(reader, plan, tagger, summary, scan);
  return finish_summary(plan, summary, scan);
}

}  // namespace

Outcome run_rca(const RcaJob& job, const TextSink& rows) {
  Taxonomy taxonomy = load_taxonomies(job.taxonomies);
  Tagger tagger(taxonomy, job.negation, job.engine);
  if (job.stage != RunStage::full && !job.summary)
    throw_usage("--partial and --merge belong to a summary; add --summary (tagged rows need no "
                "merge: tag each shard and concatenate)");
  if (job.stage == RunStage::merge) return merge_summary(job, tagger);
  ReaderOptions reader_options = job.input.reader;
  reader_options.keep_raw = !job.summary;
  auto reader = open_input(job.input.files, reader_options);
  if (job.stage == RunStage::partial) return partial_summary(job, *reader, tagger);
  if (reader->header().empty())
    throw_input("the input is empty; expected a header row", {reader->name()});
  return job.summary ? run_summary(job, *reader, tagger)
                     : run_rows(job, *reader, tagger, reader_options, rows);
}

}  // namespace koe::tagging
