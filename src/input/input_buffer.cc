#include "input/input_buffer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "error.h"

namespace koe {

InputBuffer::InputBuffer(ByteSource& source, std::size_t block) : source_(source), block_(block) {
  grow(block_);
}

void InputBuffer::grow(std::size_t capacity) {
  // Zeroed (make_unique value-initializes): scanners read whole blocks past
  // the data's end, into bytes that must hold something.
  auto bigger = std::make_unique<char[]>(capacity + kPadding);
  std::size_t live = end_ - begin_;
  if (live) std::memcpy(bigger.get(), data_.get() + begin_, live);
  data_ = std::move(bigger);
  capacity_ = capacity;
  begin_ = 0;
  end_ = live;
}

void InputBuffer::consume_to(const char* position) {
  std::size_t next = static_cast<std::size_t>(position - data_.get());
  consumed_ += next - begin_;
  begin_ = next;
}

bool InputBuffer::refill(std::uint64_t record_line) {
  if (eof_) return false;
  std::size_t live = end_ - begin_;
  if (begin_ > 0) {
    std::memmove(data_.get(), data_.get() + begin_, live);
    begin_ = 0;
    end_ = live;
  }
  bool grown = false;
  if (capacity_ - end_ < std::max<std::size_t>(1, block_ / 2)) {
    if (capacity_ >= kMaxRecord)
      throw_input(fmt::format("a record longer than {} MiB starts here; is a quote left open?",
                              kMaxRecord >> 20),
                  {source_.name(), record_line});
    grow(std::min(capacity_ * 2, kMaxRecord));
    grown = true;
  }
  // After growing for a long record, fill the new space before the reader
  // scans the record again: a pipe hands out 64 KiB at a time, and
  // rescanning after each piece would make one long record quadratic.
  std::size_t total = 0;
  do {
    std::size_t got = source_.read(data_.get() + end_, capacity_ - end_);
    if (got == 0) {
      eof_ = true;
      break;
    }
    end_ += got;
    total += got;
  } while (grown && end_ < capacity_);
  std::memset(data_.get() + end_, 0, kPadding);
  return total != 0;
}

}  // namespace koe
