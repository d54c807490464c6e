#include "input/record_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "error.h"
#include "input/byte_source.h"
#include "input/csv_reader.h"
#include "input/encoding_guess.h"
#include "input/json_reader.h"
#include "output/text_width.h"

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
    readings_ = current_->readings();
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
  std::vector<InputReading> readings() const override { return readings_; }
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
    add_readings(readings_, next->readings());
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
  std::vector<InputReading> readings_;  // of the inputs opened so far
  bool track_other_keys_ = false;
  OtherKeys earlier_other_keys_;  // of the inputs read before the current one
};

// Where the first byte that is not UTF-8 is in the first bytes of an input.
struct FirstBadByte {
  std::uint64_t offset = 0;
  std::uint64_t line = 1;
  unsigned char byte = 0;
};

std::optional<FirstBadByte> first_bad_byte(std::string_view head, bool whole_input) {
  auto offset = output::first_invalid_utf8(head);
  if (offset == std::string_view::npos) return std::nullopt;
  // A character cut by the end of what was peeked is not known to be bad.
  if (!whole_input && head.size() - offset < 4) return std::nullopt;
  auto before = head.substr(0, offset);
  return FirstBadByte{offset, 1 + static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n')),
                      static_cast<unsigned char>(head[offset])};
}

// Column names (and the export's label rows under them) that are not UTF-8
// would be passed into every table, note and output row as mojibake, so
// they are an input error that names the encoding reading them.
void check_header_text(const RecordReader& reader, std::optional<FirstBadByte> first_bad) {
  std::vector<const std::vector<std::string>*> rows{&reader.header()};
  for (const auto& row : reader.label_rows()) rows.push_back(&row);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string bad_names;
    std::size_t first_column = 0, offset_in_name = 0, bad_count = 0;
    for (std::size_t c = 0; c < rows[r]->size(); ++c) {
      const auto& name = (*rows[r])[c];
      auto offset = output::first_invalid_utf8(name);
      if (offset == std::string_view::npos) continue;
      if (bad_count == 0) {
        first_column = c;
        offset_in_name = offset;
      }
      // The names in question are enough to guess from, and to show.
      if (bad_count++ < 3) bad_names += (bad_names.empty() ? "" : ", ") + name;
    }
    if (bad_count == 0) continue;
    const auto& name = (*rows[r])[first_column];
    std::string what = r == 0 ? "the header" : "a header row (--skip-rows, --preset)";
    std::string where =
        first_bad ? fmt::format("byte 0x{:02X} at byte offset {}", first_bad->byte, first_bad->offset)
                  : fmt::format("byte 0x{:02X} at offset {} in the name of column {}",
                                static_cast<unsigned char>(name[offset_in_name]), offset_in_name,
                                first_column + 1);
    throw_input(fmt::format("{} is not valid UTF-8 ({}){}", what, where,
                            encoding_advice(bad_names, false)),
                {reader.name(), first_bad ? first_bad->line : r + 1});
  }
}

// The reader of the input's format: from the options, the extension or the
// first bytes.
std::unique_ptr<RecordReader> open_reader(std::unique_ptr<ByteSource> source,
                                          const ReaderOptions& options) {
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

}  // namespace

InputReading reading_of(const ReaderOptions& options, Format format, char delimiter) {
  InputReading reading;
  const bool json = format == Format::json || format == Format::ndjson;
  reading.format = json ? format : delimiter == '\t' ? Format::tsv : Format::csv;
  reading.delimiter = json ? 0 : delimiter;
  reading.encoding_given = !options.encoding.empty();
  reading.encoding = reading.encoding_given ? options.encoding : "utf-8";
  std::transform(reading.encoding.begin(), reading.encoding.end(), reading.encoding.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // JSON records name their keys and have no label rows under a header.
  if (!json) {
    reading.preset = options.preset;
    reading.skip_rows = options.skip_rows;
  }
  return reading;
}

void add_readings(std::vector<InputReading>& readings, const std::vector<InputReading>& more) {
  for (const auto& reading : more) {
    auto at = std::lower_bound(readings.begin(), readings.end(), reading);
    if (at == readings.end() || *at != reading) readings.insert(at, reading);
  }
}

std::unique_ptr<RecordReader> open_one(const std::string& path, const ReaderOptions& options) {
  return open_source(std::make_unique<ByteSource>(path), options);
}

std::unique_ptr<RecordReader> open_source(std::unique_ptr<ByteSource> source,
                                          const ReaderOptions& options) {
  std::optional<FirstBadByte> first_bad;
  if (options.encoding.empty()) {
    auto head = source->peek(kSniffBytes);
    first_bad = first_bad_byte(head, head.size() < kSniffBytes);
  } else {
    source->decode_from(options.encoding);
  }
  auto reader = open_reader(std::move(source), options);
  if (options.encoding.empty()) check_header_text(*reader, first_bad);
  return reader;
}

std::unique_ptr<RecordReader> open_chunk(const RecordReader::DataStart& input, std::uint64_t begin,
                                         std::uint64_t end, const ReaderOptions& options,
                                         char delimiter, const std::vector<std::string>& header) {
  auto source = std::make_unique<ByteSource>(input.path, begin, end);
  if (input.json) return std::make_unique<JsonReader>(std::move(source), options, header);
  return std::make_unique<CsvReader>(std::move(source), options, delimiter, header);
}

std::unique_ptr<RecordReader> open_input(const std::vector<std::string>& paths,
                                         const ReaderOptions& options) {
  std::vector<std::string> inputs = paths.empty() ? std::vector<std::string>{"-"} : paths;
  if (inputs.size() == 1) return open_one(inputs[0], options);
  return std::make_unique<ConcatenatedReader>(std::move(inputs), options);
}

}  // namespace koe
