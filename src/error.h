// The one error type of the library. Errors stay values (file, line, column,
// message, exit code) until a tool's main turns them into text and a status.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace koe {

// Exit statuses shared by every tool (documented in docs/errors.md).
enum class Exit : int {
  ok = 0,
  check_failed = 1,  // a requested CI check (--fail-under, --min-n) failed
  usage = 2,         // bad flag or value, unknown column
  input = 3,         // malformed or unreadable input, or a failed write
};

// Where in the input an error was found. Empty parts are left out of messages.
struct Location {
  Location() = default;
  Location(std::string file_name, std::uint64_t line_number = 0, std::string column_name = {})
      : file(std::move(file_name)), line(line_number), column(std::move(column_name)) {}

  std::string file;
  std::uint64_t line = 0;  // 1-based physical line; 0 when not known
  std::string column;      // column name as the user knows it
};

class Error : public std::runtime_error {
 public:
  Error(Exit code, const std::string& message, Location where = {});

  Exit code() const { return code_; }
  const Location& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  Exit code_;
  Location where_;
  std::string message_;
};

// "file, line 12, column "score": message" (the parts that are known).
std::string describe(const Error& error);

// A value from the input as messages show it: in quotes, control characters
// and bytes that are not UTF-8 as escapes (\n, \x93), cut after 60 bytes.
std::string quote_value(std::string_view value);

// Checks that an option's file (a taxonomy, labels, rules) can be read;
// a usage error naming the option otherwise.
void check_option_file(const std::string& path, std::string_view what);

[[noreturn]] void throw_usage(const std::string& message);
[[noreturn]] void throw_input(const std::string& message, Location where = {});

}  // namespace koe
