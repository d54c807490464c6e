#include "input/csv_chunks.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

#include "error.h"

namespace koe {

namespace {

// The reader's lexing states (csv_reader.cc) and what moves between them.
enum State : std::uint8_t { kRecordStart, kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
enum Class : std::uint8_t { kOther, kQuote, kDelimiter, kLineEnd };

constexpr std::array<std::array<State, 4>, 5> kNext{{
    // other      quote           delimiter    line end (LF or CR)
    {{kUnquoted, kQuoted, kFieldStart, kRecordStart}},      // record start: blank lines skip
    {{kUnquoted, kQuoted, kFieldStart, kRecordStart}},      // field start
    {{kUnquoted, kUnquoted, kFieldStart, kRecordStart}},    // unquoted: a quote is literal
    {{kQuoted, kQuoteInQuoted, kQuoted, kQuoted}},          // quoted: all but a quote is content
    {{kUnquoted, kQuoted, kFieldStart, kRecordStart}},      // after a quote in a quoted field:
                                                            // doubled, or closing (text after
                                                            // it is kept, unquoted)
}};

constexpr std::size_t kWindow = std::size_t{1} << 20;
constexpr std::size_t kFirstWindow = std::size_t{64} << 10;

// Whether a quote is among the bytes [begin, end) of the file: mapped a
// stretch at a time and unmapped again, so the pages looked at do not stay
// in the process's memory.
bool has_quote(int fd, std::uint64_t begin, std::uint64_t end) {
  constexpr std::uint64_t kStretch = std::uint64_t{8} << 20;
  const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  for (std::uint64_t at = begin - begin % page; at < end; at += kStretch) {
    std::uint64_t length = std::min(kStretch, end - at);
    void* mapped = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(at));
    if (mapped == MAP_FAILED) return true;  // cannot tell: assume the worst
    const char* bytes = static_cast<const char*>(mapped);
    const std::uint64_t skip = at < begin ? begin - at : 0;
    bool found = std::memchr(bytes + skip, '"', length - skip) != nullptr;
    ::munmap(mapped, length);
    if (found) return true;
  }
  return false;
}

}  // namespace

std::optional<std::size_t> next_record_start(std::string_view bytes, char delimiter,
                                             bool may_be_quoted) {
  std::array<Class, 256> classes{};
  classes[static_cast<unsigned char>('"')] = kQuote;
  classes[static_cast<unsigned char>('\n')] = kLineEnd;
  classes[static_cast<unsigned char>('\r')] = kLineEnd;
  classes[static_cast<unsigned char>(delimiter)] = kDelimiter;
  // Every state the split point might be in, until they agree.
  std::array<State, 5> states{kRecordStart, kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted};
  if (!may_be_quoted) states[3] = states[4] = kUnquoted;
  bool agreed = false;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char byte = bytes[i];
    const Class c = classes[static_cast<unsigned char>(byte)];
    for (auto& state : states) state = kNext[state][c];
    if (!agreed) {
      agreed = states[0] == states[1] && states[0] == states[2] && states[0] == states[3] &&
               states[0] == states[4];
      if (!agreed) continue;
    }
    if (states[0] != kRecordStart) continue;
    if (byte == '\n') return i + 1;
    // A lone CR ends a record too; CR LF is split after the LF.
    if (byte == '\r' && i + 1 < bytes.size() && bytes[i + 1] != '\n') return i + 1;
  }
  return std::nullopt;
}

std::optional<std::size_t> next_object_line(std::string_view bytes) {
  for (std::size_t i = bytes.find('\n'); i != std::string_view::npos; i = bytes.find('\n', i + 1)) {
    std::size_t j = i + 1;
    while (j < bytes.size() && (bytes[j] == ' ' || bytes[j] == '\t' || bytes[j] == '\r')) ++j;
    if (j < bytes.size() && bytes[j] == '{') return i + 1;
  }
  return std::nullopt;
}

namespace {

// Cuts [begin, end) near `parts` equal split points where `find` says a
// record starts in the window after each.
template <class Find>
std::vector<std::uint64_t> bounds_near_splits(const std::string& path, std::uint64_t begin,
                                              std::uint64_t end, std::size_t parts,
                                              std::uint64_t min_bytes, const Find& find) {
  std::vector<std::uint64_t> bounds{begin};
  if (parts > 1 && end > begin && (end - begin) / parts >= min_bytes) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw_input(std::string("cannot open: ") + std::strerror(errno), {path});
    std::string window(kWindow, '\0');
    for (std::size_t k = 1; k < parts; ++k) {
      std::uint64_t split = begin + (end - begin) / parts * k;
      if (split < bounds.back() + min_bytes) continue;
      // A boundary is nearly always within a few records of the split point:
      // a small window first, the whole one only when that finds none (the
      // search reads from the front, so a shorter window finds the same
      // boundary or none). Row tools cut a file into hundreds of chunks,
      // and reading a megabyte for each was a pass over the file ahead of
      // the threads.
      std::optional<std::size_t> start;
      ssize_t got = 0;
      for (std::size_t size : {kFirstWindow, kWindow}) {
        got = ::pread(fd, window.data(), std::min<std::uint64_t>(size, end - split),
                      static_cast<off_t>(split));
        if (got <= 0) break;
        start = find(fd, bounds.back(), split,
                     std::string_view(window.data(), static_cast<std::size_t>(got)));
        if (start || static_cast<std::size_t>(got) < size) break;
      }
      if (got <= 0) break;
      if (start && split + *start < end) bounds.push_back(split + *start);
    }
    ::close(fd);
  }
  bounds.push_back(end);
  return bounds;
}

}  // namespace

std::vector<std::uint64_t> ndjson_chunk_bounds(const std::string& path, std::uint64_t begin,
                                               std::uint64_t end, std::size_t parts,
                                               std::uint64_t min_bytes) {
  return bounds_near_splits(path, begin, end, parts, min_bytes,
                            [](int, std::uint64_t, std::uint64_t, std::string_view bytes) {
                              return next_object_line(bytes);
                            });
}

std::vector<std::uint64_t> csv_chunk_bounds(const std::string& path, std::uint64_t begin,
                                            std::uint64_t end, char delimiter, std::size_t parts,
                                            std::uint64_t min_bytes) {
  return bounds_near_splits(
      path, begin, end, parts, min_bytes,
      [delimiter](int fd, std::uint64_t last, std::uint64_t split, std::string_view bytes) {
        auto start = next_record_start(bytes, delimiter);
        if (!start && !has_quote(fd, last, split)) start = next_record_start(bytes, delimiter, false);
        return start;
      });
}

}  // namespace koe
