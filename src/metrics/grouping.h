// Per-group accumulators keyed by the values of the --by columns. Each
// distinct key gets its own accumulator; finished groups come out in a
// stable order that does not depend on input order or thread count.
#pragma once

#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <map>
#include <optional>
#include <vector>

#include "dimension.h"

namespace koe {

// Orders group keys: column by column, numbers numerically when both values
// are numbers, other text by bytes (code point order for UTF-8), blank last.
bool group_key_less(const std::vector<std::string>& a, const std::vector<std::string>& b);
// The same order with each field's number (nullopt: not a number, or
// blank) read beforehand: sorting many groups parses each key once.
bool parsed_key_less(const std::vector<std::string>& a, const std::optional<double>* a_numbers,
                    const std::vector<std::string>& b, const std::optional<double>* b_numbers);
std::vector<std::optional<double>> key_numbers(const std::vector<std::string>& key);

template <class Accumulator>
class GroupTable {
 public:
  struct Group {
    std::vector<std::string> key;
    Accumulator accumulator;
  };

  explicit GroupTable(Accumulator prototype) : prototype_(std::move(prototype)) {}

  // The group of `fields`, created (from the prototype) on first sight.
  // `created` tells the caller a new key was seen, to validate it once.
  Accumulator& find(const std::vector<std::string_view>& fields, bool& created) {
    // Most breakdowns have a handful of groups (plans, regions, months):
    // comparing the keys beats hashing them.
    if (groups_.size() <= kFewGroups) {
      created = false;
      for (auto& group : groups_)
        if (std::equal(group.key.begin(), group.key.end(), fields.begin(), fields.end()))
          return group.accumulator;
      if (groups_.size() < kFewGroups) {
        created = true;
        groups_.push_back({std::vector<std::string>(fields.begin(), fields.end()), prototype_});
        return groups_.back().accumulator;
      }
      // The table outgrows linear search: index every group from now on.
      for (std::size_t i = 0; i < groups_.size(); ++i) {
        std::vector<std::string_view> key(groups_[i].key.begin(), groups_[i].key.end());
        index_.emplace(encode(key), i);
      }
    }
    encoded_ = encode(fields);
    created = false;
    if (auto found = index_.find(encoded_); found != index_.end()) return groups_[found->second].accumulator;
    created = true;
    index_.emplace(encoded_, groups_.size());
    groups_.push_back({std::vector<std::string>(fields.begin(), fields.end()), prototype_});
    return groups_.back().accumulator;
  }

  void merge(const GroupTable& other) {
    bool created = false;
    for (const auto& group : other.groups_) {
      std::vector<std::string_view> fields(group.key.begin(), group.key.end());
      find(fields, created).merge(group.accumulator);
    }
  }

  // Groups in group_key_less order.
  std::vector<const Group*> sorted() const {
    const std::size_t fields = groups_.empty() ? 0 : groups_.front().key.size();
    std::vector<std::optional<double>> numbers;
    numbers.reserve(groups_.size() * fields);
    for (const auto& group : groups_)
      for (auto number : key_numbers(group.key)) numbers.push_back(number);
    std::vector<std::size_t> order(groups_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return parsed_key_less(groups_[a].key, numbers.data() + a * fields, groups_[b].key,
                            numbers.data() + b * fields);
    });
    std::vector<const Group*> out;
    out.reserve(order.size());
    for (auto i : order) out.push_back(&groups_[i]);
    return out;
  }

  std::size_t size() const { return groups_.size(); }

  // Adds the empty groups a trend or a set of bins must not skip: along each
  // dimension that fills gaps, every key between the first and the last seen
  // with the same keys in the other dimensions.
  void fill_gaps(const std::vector<Dimension>& dimensions) {
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
      if (!dimensions[d].fills_gaps()) continue;
      // Keys of the other dimensions -> the lowest and highest key along d.
      std::map<std::vector<std::string>, std::pair<std::string, std::string>> ranges;
      for (const auto& group : groups_) {
        if (group.key[d].empty()) continue;
        auto others = group.key;
        others[d].clear();
        auto [range, fresh] = ranges.try_emplace(others, group.key[d], group.key[d]);
        if (fresh) continue;
        if (group_key_less({group.key[d]}, {range->second.first})) range->second.first = group.key[d];
        if (group_key_less({range->second.second}, {group.key[d]})) range->second.second = group.key[d];
      }
      bool created = false;
      for (const auto& [others, range] : ranges) {
        for (const auto& key : dimensions[d].keys_between(range.first, range.second)) {
          std::vector<std::string_view> fields(others.begin(), others.end());
          fields[d] = key;
          find(fields, created);
        }
      }
    }
  }

 private:
  static constexpr std::size_t kFewGroups = 16;

  // Each field's length, then its bytes: distinct keys, distinct strings.
  std::string encode(const std::vector<std::string_view>& fields) {
    std::string encoded = std::move(encoded_);
    encoded.clear();
    for (auto field : fields) {
      std::uint32_t size = static_cast<std::uint32_t>(field.size());
      encoded.append(reinterpret_cast<const char*>(&size), sizeof size);
      encoded.append(field);
    }
    return encoded;
  }

  Accumulator prototype_;
  std::string encoded_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<Group> groups_;
};

}  // namespace koe
