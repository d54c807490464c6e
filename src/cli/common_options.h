// The command-line edge every tool shares: options declared once, in groups
// a tool picks (input, grouping and answers, checks, output), on a CLI11
// app; the one place where a job's Outcome becomes text on stdout and
// stderr and an exit status; and where library errors become messages.
// Nothing in the library (src/ outside cli/) includes this or CLI11.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "input/record_reader.h"
#include "metrics/metric_options.h"
#include "names.h"
#include "option_numbers.h"
#include "outcome.h"
#include "output/report.h"

namespace koe::cli {

// How a result is shown: in which format, and whether warnings are.
struct OutputOptions {
  std::optional<output::OutputFormat> format;  // none: the tool's default
  bool quiet = false;
};

// The cores this process may run on (its affinity mask), at least 1.
std::size_t available_cores();

// Makes `option` numeric: its text is read by `rule` (option_numbers.h), so
// every tool words a bad number alike, "--fail-under: expected a number,
// found "abc"", and a missing one: "... found nothing". Returns `option`.
CLI::Option* numeric(CLI::Option* option, const NumberRule& rule);

// Says what `option`'s value must be, for the message when it is missing
// ("--output: expected table, json, ndjson, csv or md, found nothing").
CLI::Option* expects(CLI::Option* option, const std::string& expected);

// An option whose value is one of a table's names: parsed through the
// table, so the message for a bad value lists the names and suggests the
// closest. `help` is followed by the listed names and their `notes`.
template <class Value, std::size_t N>
CLI::Option* add_choice(CLI::App& app, const std::string& flags, const std::string& type_name,
                        const NameTable<Value, N>& table,
                        std::type_identity_t<std::function<void(Value)>> set,
                        const std::string& help,
                        std::type_identity_t<std::initializer_list<std::pair<Value, std::string_view>>>
                            notes = {}) {
  std::string option = flags.substr(flags.rfind(',') + 1);
  auto* added = app.add_option_function<std::string>(
      flags,
      [&table, set = std::move(set), option](const std::string& text) {
        auto value = parse_name(table, text);
        if (!value) throw CLI::ValidationError(option, unknown_name_message(table, text));
        set(*value);
      },
      help + names_help(table, notes));
  return expects(added, expected_names(table))->type_name(type_name);
}

// FILE..., -d, --input-format, --no-header, --skip-rows, --preset,
// --encoding, --allow-ragged.
void add_input_options(CLI::App& app, Inputs& inputs);

// --threads (and the test hook --chunk-bytes): for the tools whose scan
// reads a large file in chunks on several threads.
void add_threads_option(CLI::App& app, Inputs& inputs);

// The options shared by tools that group and score answers, each declared
// once so that every tool reads them alike; the help text says what they
// mean for the tool.
void add_by_option(CLI::App& app, std::vector<std::string>& by, const std::string& help);
void add_na_option(CLI::App& app, std::vector<std::string>& codes);
void add_confidence_option(CLI::App& app, double& level, const std::string& help);
void add_min_n_option(CLI::App& app, std::optional<std::uint64_t>& min_n, const std::string& help);

// --partial and --merge (docs/scale-out.md): write the job's state for a
// later merge, or merge such states (the FILE... are then partial streams).
void add_stage_options(CLI::App& app, RunStage& stage);

// --by, --weight, --na, --strict, --confidence, --min-n, --fail-under,
// --partial, --merge: what every metric tool (nps, csat, ces) takes.
void add_metric_options(CLI::App& app, MetricOptions& options);

// -o and -q. `notes` mark the default format(s) in the help.
void add_output_options(
    CLI::App& app, OutputOptions& options,
    std::initializer_list<std::pair<output::OutputFormat, std::string_view>> notes = {
        {output::OutputFormat::table, "default"}},
    const std::string& quiet_help = "No warnings on stderr (counts stay in the output)");

// Parses the command line and runs `body`, turning every error into one line
// on stderr ("tool: message") and the documented exit status.
int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

// Writes to standard output; a closed pipe ends the program quietly, any
// other failure is an error (exit 3).
void write_stdout(std::string_view text);

// A sink that writes to standard output, for jobs that stream rows.
TextSink stdout_sink();

// The one printer of outcomes: the report (if any) in `format` on stdout,
// then "tool: warning: ..." lines unless quiet, then "tool: check failed:
// ..." lines; returns the exit status (1 when a check failed, else 0).
int print_outcome(std::string_view tool, const Outcome& outcome, output::OutputFormat format,
                  bool quiet);

}  // namespace koe::cli
