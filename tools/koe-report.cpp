// koe-report: one report people would rather read, assembled from the JSON
// the other koe tools write: a headline (NPS, CSAT, CES with intervals and
// the change from the period before), trend charts, the segments that
// moved, root causes with their owners, and data quality. Markdown for
// chat and e-mail, or one self-contained HTML file. docs/report.md is the
// reference.
#include "cli/common_options.h"
#include "error.h"
#include "report/read_json.h"
#include "report/render.h"

namespace {

constexpr const char* kExamples = R"(
Examples:
  nps -o json -q export.csv > nps.json
  segment -o json -q --by 'month(date)' export.csv > trend.json
  rca-tag -t taxonomy.csv --summary --nps-score score -o json -q export.csv > rca.json
  koe-report nps.json trend.json rca.json                 Markdown on stdout
  koe-report -o html --nps nps.json --trend trend.json > report.html

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
  app.add_option("--encoding", report.encoding,
                 "The input encoding the tools were run with, for the data-quality section")
      ->type_name("NAME");
  app.add_option("--preset", report.preset,
                 "The export preset the tools were run with, for the data-quality section")
      ->type_name("NAME");

  return koe::cli::run(app, argc, argv, [&] {
    std::size_t given = files.size();
    for (const auto& [part, paths] : named) given += paths.size();
    if (given == 0) koe::throw_usage("no JSON files given; see koe-report --help");
    for (const auto& [part, paths] : named)
      for (const auto& path : paths) koe::report::add_json_file(report, path, part);
    for (const auto& path : files) koe::report::add_json_file(report, path, Part::any);
    koe::report::finish(report);
    koe::cli::write_stdout(koe::report::render(report, format));
    return 0;
  });
}
