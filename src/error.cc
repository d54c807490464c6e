#include "error.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "utf8.h"

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

std::string quote_value(std::string_view value) {
  constexpr std::size_t kLongest = 60;
  std::string out = "\"";
  std::size_t i = 0;
  while (i < value.size() && i < kLongest) {
    auto byte = static_cast<unsigned char>(value[i]);
    std::size_t length = utf8_sequence_length(byte);
    bool valid = length > 0 && i + length <= value.size();
    for (std::size_t k = 1; valid && k < length; ++k)
      valid = is_utf8_continuation(static_cast<unsigned char>(value[i + k]));
    if (!valid) {
      out += fmt::format("\\x{:02x}", byte);
      ++i;
    } else if (byte == '\n') {
      out += "\\n";
      ++i;
    } else if (byte == '\r') {
      out += "\\r";
      ++i;
    } else if (byte < 0x20 || byte == 0x7f) {
      out += fmt::format("\\x{:02x}", byte);
      ++i;
    } else {
      out.append(value.substr(i, length));
      i += length;
    }
  }
  if (i < value.size()) out += "...";
  out += '"';
  return out;
}

void check_option_file(const std::string& path, std::string_view what) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    throw Error(Exit::usage, fmt::format("{} {}: cannot open: {}", what, path, std::strerror(errno)));
  if (S_ISDIR(info.st_mode))
    throw Error(Exit::usage, fmt::format("{} {}: is a directory, expected a file", what, path));
  // Present is not readable: no permission, or a socket (open fails).
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr)
    throw Error(Exit::usage, fmt::format("{} {}: cannot open: {}", what, path, std::strerror(errno)));
  std::fclose(file);
}

void throw_usage(const std::string& message) { throw Error(Exit::usage, message); }

void throw_input(const std::string& message, Location where) {
  throw Error(Exit::input, message, std::move(where));
}

}  // namespace koe
