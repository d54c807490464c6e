// UTF-8 at the byte level, for code that walks text a character at a time
// without decoding it: quoting a value in a message, folding a name for a
// spelling hint, cutting a table cell to its width.
#pragma once

#include <cstddef>

namespace koe {

// How many bytes the UTF-8 sequence starting with `lead` takes: 1 for ASCII,
// 2 to 4 for a lead byte, 0 for a continuation byte (0x80-0xBF), which
// starts nothing. Only the lead byte is read: whether the continuation bytes
// are there, and whether the sequence is valid at all (0xF8-0xFF count as
// 4), is the caller's to check, each caller falling back its own way.
constexpr std::size_t utf8_sequence_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xC0 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Whether `byte` continues a UTF-8 sequence (0x80-0xBF) rather than
// starting one: where text may be cut without splitting a character.
constexpr bool is_utf8_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace koe
