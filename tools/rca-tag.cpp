// rca-tag: root causes in free-text comments. Tags every row's comment with
// the causes of a taxonomy the analyst keeps, or summarises which causes
// matter, among whom, and who owns them. docs/rca-tag.md is the reference.
#include "cli/common_options.h"
#include "error.h"
#include "tagging/rca_job.h"

namespace {

constexpr const char* kExamples = R"(
Examples:
  rca-tag --taxonomy causes.csv responses.csv          each row with tags, owners (CSV)
  rca-tag --taxonomy causes.csv -o ndjson feed.ndjson   JSON objects pass through, keys added
  rca-tag --taxonomy causes.csv --summary --nps-score score responses.csv
  rca-tag --taxonomy causes.csv --summary --csat-score csat --by region responses.csv
  rca-tag --taxonomy causes.csv responses.csv | mlr --icsv --opprint \
      filter 'is_int($score) && $score >= 0 && $score <= 6 && $tags != ""'
                                                      tagged detractors (scores 0-6)

A taxonomy is a CSV file with columns tag, pattern and optionally kind
(keyword, phrase, prefix as in crash*, regex), exclude, owner, negation;
or JSON with the same keys. Text is matched after NFKC and case folding;
Latin words match whole, Japanese as substrings; "not slow" and 遅くない do
not fire a rule for slow / 遅. Exit status: 0 ok, 2 usage error (bad flag,
column or taxonomy), 3 input error.)";

}  // namespace

int main(int argc, char** argv) {
  using koe::output::OutputFormat;
  koe::tagging::RcaJob job;
  koe::cli::OutputOptions output;
  std::optional<std::uint64_t> min_n;
  CLI::App app("Root-cause tags for free-text feedback, from an analyst's taxonomy", "rca-tag");
  app.footer(kExamples);
  koe::cli::add_input_options(app, job.input);
  koe::cli::add_threads_option(app, job.input);
  app.add_option("-t,--taxonomy", job.taxonomies,
                 "Taxonomy file (CSV or JSON); repeat to use several as one")
      ->required()
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("FILE");
  app.add_option("--text", job.text, "Column with the comments (default: comment)")->type_name("COL");
  app.add_flag("--summary", job.summary,
               "A report per tag instead of the rows: counts, shares, score with vs without, "
               "impact, owners, untagged terms");
  app.add_option("--nps-score", job.nps_score, "With --summary: the 0-10 NPS column")
      ->type_name("COL");
  app.add_option("--csat-score", job.csat_score,
                 "With --summary: a rating column (see --scale, --top-box)")
      ->type_name("COL");
  app.add_option("--scale", job.scale, "Scale of --csat-score (default 1-5)")->type_name("LOW-HIGH");
  app.add_option("--top-box", job.top_box, "Satisfied points of --csat-score (default top two)")
      ->type_name("POINTS");
  app.add_option("--bottom-box", job.bottom_box, "Dissatisfied points (default bottom two)")
      ->type_name("POINTS");
  koe::cli::add_by_option(app, job.by, "With --summary: one summary per value of these columns");
  koe::cli::add_na_option(app, job.na_codes);
  koe::cli::add_confidence_option(app, job.confidence,
                                  "Confidence level of the tests (default 0.95)");
  koe::cli::add_min_n_option(app, min_n, "Tags with fewer scored comments are low base (default 30)");
  koe::cli::add_choice(
      app, "--adjust", "METHOD", koe::stats::kAdjustmentNames,
      [&job](koe::stats::Adjustment method) { job.adjustment = method; },
      "Multiple-comparison adjustment of p-values: ", {{koe::stats::Adjustment::holm, "default"}});
  koe::cli::numeric(app.add_option("--term-comments", job.term_comments,
                                   "Untagged comments whose terms are counted: the first N "
                                   "(default 200000; 0 for all)"),
                    koe::NumberRule::whole_number())
      ->type_name("N");
  koe::cli::numeric(app.add_option("--top-terms", job.top_terms, "Untagged terms listed (default 20)"),
                    koe::NumberRule::whole_number())
      ->type_name("N");
  koe::cli::add_choice(
      app, "--engine", "ENGINE", koe::tagging::kEngineNames,
      [&job](koe::tagging::Engine engine) { job.engine = engine; }, "Matching engine: ",
      {{koe::tagging::Engine::automatic, "Hyperscan where built in"}});
  app.add_flag_callback(
      "--no-negation", [&job] { job.negation.enabled = false; },
      "Do not let negations (not slow, 遅くない) cancel a match");
  app.add_option("--negation-words", job.negation.words,
                 "Words that negate what follows, replacing the default list "
                 "(not,no,never,without,...; apostrophes dropped: didnt)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("WORD[,WORD...]");
  app.add_option("--negation-suffixes", job.negation.suffixes,
                 "Negative endings after a Japanese pattern, replacing the default list "
                 "(ない,なかった,なく,ません,ず,ぬ,なし,ありません)")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("TEXT[,TEXT...]");
  koe::cli::numeric(app.add_option("--negation-window", job.negation.window,
                                   "Words before a pattern searched for a negation (default 3)"),
                    koe::NumberRule::whole_number())
      ->type_name("N");
  koe::cli::add_stage_options(app, job.stage);
  koe::cli::add_output_options(
      app, output, {{OutputFormat::csv, "rows default"}, {OutputFormat::table, "summary default"}},
      "No warnings on stderr");

  return koe::cli::run(app, argc, argv, [&] {
    if (!job.summary)
      for (const char* option : {"--nps-score", "--csat-score", "--by", "--scale", "--top-box",
                                 "--bottom-box", "--na", "--confidence", "--min-n", "--adjust",
                                 "--top-terms", "--term-comments"})
        if (app.count(option) > 0)
          koe::throw_usage(std::string(option) + " belongs to a summary; add --summary");
    job.min_n = min_n.value_or(job.min_n);
    job.output = output.format;
    auto outcome = koe::tagging::run_rca(job, koe::cli::stdout_sink());
    return koe::cli::print_outcome(
        "rca-tag", outcome,
        output.format.value_or(job.summary ? OutputFormat::table : OutputFormat::csv),
        output.quiet);
  });
}
