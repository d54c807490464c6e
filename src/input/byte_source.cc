#include "input/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "error.h"
#include "input/decoder.h"

namespace koe {

ByteSource::ByteSource(const std::string& path)
    : path_(path), name_(path == "-" ? "<stdin>" : path) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
  } else {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw_input(std::string("cannot open: ") + std::strerror(errno), {name_});
    owns_fd_ = true;
  }
  struct stat info {};
  if (::fstat(fd_, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd_);
    owns_fd_ = false;
    throw_input("is a directory, expected a data file", {name_});
  }
#ifdef POSIX_FADV_SEQUENTIAL
  if (owns_fd_) ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
}

ByteSource::ByteSource(const std::string& path, std::uint64_t begin, std::uint64_t end)
    : path_(path), name_(path), remaining_(end - begin) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw_input(std::string("cannot open: ") + std::strerror(errno), {name_});
  owns_fd_ = true;
  if (::lseek(fd_, static_cast<off_t>(begin), SEEK_SET) < 0)
    throw_input(std::string("cannot seek: ") + std::strerror(errno), {name_});
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd_, static_cast<off_t>(begin), static_cast<off_t>(end - begin),
                  POSIX_FADV_SEQUENTIAL);
#endif
}

ByteSource::ByteSource(InMemory, std::string name, std::string contents)
    : path_(name), name_(std::move(name)), peeked_(std::move(contents)) {}

void ByteSource::decode_from(const std::string& encoding) {
  decoder_ = std::make_unique<Decoder>(encoding, name_);
}

ByteSource::~ByteSource() {
  if (owns_fd_) ::close(fd_);
}

std::size_t ByteSource::read_raw(char* out, std::size_t size) {
  if (fd_ < 0) return 0;  // in memory: everything was in peeked_
  size = static_cast<std::size_t>(std::min<std::uint64_t>(size, remaining_));
  if (size == 0) return 0;
  for (;;) {
    ssize_t got = ::read(fd_, out, size);
    if (got >= 0) {
      remaining_ -= static_cast<std::uint64_t>(got);
      return static_cast<std::size_t>(got);
    }
    if (errno == EINTR) continue;
    throw_input(std::string("read failed: ") + std::strerror(errno), {name_});
  }
}

std::string_view ByteSource::peek(std::size_t size) {
  while (peeked_.size() < size) {
    std::size_t old = peeked_.size();
    peeked_.resize(size);
    std::size_t got = read_raw(peeked_.data() + old, size - old);
    peeked_.resize(old + got);
    if (got == 0) break;
  }
  return std::string_view(peeked_).substr(0, std::min(size, peeked_.size()));
}

std::size_t ByteSource::read(char* out, std::size_t size) {
  if (decoder_)
    return decoder_->read(out, size, [this](char* raw, std::size_t n) { return read_undecoded(raw, n); });
  return read_undecoded(out, size);
}

std::size_t ByteSource::read_undecoded(char* out, std::size_t size) {
  if (peeked_pos_ < peeked_.size()) {
    std::size_t n = std::min(size, peeked_.size() - peeked_pos_);
    std::memcpy(out, peeked_.data() + peeked_pos_, n);
    peeked_pos_ += n;
    if (peeked_pos_ == peeked_.size()) {
      peeked_.clear();
      peeked_.shrink_to_fit();
      peeked_pos_ = 0;
    }
    return n;
  }
  return read_raw(out, size);
}

}  // namespace koe
