// A sliding window over a ByteSource shared by the readers: bytes in
// [data(), end()) are read but not yet consumed. refill() slides the
// unconsumed tail to the front and reads more, growing the window only when a
// single record does not fit, so memory follows the longest record, not the
// file. A zeroed tail of kPadding bytes always follows end() (simdjson needs
// it, and it lets scanners read a little past the end safely).
#pragma once

#include <cstdint>
#include <memory>

#include "input/byte_source.h"

namespace koe {

class InputBuffer {
 public:
  static constexpr std::size_t kPadding = 64;
  static constexpr std::size_t kDefaultBlock = 1 << 20;
  static constexpr std::size_t kMaxRecord = std::size_t{1} << 30;

  explicit InputBuffer(ByteSource& source, std::size_t block = kDefaultBlock);

  const char* data() const { return data_.get() + begin_; }
  const char* end() const { return data_.get() + end_; }
  std::size_t size() const { return end_ - begin_; }
  bool eof() const { return eof_; }
  // Bytes consumed before data(), counted from the start of the input.
  std::uint64_t offset() const { return consumed_; }

  void consume_to(const char* position);

  // Reads more input after the unconsumed bytes. Returns false at end of
  // input. `record_line` names the unfinished record in the error raised when
  // one record outgrows kMaxRecord.
  bool refill(std::uint64_t record_line);

  ByteSource& source() { return source_; }

 private:
  void grow(std::size_t capacity);

  ByteSource& source_;
  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;  // usable bytes, padding not included
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::size_t block_;
  std::uint64_t consumed_ = 0;
  bool eof_ = false;
};

}  // namespace koe
