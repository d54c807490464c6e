#include "input/decoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "error.h"

namespace koe {

namespace {

constexpr std::size_t kRawBlock = 64 * 1024;

std::string iconv_name(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (name == "SJIS" || name == "SHIFT-JIS") return "SHIFT_JIS";
  if (name == "LATIN1" || name == "LATIN-1") return "ISO-8859-1";
  if (name == "CP1252") return "WINDOWS-1252";
  return name;
}

}  // namespace

Decoder::Decoder(const std::string& encoding, std::string source_name)
    : encoding_(encoding), source_name_(std::move(source_name)) {
  converter_ = iconv_open("UTF-8", iconv_name(encoding).c_str());
  if (converter_ == reinterpret_cast<iconv_t>(-1))
    throw_usage(fmt::format("--encoding {}: not an encoding this system can read (try cp932, "
                            "shift_jis, windows-1252, latin1, utf-8)",
                            encoding));
  // Delimiters, quotes and line ends are found in the bytes before
  // decoding, so the encoding must write ASCII as ASCII (UTF-16 does not).
  std::string probe = "Az09,;|\t\"\n\r{}[]:";
  std::string decoded(probe.size() * 4, '\0');
  char* in = probe.data();
  std::size_t in_left = probe.size();
  char* out = decoded.data();
  std::size_t out_left = decoded.size();
  bool same = iconv(converter_, &in, &in_left, &out, &out_left) != static_cast<std::size_t>(-1) &&
              decoded.substr(0, decoded.size() - out_left) == probe;
  iconv(converter_, nullptr, nullptr, nullptr, nullptr);  // back to the initial state
  if (!same) {
    iconv_close(converter_);
    throw_usage(fmt::format("--encoding {}: only encodings that keep ASCII as ASCII can be read "
                            "(cp932, shift_jis, windows-1252, latin1, utf-8 ...); convert the "
                            "file to UTF-8 first, e.g. iconv -f {} -t UTF-8",
                            encoding, encoding));
  }
}

Decoder::~Decoder() { iconv_close(converter_); }

void Decoder::fail(const char* at_raw, bool truncated) const {
  auto offset = raw_offset_ + static_cast<std::uint64_t>(at_raw - (raw_.data() + raw_begin_));
  auto byte = static_cast<unsigned char>(*at_raw);
  throw_input(fmt::format("{}byte 0x{:02X} at byte offset {} is not valid {}{}",
                          truncated ? "the input ends inside a character: " : "", byte, offset,
                          encoding_,
                          iconv_name(encoding_) == "UTF-8"
                              ? ""
                              : "; is the file in another encoding?"),
              {source_name_, lines_});
}

std::size_t Decoder::read(char* out, std::size_t size,
                          const std::function<std::size_t(char*, std::size_t)>& read_raw) {
  for (;;) {
    if (raw_begin_ == raw_.size() || (raw_.size() - raw_begin_ < 8 && !eof_)) {
      // Keep the unconverted tail (part of a character) and read more.
      raw_.erase(0, raw_begin_);
      raw_begin_ = 0;
      if (!eof_) {
        std::size_t old = raw_.size();
        raw_.resize(old + kRawBlock);
        std::size_t got = read_raw(raw_.data() + old, kRawBlock);
        raw_.resize(old + got);
        if (got == 0) eof_ = true;
      }
      if (raw_.empty()) return 0;
    }
    char* in = raw_.data() + raw_begin_;
    std::size_t in_left = raw_.size() - raw_begin_;
    char* written = out;
    std::size_t out_left = size;
    std::size_t result = iconv(converter_, &in, &in_left, &written, &out_left);
    int error = result == static_cast<std::size_t>(-1) ? errno : 0;
    std::size_t produced = static_cast<std::size_t>(written - out);
    std::size_t consumed = static_cast<std::size_t>(in - (raw_.data() + raw_begin_));
    lines_ += static_cast<std::uint64_t>(std::count(out, written, '\n'));
    if (error == EILSEQ) fail(in, false);
    if (error == EINVAL && eof_) fail(in, true);
    raw_begin_ += consumed;
    raw_offset_ += consumed;
    if (produced > 0) return produced;
    if (error == E2BIG) throw_input("internal: no room to decode one character", {source_name_});
    // Nothing produced: a character is split across raw blocks; read on.
    if (error == EINVAL) {
      raw_.erase(0, raw_begin_);
      raw_begin_ = 0;
      std::size_t old = raw_.size();
      raw_.resize(old + kRawBlock);
      std::size_t got = read_raw(raw_.data() + old, kRawBlock);
      raw_.resize(old + got);
      if (got == 0) eof_ = true;
    }
  }
}

}  // namespace koe
