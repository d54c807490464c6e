#include "cli/common_options.h"

#include <fmt/format.h>

#include <sched.h>

#include <algorithm>
#include <cerrno>
#include <thread>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "error.h"

namespace koe::cli {

std::size_t available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) return static_cast<std::size_t>(std::max(1, CPU_COUNT(&set)));
  return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// The name of the validator that says what an option's value must be
// (numeric(), add_choice()) starts with this; the rest is the expectation.
constexpr std::string_view kExpects = "expects ";

// What `option` expects as its value ("a whole number of 0 or more", "table,
// json, ndjson, csv or md"), or "" when it does not say.
std::string expectation(CLI::Option& option) {
  for (int i = 0;; ++i) {
    CLI::Validator* validator = nullptr;
    try {
      validator = option.get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      return "";
    }
    if (validator->get_name().starts_with(kExpects))
      return validator->get_name().substr(kExpects.size());
  }
}

// --help as CLI11 lays it out, less its noise: an option shows the name of
// its value and whether it is required, not "..." for a repeatable option
// nor "Excludes: --merge" (the help text says both, in words), and sections
// are one blank line apart.
class HelpFormatter final : public CLI::Formatter {
 public:
  std::string make_option_opts(const CLI::Option* option) const override {
    if (option->get_type_size() == 0 || option->get_type_name().empty()) return "";
    return " " + option->get_type_name() + (option->get_required() ? " REQUIRED" : "");
  }

  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override {
    std::string text = CLI::Formatter::make_help(app, std::move(name), mode);
    std::string out;
    for (char c : text)
      if (c != '\n' || !out.ends_with("\n\n")) out += c;
    return out;
  }
};

// The message for an option the tool does not have (the first the parser
// left over), naming the option it is likely a typo of ("--sumary" for
// --summary); none when what was left over is not an option (every tool
// takes any number of files).
std::optional<std::string> unknown_option_message(const CLI::App& app,
                                                  const std::vector<std::string>& extras) {
  const std::string given = extras.empty() ? std::string() : extras.front();
  if (given.size() < 2 || given[0] != '-') return std::nullopt;
  std::string name = given.substr(0, given.find('='));
  std::string message = "unknown option " + name;
  if (!name.starts_with("--")) return message;
  std::vector<std::string> options;
  for (const CLI::Option* option : app.get_options())
    if (!option->get_group().empty())
      for (const auto& long_name : option->get_lnames()) options.push_back("--" + long_name);
  std::vector<std::string_view> names(options.begin(), options.end());
  if (auto best = likely_name(names, name); !best.empty())
    message += fmt::format("; did you mean {}?", best);
  return message;
}

// CLI11's words for a wrong number of values, in the tools' own: an option
// at the end of the line without its value, one given twice. CLI11's
// ArgumentMismatch carries only its text ("--by: 1 required COL missing"),
// so the option is read from it; a text not recognised is left as it is.
std::optional<std::string> mismatch_message(CLI::App& app, const std::string& what) {
  auto colon = what.find(": ");
  if (colon == std::string::npos) return std::nullopt;
  const std::string name = what.substr(0, colon);
  std::string_view rest = std::string_view(what).substr(colon + 2);
  CLI::Option* option = app.get_option_no_throw(name);
  if (option == nullptr) return std::nullopt;
  if (rest.ends_with(" missing")) {
    std::string expected = expectation(*option);
    if (expected.empty()) expected = "a value (" + option->get_type_name() + ")";
    return fmt::format("{}: expected {}, found nothing", name, expected);
  }
  constexpr std::string_view kAtMost = "At Most 1 required but received ";
  if (rest.starts_with(kAtMost))
    return fmt::format("{}: given {} times; give it once", name, rest.substr(kAtMost.size()));
  return std::nullopt;
}

}  // namespace

CLI::Option* numeric(CLI::Option* option, const NumberRule& rule) {
  return option->transform(CLI::Validator(
      [rule](std::string& text) {
        std::string problem = number_problem(text, rule);
        if (problem.empty()) text = canonical_number(text, rule);
        return problem;
      },
      "", std::string(kExpects) + number_expected(rule)));
}

