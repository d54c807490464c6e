// A file or standard input, read in large blocks. The first bytes can be
// peeked at (to sniff the format) and are then handed out again by read().
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace koe {

class Decoder;

class ByteSource {
 public:
  // "-" is standard input. Throws an input error naming the path when the
  // file cannot be opened or is a directory.
  explicit ByteSource(const std::string& path);
  // The bytes [begin, end) of the file at `path` (a chunk read by one
  // thread), named like the file.
  ByteSource(const std::string& path, std::uint64_t begin, std::uint64_t end);
  // Bytes already in memory (fuzzing, tests), named `name` in messages.
  struct InMemory {};
  ByteSource(InMemory, std::string name, std::string contents);
  ~ByteSource();
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  // The name used in messages: the path, or "<stdin>".
  const std::string& name() const { return name_; }
  const std::string& path() const { return path_; }

  // Up to `size` bytes from the start of the input, without consuming them.
  std::string_view peek(std::size_t size);

  // Fills at most `size` bytes of `out`; returns 0 only at end of input.
  std::size_t read(char* out, std::size_t size);

  // From now on read() hands out the input decoded from `encoding` to
  // UTF-8 (peek() still shows the raw bytes).
  void decode_from(const std::string& encoding);
  // Whether read() hands out the file's own bytes, at their own offsets (a
  // file, not standard input, not decoded).
  bool is_plain_file() const { return owns_fd_ && !decoder_; }

 private:
  std::size_t read_undecoded(char* out, std::size_t size);
  std::size_t read_raw(char* out, std::size_t size);

  std::unique_ptr<Decoder> decoder_;

  std::string path_;
  std::string name_;
  int fd_ = -1;
  bool owns_fd_ = false;
  std::uint64_t remaining_ = UINT64_MAX;  // bytes left to read (a chunk's end)
  std::string peeked_;
  std::size_t peeked_pos_ = 0;
};

}  // namespace koe
