#include "cli/common_options.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "error.h"

namespace koe::cli {

const CLI::Validator& whole_number() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
        return digits ? "" : "expected a whole number of 0 or more, found \"" + text + "\"";
      },
      "");
  return validator;
}

void add_input_options(CLI::App& app, InputOptions& options) {
  app.add_option("files", options.files,
                 "Input files (CSV, TSV, NDJSON, JSON array); standard input when none or -")
      ->type_name("FILE...");
  app.add_option_function<std::string>(
         "-d,--delimiter",
         [&options](const std::string& text) {
           std::string value = text == "\\t" || text == "tab" ? "\t" : text;
           if (value.size() != 1) throw CLI::ValidationError("--delimiter", "must be one byte");
           options.reader.delimiter = value[0];
         },
         "Field delimiter of delimited input (one byte; \\t or tab for tabs). Default: from "
         "the extension, else sniffed")
      ->type_name("CHAR");
  app.add_option_function<std::string>(
         "--input-format",
         [&options](const std::string& text) {
           auto format = parse_format(text);
           if (!format) throw CLI::ValidationError("--input-format", "expected csv, tsv, ndjson or json");
           options.reader.format = *format;
         },
         "Input format when the extension and content do not tell: csv, tsv, ndjson, json")
      ->type_name("FORMAT");
  app.add_flag_callback(
      "--no-header", [&options] { options.reader.has_header = false; },
      "The input has no header row; name columns by position (1, 2, ...)");
  app.add_option("--skip-rows", options.reader.skip_rows,
                 "Rows after the header that are not data (export label rows)")
      ->check(whole_number())
      ->type_name("N");
  app.add_option_function<std::string>(
         "--preset",
         [&options](const std::string& name) {
           // Qualtrics: ids, question texts, ImportId JSON; SurveyMonkey: names,
           // sub-question labels. The header is the first row in both.
           if (name == "qualtrics") {
             options.reader.skip_rows = 2;
           } else if (name == "surveymonkey") {
             options.reader.skip_rows = 1;
           } else {
             throw CLI::ValidationError("--preset", "expected qualtrics or surveymonkey");
           }
         },
         "Survey-platform export layout: qualtrics (3 header rows), surveymonkey (2)")
      ->type_name("NAME");
  app.add_option("--encoding", options.reader.encoding,
                 "Text encoding of the input when not UTF-8: cp932 (Japanese Excel), shift_jis, "
                 "windows-1252, latin1 ...; a byte that does not decode is an error")
      ->type_name("NAME");
  app.add_flag("--allow-ragged", options.reader.allow_ragged,
               "Read rows with too few fields (missing values) or too many (extra ignored)");
}

void add_metric_options(CLI::App& app, MetricOptions& options) {
  app.add_option("--by", options.by,
                 "Group by these columns (names or 1-based positions), e.g. --by plan,region")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("COL[,COL...]");
  app.add_option("--weight", options.weight,
                 "Weight column: weighted shares, Kish effective n for every interval")
      ->type_name("COL");
  app.add_option("--na", options.na_codes,
                 "Extra answers that mean \"no answer\" (counted as missing), e.g. --na 99,\"Don't know\"")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("VALUE[,VALUE...]");
  app.add_flag("--strict", options.strict,
               "An invalid answer or weight is an input error (exit 3) instead of being counted");
  app.add_option("--confidence", options.confidence, "Confidence level of intervals (default 0.95)")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            double level = 0;
            try {
              level = std::stod(text);
            } catch (const std::exception&) {
            }
            return level >= 0.5 && level < 1 ? "" : "expected a level from 0.5 to below 1, e.g. 0.95";
          },
          ""))
      ->type_name("LEVEL");
  app.add_option("--min-n", options.min_n,
                 "Fail (exit 1) when fewer valid answers than N overall; groups under N are "
                 "flagged low base (default flag threshold 30)")
      ->check(whole_number())
      ->type_name("N");
  app.add_option("--fail-under", options.fail_under,
                 "Fail (exit 1) when the overall metric is below X")
      ->type_name("X");
  app.add_option_function<std::string>(
         "-o,--output",
         [&options](const std::string& text) {
           auto format = output::parse_output_format(text);
           if (!format)
             throw CLI::ValidationError("--output", "expected table, json, ndjson, csv or md");
           options.output = *format;
         },
         "Output format: table (default), json, ndjson, csv, md")
      ->type_name("FORMAT");
  app.add_flag("-q,--quiet", options.quiet, "No warnings on stderr (counts stay in the output)");
}

void write_stdout(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    if (errno == EPIPE) std::exit(0);
    throw Error(Exit::input, fmt::format("cannot write the output: {}", std::strerror(errno)));
  }
}

int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
  const std::string tool = app.get_name();
  // Help goes to stdout like any output: a write that fails is an error.
  auto help_written = [&](int status) {
    if (std::fflush(stdout) != 0 && errno != EPIPE) {
      std::fprintf(stderr, "%s: cannot write the output: %s\n", tool.c_str(), std::strerror(errno));
      return static_cast<int>(Exit::input);
    }
    return status;
  };
  app.set_version_flag("--version", fmt::format("{} (koe) {}", tool, KOE_VERSION),
                       "Print the version and exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return help_written(app.exit(e));
  } catch (const CLI::CallForAllHelp& e) {
    return help_written(app.exit(e));
  } catch (const CLI::CallForVersion& e) {
    return help_written(app.exit(e));
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for the options and examples.\n", tool.c_str(),
                 e.what(), tool.c_str());
    return static_cast<int>(Exit::usage);
  }
  try {
    int status = body();
    if (std::fflush(stdout) != 0 && errno != EPIPE)
      throw Error(Exit::input, fmt::format("cannot write the output: {}", std::strerror(errno)));
    return status;
  } catch (const Error& e) {
    std::fprintf(stderr, "%s: %s\n", tool.c_str(), e.what());
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "%s: out of memory\n", tool.c_str());
    return static_cast<int>(Exit::input);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: internal error: %s\n", tool.c_str(), e.what());
    return 70;  // EX_SOFTWARE: a bug, not the user's input
  }
}

}  // namespace koe::cli
