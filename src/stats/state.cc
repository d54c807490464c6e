#include "stats/state.h"

#include <charconv>

namespace koe::stats {

StateWriter& StateWriter::number(std::uint64_t value) {
  json_.push_back(empty_ ? '[' : ',');
  json_.append(std::to_string(value));
  empty_ = false;
  return *this;
}

StateWriter& StateWriter::word(std::string_view text) {
  json_.push_back(empty_ ? '[' : ',');
  json_.push_back('"');
  json_.append(text.data(), text.size());
  json_.push_back('"');
  empty_ = false;
  return *this;
}

const std::string& StateWriter::json() const {
  if (empty_) json_.assign(1, '[');
  if (json_.back() != ']') json_.push_back(']');
  return json_;
}

const std::string& StateReader::next() {
  expect(next_ < fields_.size(), "the state has fewer fields than its accumulator");
  return fields_[next_++];
}

std::uint64_t StateReader::number() {
  const auto& text = next();
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  expect(error == std::errc() && end == text.data() + text.size() && !text.empty(),
         "a count in the state is not a whole number");
  return value;
}

const std::string& StateReader::word() { return next(); }

void StateReader::finish() const {
  expect(next_ == fields_.size(), "the state has more fields than its accumulator");
}

void StateReader::expect(bool ok, const char* what) {
  if (!ok) throw StateError(what);
}

}  // namespace koe::stats
