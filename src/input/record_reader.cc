#include "input/record_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "error.h"
#include "input/byte_source.h"
#include "input/csv_reader.h"
#include "input/json_reader.h"

namespace koe {

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;

// Several inputs read as one: the first one's header is the stream's header;
// the others are opened when reached and must agree with it.
class ConcatenatedReader final : public RecordReader {
 public:
  ConcatenatedReader(std::vector<std::string> paths, const ReaderOptions& options)
      : paths_(std::move(paths)), options_(options), current_(open_one(paths_[0], options_)) {
    // Empty inputs before the first with a header add nothing.
    while (current_->header().empty() && next_path_ < paths_.size())
      current_ = open_one(paths_[next_path_++], options_);
    header_ = current_->header();
    label_rows_ = current_->label_rows();
    first_name_ = current_->name();
  }

  const std::vector<std::string>& header() const override { return header_; }
  const std::vector<std::vector<std::string>>& label_rows() const override { return label_rows_; }
  void select(const std::vector<std::size_t>& columns) override {
    selected_ = columns;
    current_->select(columns);
  }
  void select_keys(const std::vector<std::string>& names) override {
    std::vector<std::size_t> columns;
    for (const auto& name : names) {
      auto found = std::find(header_.begin(), header_.end(), name);
      if (found == header_.end()) throw_usage(fmt::format("no column named \"{}\"", name));
      columns.push_back(static_cast<std::size_t>(found - header_.begin()));
    }
    select(columns);
  }
  const std::string& name() const override { return current_->name(); }
  char delimiter() const override { return current_->delimiter(); }
  bool keyed() const override { return current_->keyed(); }
  void track_other_keys() override {
    track_other_keys_ = true;
    current_->track_other_keys();
  }
  OtherKeys other_keys() const override {
    OtherKeys total = earlier_other_keys_;
    total.add(current_->other_keys());
    return total;
  }

  bool next_batch(Batch& batch) override {
    while (!current_->next_batch(batch)) {
      if (next_path_ == paths_.size()) return false;
      open_next();
    }
    return true;
  }

 private:
  void open_next() {
    auto next = open_one(paths_[next_path_++], options_);
    const auto& header = next->header();
    if (header.empty()) return;  // an empty input adds no rows
    if (next->keyed()) {
      std::vector<std::string> names;
      for (auto column : selected_) names.push_back(header_[column]);
      keep_other_keys();
      current_ = std::move(next);
      current_->select_keys(names);
      if (track_other_keys_) current_->track_other_keys();
      return;
    }
    if (header != header_) {
      std::size_t i = 0;
      while (i < header.size() && i < header_.size() && header[i] == header_[i]) ++i;
      auto name_at = [](const std::vector<std::string>& names, std::size_t i) {
        return i < names.size() ? fmt::format("\"{}\"", names[i]) : std::string("no column");
      };
      throw_input(fmt::format("the header differs from the first input's, so they cannot be read "
                              "as one stream: column {} is {} here and {} in {}",
                              i + 1, name_at(header, i), name_at(header_, i), first_name_),
                  {next->name(), 1});
    }
    keep_other_keys();
    current_ = std::move(next);
    current_->select(selected_);
  }

  // Keeps the current input's records with other keys before it is closed.
  void keep_other_keys() { earlier_other_keys_.add(current_->other_keys()); }

  std::vector<std::string> paths_;
  ReaderOptions options_;
  std::size_t next_path_ = 1;
  std::unique_ptr<RecordReader> current_;
  std::vector<std::size_t> selected_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> label_rows_;
  std::string first_name_;  // the input the header came from
  bool track_other_keys_ = false;
  OtherKeys earlier_other_keys_;  // of the inputs read before the current one
};

}  // namespace

std::unique_ptr<RecordReader> open_one(const std::string& path, const ReaderOptions& options) {
  return open_source(std::make_unique<ByteSource>(path), options);
}

std::unique_ptr<RecordReader> open_source(std::unique_ptr<ByteSource> source,
                                          const ReaderOptions& options) {
  if (!options.encoding.empty()) source->decode_from(options.encoding);
  Format format = options.format;
  if (format == Format::automatic && options.delimiter != 0) format = Format::csv;
  if (format == Format::automatic) format = format_from_extension(source->path());
  if (format == Format::automatic) format = sniff_format(source->peek(kSniffBytes));

  switch (format) {
    case Format::json:
    case Format::ndjson: {
      // A .json file may hold either form; the first byte tells which.
      bool array = sniff_format(source->peek(kSniffBytes)) == Format::json;
      return std::make_unique<JsonReader>(std::move(source), options, array);
    }
    case Format::tsv:
      return std::make_unique<CsvReader>(std::move(source), options,
                                         options.delimiter ? options.delimiter : '\t');
    case Format::csv:
    case Format::automatic: {
      char delimiter = options.delimiter;
      if (delimiter == 0) delimiter = sniff_delimiter(source->peek(kSniffBytes));
      return std::make_unique<CsvReader>(std::move(source), options, delimiter);
    }
  }
  return nullptr;
}

std::unique_ptr<RecordReader> open_input(const std::vector<std::string>& paths,
                                         const ReaderOptions& options) {
  std::vector<std::string> inputs = paths.empty() ? std::vector<std::string>{"-"} : paths;
  if (inputs.size() == 1) return open_one(inputs[0], options);
  return std::make_unique<ConcatenatedReader>(std::move(inputs), options);
}

}  // namespace koe