CLI::Option* expects(CLI::Option* option, const std::string& expected) {
  return option->check(CLI::Validator([](std::string&) { return std::string(); }, "",
                                      std::string(kExpects) + expected));
}

void add_input_options(CLI::App& app, Inputs& inputs) {
  auto& reader = inputs.reader;
  app.add_option("files", inputs.files,
                 "Input files (CSV, TSV, NDJSON, JSON array); standard input when none or -")
      ->type_name("FILE...");
  app.add_option_function<std::string>(
         "-d,--delimiter",
         [&reader](const std::string& text) {
           std::string value = text == "\\t" || names_detail::same_name(text, "tab") ? "\t" : text;
           if (value.size() != 1)
             throw CLI::ValidationError(
                 "--delimiter", "expected one byte, \\t or tab, found " + quote_value(text));
           reader.delimiter = value[0];
         },
         "Field delimiter of delimited input (one byte; \\t or tab for tabs). Default: from "
         "the extension, else sniffed")
      ->type_name("CHAR");
  add_choice(app, "--input-format", "FORMAT", kFormatNames,
             [&reader](Format format) { reader.format = format; },
             "Input format when the extension and content do not tell: ");
  app.add_flag_callback(
      "--no-header", [&reader] { reader.has_header = false; },
      "The input has no header row; name columns by position (1, 2, ...)");
  numeric(app.add_option("--skip-rows", reader.skip_rows,
                         "Rows after the header that are not data (export label rows)"),
          NumberRule::whole_number())
      ->type_name("N");
  add_choice(app, "--preset", "NAME", kPresetNames,
             [&reader](Preset preset) {
               reader.preset = preset;
               reader.skip_rows = preset_label_rows(preset);
             },
             "Survey-platform export layout: ",
             {{Preset::qualtrics, "3 header rows"}, {Preset::surveymonkey, "2"}});
  app.add_option("--encoding", reader.encoding,
                 "Text encoding of the input when not UTF-8: cp932 (Japanese Excel), shift_jis, "
                 "windows-1252, latin1 ...; a byte that does not decode is an error")
      ->type_name("NAME");
  app.add_flag("--allow-ragged", reader.allow_ragged,
               "Read rows with too few fields (missing values) or too many (extra ignored)");
}

void add_threads_option(CLI::App& app, Inputs& inputs) {
  auto& reader = inputs.reader;
  reader.threads = available_cores();
  numeric(app.add_option("--threads", reader.threads,
                         "Threads reading a large file and writing many result rows at once "
                         "(default: the cores available, here " +
                             std::to_string(reader.threads) +
                             "); the result is the same for any number"),
          NumberRule::whole_number(1, 256))
      ->type_name("N");
  // A test hook: the least a thread is given, so tests can cut small files
  // into many chunks. Not in --help.
  numeric(app.add_option("--chunk-bytes", reader.chunk_bytes), NumberRule::whole_number())
      ->group("");
}

void add_by_option(CLI::App& app, std::vector<std::string>& by, const std::string& help) {
  app.add_option("--by", by, help)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("COL[,COL...]");
}

void add_na_option(CLI::App& app, std::vector<std::string>& codes) {
  app.add_option("--na", codes,
                 "Extra answers that mean \"no answer\" (counted as missing), e.g. --na 99,\"Don't know\"")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("VALUE[,VALUE...]");
}

void add_confidence_option(CLI::App& app, double& level, const std::string& help) {
  NumberRule rule = NumberRule::number(0.5, 1);
  rule.below_high = true;
  rule.example = "0.95";
  numeric(app.add_option("--confidence", level, help), rule)->type_name("LEVEL");
}

void add_min_n_option(CLI::App& app, std::optional<std::uint64_t>& min_n, const std::string& help) {
  numeric(app.add_option("--min-n", min_n, help), NumberRule::whole_number())->type_name("N");
}

