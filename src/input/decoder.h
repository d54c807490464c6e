// Reading exports in the encodings they arrive in (Shift_JIS / CP932 from
// Japanese Excel, Windows-1252 and Latin-1 from older survey tools) as
// UTF-8, through the C library's iconv. A byte that does not decode is an
// error naming its line and byte offset, never silently replaced.
#pragma once

#include <iconv.h>

#include <cstdint>
#include <functional>
#include <string>

namespace koe {

class Decoder {
 public:
  // `encoding` as users write it: cp932, shift_jis, sjis, windows-1252,
  // latin1, utf-8 ... (any name iconv knows). A usage error if unknown.
  Decoder(const std::string& encoding, std::string source_name);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Fills at most `size` bytes of `out` with UTF-8, reading raw bytes with
  // `read_raw`; returns 0 only at the end of the input.
  std::size_t read(char* out, std::size_t size,
                   const std::function<std::size_t(char*, std::size_t)>& read_raw);

  const std::string& encoding() const { return encoding_; }

 private:
  [[noreturn]] void fail(const char* at_raw, bool truncated) const;

  iconv_t converter_;
  std::string encoding_;
  std::string source_name_;
  std::string raw_;          // raw bytes read but not yet converted
  std::size_t raw_begin_ = 0;
  std::uint64_t raw_offset_ = 0;  // input offset of raw_[raw_begin_]
  std::uint64_t lines_ = 1;       // line of the next converted byte
  bool eof_ = false;
};

}  // namespace koe
