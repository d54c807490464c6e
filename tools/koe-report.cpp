// koe-report: one report people would rather read, assembled from the JSON
// the other koe tools write: a headline (NPS, CSAT, CES with intervals and
// the change from the period before), trend charts, the segments that
// moved, root causes with their owners, and data quality. Markdown for
// chat and e-mail, or one self-contained HTML file. docs/report.md is the
// reference.
#include <cstdio>

#include "cli/common_options.h"
#include "dates.h"
#include "error.h"
#include "report/read_json.h"
#include "report/render.h"
#include "report/run_tools.h"

namespace {

constexpr const char* kExamples = R"(
Examples:
  nps -o json -q export.csv > nps.json
  segment -o json -q --by 'month(date)' export.csv > trend.json
  rca-tag -t taxonomy.csv --summary --nps-score score -o json -q export.csv > rca.json
  koe-report nps.json trend.json rca.json                 Markdown on stdout
  koe-report -o html --nps nps.json --trend trend.json > report.html
  koe-report -o html --from export.csv --csat-score csat --date date \
      --segments region,plan -t taxonomy.csv > report.html    runs the tools itself

Each file's "tool" field says what it is (a segment run compared with the
previous period is a trend); --nps, --trend ... also check it. Exit status:
0 ok, 2 usage error, 3 a file is missing or not the JSON of a koe tool.)";

}  // namespace

int main(int argc, char** argv) {
  using koe::report::Part;
  std::vector<std::pair<Part, std::vector<std::string>>> named = {
      {Part::nps, {}}, {Part::csat, {}}, {Part::ces, {}}, {Part::trend, {}}, {Part::segment, {}}, {Part::rca, {}}};
  std::vector<std::string> files;
  koe::report::Report report;
  koe::report::FromExport from;
  std::string encoding, preset;  // --from: how the export is read
  bool quiet = false;
  auto format = koe::report::ReportFormat::markdown;
  CLI::App app("A Markdown or self-contained HTML report from the JSON of nps, csat, ces, "
               "segment and rca-tag --summary",
               "koe-report");
  app.footer(kExamples);
  app.add_option("files", files, "JSON files the tools wrote with -o json, any order; - is stdin")
      ->type_name("FILE...");
  const char* helps[] = {"nps -o json", "csat -o json", "ces -o json",
                         "segment -o json --by 'month(COL)': a trend (repeatable)",
                         "segment -o json --by COL: segments against the rest (repeatable)",
                         "rca-tag --summary -o json"};
  for (std::size_t i = 0; i < named.size(); ++i)
    app.add_option(std::string(koe::report::part_option(named[i].first)), named[i].second,
                   std::string("The JSON of ") + helps[i])
        ->type_name("FILE")
        ->allow_extra_args(false);
  koe::cli::add_choice(
      app, "-o,--output", "FORMAT", koe::report::kReportFormatNames,
      [&format](koe::report::ReportFormat f) { format = f; }, "Output format: ",
      {{koe::report::ReportFormat::markdown, "default"},
       {koe::report::ReportFormat::html, "one self-contained file"}});
  app.add_option("--title", report.title, "The report's title")->type_name("TEXT");

  app.add_option("--from", from.input.files,
                 "Run the tools on this export (CSV, TSV, NDJSON, JSON) instead of reading their "
                 "JSON: nps always, and the parts below that are asked for")
      ->type_name("FILE")
      ->allow_extra_args(false);
  // Options that only shape how --from runs the tools: refused without it.
  std::vector<CLI::Option*> from_only;
  const auto add_from_only = [&](CLI::Option* option) {
    from_only.push_back(option);
    return option;
  };
  add_from_only(app.add_option("--encoding", encoding,
                               "--from: the export's encoding when not UTF-8 (cp932, windows-1252 "
                               "...). Files need none: each tool's JSON records how it read its input"))
      ->type_name("NAME");
  add_from_only(app.add_option("--preset", preset, "--from: the export's layout: qualtrics, surveymonkey"))
      ->type_name("NAME");
  add_from_only(app.add_option("--score", from.score, "--from: the 0-10 column (default score)"))
      ->type_name("COL");
  add_from_only(app.add_option("--csat-score", from.csat_score,
                               "--from: a CSAT column, for its headline and trend"))
      ->type_name("COL");
  add_from_only(app.add_option("--ces-score", from.ces_score, "--from: a CES column, for its headline"))
      ->type_name("COL");
  add_from_only(app.add_option("--date", from.date, "--from: the date column of the trends"))
      ->type_name("COL");
  add_from_only(koe::cli::add_choice(
      app, "--period", "PERIOD", koe::kPeriodNames,
      [&from](koe::Period period) {
        from.period = std::string(koe::name_of(koe::kPeriodNames, period));
      },
      "--from: the period of the trends: ", {{koe::Period::month, "default"}}));
  add_from_only(app.add_option("--segments", from.segments,
                               "--from: the dimensions of the segments, e.g. region,plan"))
      ->type_name("DIM[,DIM...]");
  add_from_only(app.add_option("-t,--taxonomy", from.taxonomies,
                               "--from: a taxonomy, for the root causes (repeatable)"))
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_flag("-q,--quiet", quiet, "--from: no warnings from the tools on stderr");
  from_only.push_back(app.add_option("--text", from.text, "--from: the comment column (default comment)")->type_name("COL"));

  return koe::cli::run(app, argc, argv, [&] {
    std::size_t given = files.size() + from.input.files.size();
    for (const auto& [part, paths] : named) given += paths.size();
    if (given == 0) koe::throw_usage("no JSON files and no --from export given; see koe-report --help");
    if (from.input.files.empty())
      for (const auto* option : from_only)
        if (option->count() > 0)
          koe::throw_usage(option->get_name() + " applies to --from only: the tools' JSON records how " +
                           "they read their input and what they computed");
    if (!from.input.files.empty()) {
      from.input.reader.encoding = encoding;
      if (!preset.empty()) {
        auto layout = koe::parse_name(koe::kPresetNames, preset);
        if (!layout) koe::throw_usage("--preset: " + koe::unknown_name_message(koe::kPresetNames, preset));
        from.input.reader.preset = *layout;
        from.input.reader.skip_rows = koe::preset_label_rows(*layout);
      }
      from.input.reader.threads = koe::cli::available_cores();
      auto warnings = koe::report::add_from_export(report, from);
      for (const auto& warning : warnings)
        if (!quiet) std::fprintf(stderr, "koe-report: warning: %s\n", warning.c_str());
    }
    for (const auto& [part, paths] : named)
      for (const auto& path : paths) koe::report::add_json_file(report, path, part);
    for (const auto& path : files) koe::report::add_json_file(report, path, Part::any);
    koe::report::finish(report);
    koe::cli::write_stdout(koe::report::render(report, format));
    return 0;
  });
}
