#include "error.h"

#include <fmt/format.h>

namespace koe {

namespace {

std::string full_text(const std::string& message, const Location& where) {
  std::string text;
  if (!where.file.empty()) text += where.file;
  if (where.line != 0) text += fmt::format("{}line {}", text.empty() ? "" : ", ", where.line);
  if (!where.column.empty())
    text += fmt::format("{}column \"{}\"", text.empty() ? "" : ", ", where.column);
  if (!text.empty()) text += ": ";
  return text + message;
}

}  // namespace

Error::Error(Exit code, const std::string& message, Location where)
    : std::runtime_error(full_text(message, where)),
      code_(code),
      where_(std::move(where)),
      message_(message) {}

std::string describe(const Error& error) { return error.what(); }

void throw_usage(const std::string& message) { throw Error(Exit::usage, message); }

void throw_input(const std::string& message, Location where) {
  throw Error(Exit::input, message, std::move(where));
}

}  // namespace koe