void add_stage_options(CLI::App& app, RunStage& stage) {
  auto* partial = app.add_flag_callback(
      "--partial", [&stage] { stage = RunStage::partial; },
      "Write the state of the statistics (NDJSON, docs/scale-out.md) instead of the result, for "
      "a later --merge: run it on each shard of a large input");
  auto* merge = app.add_flag_callback(
      "--merge", [&stage] { stage = RunStage::merge; },
      "Read FILE... as --partial states (any number, any order) and finish them: the result of "
      "one run over all the shards. Give it the same --score, --weight, --by, --na (and scale "
      "options) as --partial");
  partial->excludes(merge);
}

void add_metric_options(CLI::App& app, MetricOptions& options) {
  add_by_option(app, options.by,
                "Group by these columns (names or 1-based positions), e.g. --by plan,region");
  app.add_option("--weight", options.weight,
                 "Weight column: weighted shares, Kish effective n for every interval")
      ->type_name("COL");
  add_na_option(app, options.na_codes);
  app.add_flag("--strict", options.strict,
               "An invalid answer or weight is an input error (exit 3) instead of being counted");
  add_confidence_option(app, options.confidence, "Confidence level of intervals (default 0.95)");
  add_min_n_option(app, options.min_n,
                   "Fail (exit 1) when fewer valid answers than N overall; groups under N are "
                   "flagged low base (default flag threshold 30)");
  numeric(app.add_option("--fail-under", options.fail_under,
                         "Fail (exit 1) when the overall metric is below X"),
          NumberRule::number())
      ->type_name("X");
  add_stage_options(app, options.stage);
}

void add_output_options(
    CLI::App& app, OutputOptions& options,
    std::initializer_list<std::pair<output::OutputFormat, std::string_view>> notes,
    const std::string& quiet_help) {
  add_choice(app, "-o,--output", "FORMAT", output::kOutputFormatNames,
             [&options](output::OutputFormat format) { options.format = format; },
             "Output format: ", notes);
  app.add_flag("-q,--quiet", options.quiet, quiet_help);
}

void write_stdout(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    if (errno == EPIPE) std::exit(0);
    throw Error(Exit::input, fmt::format("cannot write the output: {}", std::strerror(errno)));
  }
}

TextSink stdout_sink() {
  return [](std::string_view text) { write_stdout(text); };
}

int print_outcome(std::string_view tool, const Outcome& outcome, output::OutputFormat format,
                  bool quiet) {
  if (!outcome.output.empty()) write_stdout(outcome.output);
  if (outcome.report) output::render(*outcome.report, format, write_stdout);
  if (!quiet)
    for (const auto& warning : outcome.warnings)
      std::fprintf(stderr, "%.*s: warning: %s\n", static_cast<int>(tool.size()), tool.data(),
                   warning.c_str());
  for (const auto& reason : outcome.failed_checks)
    std::fprintf(stderr, "%.*s: check failed: %s\n", static_cast<int>(tool.size()), tool.data(),
                 reason.c_str());
  return outcome.failed_checks.empty() ? static_cast<int>(Exit::ok)
                                       : static_cast<int>(Exit::check_failed);
}

int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
  const std::string tool = app.get_name();
  // Help goes to stdout like any output: a write that fails is an error. CLI11 writes it to
  // std::cout; the version line ends with std::endl, whose flush can fail before ours, leaving
  // only the error flags to tell (errno then still holds that write's reason).
  auto help_written = [&](int status) {
    const bool failed = std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout;
    if (failed && errno != EPIPE) {
      std::fprintf(stderr, "%s: cannot write the output: %s\n", tool.c_str(), std::strerror(errno));
      return static_cast<int>(Exit::input);
    }
    return status;
  };
  app.formatter(std::make_shared<HelpFormatter>());
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
    std::string message = e.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr)
      message = unknown_option_message(app, app.remaining()).value_or(message);
    else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr)
      message = mismatch_message(app, message).value_or(message);
    std::fprintf(stderr, "%s: %s\nRun '%s --help' for the options and examples.\n", tool.c_str(),
                 message.c_str(), tool.c_str());
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
