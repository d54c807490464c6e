// Per-group accumulators keyed by the values of the --by columns. Each
// distinct key gets its own accumulator; finished groups come out in a
// stable order that does not depend on input order or thread count.
#pragma once

#include <cstdint>
#include <algorithm>
#include <bit>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <map>
#include <optional>
#include <vector>

#include "dimension.h"
#include "values.h"

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
    // Every row asks: the few-groups scan, what most breakdowns need, is
    // kept small enough to sit inline in the caller's loop.
    if (slots_.empty()) {
      if (Group* found = find_few(fields)) {
        created = false;
        return found->accumulator;
      }
    }
    return find_or_add(fields, created);
  }

  // Adds `other`'s groups, taking them rather than copying them, and
  // releasing each of its blocks once taken: merging two big tables costs
  // little more memory than the merged one. The index is sized for both
  // tables at once and each key's hash comes from `other`, so a merge of a
  // million groups neither rehashes nor grows the index group by group; a
  // block of `other` none of whose keys the table has is taken whole.
  void merge(GroupTable&& other) {
    reserve(size_ + other.size_);
    std::vector<std::string_view> fields;
    for (std::size_t b = 0; b < other.blocks_.size(); ++b) {
      auto& block = other.blocks_[b];
      const std::uint32_t* hashes =
          other.hashes_.empty() ? nullptr : other.hashes_.data() + b * kBlock;
      if (hashes && !slots_.empty() && none_known(block, hashes, fields)) {
        adopt(std::move(block), hashes);
      } else {
        for (std::size_t k = 0; k < block.size(); ++k) {
          auto& from = block[k];
          fields.assign(from.key.begin(), from.key.end());
          const std::uint32_t hash = hashes ? hashes[k] : hash_of(fields);
          std::size_t slot = 0;
          if (Group* into = lookup(fields, hash, slot)) {
            into->accumulator.merge(from.accumulator);
          } else {
            insert(std::move(from), hash, slot);
          }
        }
      }
      std::vector<Group>().swap(block);
    }
    other = GroupTable(prototype_);
  }

  // Groups in group_key_less order, sorted on up to `threads` threads (the
  // order is total over distinct keys, so it is the same for any count).
  std::vector<const Group*> sorted(std::size_t threads = 1) const {
    const std::size_t fields = size_ == 0 ? 0 : blocks_[0][0].key.size();
    // The first field's number sits beside each index: a sort of many
    // numeric keys mostly compares these and rarely reads a key's text.
    // Keys of several fields keep every field's number too (by group
    // index); a key of one field (a million ids) needs nothing more.
    struct Entry {
      double number;
      bool is_number;
      std::uint32_t index;
    };
    std::vector<std::optional<double>> numbers(fields > 1 ? index_end() * fields : 0);
    std::vector<Entry> order(size_);
    auto less = [&](const Entry& a, const Entry& b) {
      if (a.is_number && b.is_number && a.number != b.number) return a.number < b.number;
      if (fields > 1)
        return parsed_key_less(group(a.index).key, numbers.data() + a.index * fields,
                               group(b.index).key, numbers.data() + b.index * fields);
      std::optional<double> x, y;
      if (a.is_number) x = a.number;
      if (b.is_number) y = b.number;
      return parsed_key_less(group(a.index).key, &x, group(b.index).key, &y);
    };
    // Each thread reads and sorts the entries of a run of blocks; the runs
    // are then merged.
    if (threads < 2 || size_ < kSortRun) threads = 1;
    std::vector<std::size_t> first_entry(blocks_.size() + 1, 0);  // of each block
    for (std::size_t b = 0; b < blocks_.size(); ++b)
      first_entry[b + 1] = first_entry[b] + blocks_[b].size();
    std::vector<std::size_t> runs;  // blocks
    for (std::size_t t = 0; t <= threads; ++t) runs.push_back(blocks_.size() * t / threads);
    auto entry_at = [&](std::size_t block) {
      return order.begin() + static_cast<std::ptrdiff_t>(first_entry[block]);
    };
    auto sort_run = [&](std::size_t t) {
      for (std::size_t b = runs[t]; b < runs[t + 1]; ++b) {
        for (std::size_t k = 0; k < blocks_[b].size(); ++k) {
          const std::size_t index = b * kBlock + k;
          const auto& key = blocks_[b][k].key;
          std::optional<double> first;
          if (fields > 1) {
            for (std::size_t f = 0; f < fields; ++f)
              if (!key[f].empty()) numbers[index * fields + f] = parse_number(key[f]);
            first = numbers[index * fields];
          } else if (fields == 1 && !key[0].empty()) {
            first = parse_number(key[0]);
          }
          order[first_entry[b] + k] = {first.value_or(0), first.has_value(),
                                       static_cast<std::uint32_t>(index)};
        }
      }
      std::sort(entry_at(runs[t]), entry_at(runs[t + 1]), less);
    };
    {
      std::vector<std::jthread> helpers;
      for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(sort_run, t);
      sort_run(0);
    }
    for (std::size_t t = 1; t < threads; ++t)
      std::inplace_merge(order.begin(), entry_at(runs[t]), entry_at(runs[t + 1]), less);
    std::vector<const Group*> out;
    out.reserve(order.size());
    for (const auto& entry : order) out.push_back(&group(entry.index));
    return out;
  }

  std::size_t size() const { return size_; }

  // Visits every group in the table's own order (the order of first
  // sight), which reads memory front to back: for what does not depend on
  // the order of groups.
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (const auto& block : blocks_)
      for (const auto& group : block) visit(group);
  }

  // Adds the empty groups a trend or a set of bins must not skip: along each
  // dimension that fills gaps, every key between the first and the last seen
  // with the same keys in the other dimensions.
  void fill_gaps(const std::vector<Dimension>& dimensions) {
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
      if (!dimensions[d].fills_gaps()) continue;
      // Keys of the other dimensions -> the lowest and highest key along d.
      std::map<std::vector<std::string>, std::pair<std::string, std::string>> ranges;
      for_each([&](const Group& group) {
        if (group.key[d].empty()) return;
        auto others = group.key;
        others[d].clear();
        auto [range, fresh] = ranges.try_emplace(others, group.key[d], group.key[d]);
        if (fresh) return;
        if (group_key_less({group.key[d]}, {range->second.first})) range->second.first = group.key[d];
        if (group_key_less({range->second.second}, {group.key[d]})) range->second.second = group.key[d];
      });
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
  // Fewer groups than this are sorted on one thread.
  static constexpr std::size_t kSortRun = 1 << 15;
  // Groups live in blocks that never move: no copy of every group when the
  // table grows, and pointers to groups stay valid. Group i is entry
  // i % kBlock of block i / kBlock; a block taken whole from another table
  // (merge) may leave the one before it short, whose missing indices no
  // group has.
  static constexpr std::size_t kBlock = 4096;

  // One past the highest group index.
  std::size_t index_end() const {
    return blocks_.empty() ? 0 : (blocks_.size() - 1) * kBlock + blocks_.back().size();
  }

  Group& group(std::size_t i) { return blocks_[i / kBlock][i % kBlock]; }
  const Group& group(std::size_t i) const { return blocks_[i / kBlock][i % kBlock]; }

  // Adds a group at index index_end().
  Group& append(Group&& added) {
    if (blocks_.empty() || blocks_.back().size() == kBlock) {
      blocks_.emplace_back();
      blocks_.back().reserve(size_ == 0 ? kFewGroups : kBlock);
    } else if (blocks_.back().size() == blocks_.back().capacity()) {
      blocks_.back().reserve(kBlock);  // the first block starts small
    }
    blocks_.back().push_back(std::move(added));
    ++size_;
    return blocks_.back().back();
  }

  static bool same_key(const std::vector<std::string>& key, const std::vector<std::string_view>& fields) {
    return std::equal(key.begin(), key.end(), fields.begin(), fields.end());
  }

  // A key's print for the few-groups scan. Equal keys have equal prints, so
  // the scan compares text only where prints match; cheaper than a hash,
  // and too weak to index many groups. A key of one field of up to seven
  // bytes (a plan, a region code) is its print: its bytes and its length,
  // with the top bit clear, so a match needs no comparison of text. Any
  // other key's print mixes each field's length and first and last (up to)
  // eight bytes, with the top bit set.
  template <class Fields>
  static std::uint64_t print_of(const Fields& fields) {
    if (fields.size() == 1 && fields[0].size() < 8)
      return short_bytes(fields[0]) | (std::uint64_t{fields[0].size()} << 56);
    std::uint64_t print = fields.size();
    for (std::string_view field : fields) {
      const std::size_t size = field.size();
      std::uint64_t bytes = 0;
      if (size >= 8) {
        std::uint64_t head = 0, tail = 0;
        std::memcpy(&head, field.data(), 8);
        std::memcpy(&tail, field.data() + size - 8, 8);
        bytes = head ^ (tail << 1);
      } else {
        bytes = short_bytes(field);
      }
      print = (print ^ bytes ^ (std::uint64_t{size} << 56)) * 0x9E3779B97F4A7C15ull;
    }
    return print | kMixedPrint;
  }
  // Every byte of a field shorter than eight, byte k in bits 8k, from
  // overlapping loads of fixed size.
  static std::uint64_t short_bytes(std::string_view field) {
    const std::size_t size = field.size();
    const char* text = field.data();
    if (size >= 4) {
      std::uint32_t head = 0, tail = 0;
      std::memcpy(&head, text, 4);
      std::memcpy(&tail, text + size - 4, 4);
      return std::uint64_t{head} | (std::uint64_t{tail} << (8 * (size - 4)));
    }
    if (size == 0) return 0;
    return std::uint64_t{static_cast<unsigned char>(text[0])} |
           (std::uint64_t{static_cast<unsigned char>(text[size / 2])} << (8 * (size / 2))) |
           (std::uint64_t{static_cast<unsigned char>(text[size - 1])} << (8 * (size - 1)));
  }
  static constexpr std::uint64_t kMixedPrint = std::uint64_t{1} << 63;

  // 32 bits are enough: a table holds fewer than 2^32 groups, and a probe
  // compares all 32 (most of which did not pick the slot) before a key.
  template <class Fields>
  static std::uint32_t hash_of(const Fields& fields) {
    std::uint64_t hash = fields.size();
    for (std::string_view field : fields)
      hash = (hash ^ std::hash<std::string_view>{}(field)) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::uint32_t>(hash >> 32);
  }


  // The rest of find: a key the few-groups scan has not, or the index.
  [[gnu::noinline]] Accumulator& find_or_add(const std::vector<std::string_view>& fields,
                                             bool& created) {
    std::size_t slot = 0;
    const std::uint32_t hash = slots_.empty() ? 0 : hash_of(fields);
    Group* found = lookup(fields, hash, slot);
    created = found == nullptr;
    if (created)
      found = &insert({std::vector<std::string>(fields.begin(), fields.end()), prototype_}, hash, slot);
    return found->accumulator;
  }

  // The group of `fields` while there is no index (a scan of the prints), or null.
  Group* find_few(const std::vector<std::string_view>& fields) {
    const std::uint64_t print = print_of(fields);
    const std::uint64_t* const prints = few_prints_.data();
    const std::size_t count = few_prints_.size();
    if ((print & kMixedPrint) == 0) {
      // A key that is its own print matches one print at most, found with
      // no branch per group: which group a row is in is what a branch
      // cannot predict.
      static_assert(kFewGroups <= 32);
      std::uint32_t matches = 0;
      for (std::size_t i = 0; i < count; ++i)
        matches |= static_cast<std::uint32_t>(prints[i] == print) << i;
      return matches != 0 ? &blocks_[0][static_cast<std::size_t>(std::countr_zero(matches))]
                          : nullptr;
    }
    for (std::size_t i = 0; i < count; ++i)
      if (prints[i] == print && same_key(blocks_[0][i].key, fields)) return &blocks_[0][i];
    return nullptr;
  }

  // The group of `fields` (whose hash is `hash` once there is an index), or
  // null and the slot a new one would take. Open addressing, kept at most
  // half full.
  Group* lookup(const std::vector<std::string_view>& fields, std::uint32_t hash, std::size_t& slot) {
    if (slots_.empty()) return find_few(fields);
    const std::size_t mask = slots_.size() - 1;
    // Each key's hash is kept beside the groups and compared first, so a
    // probe rarely reads a group it does not want.
    for (slot = hash & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
      const std::uint32_t index = slots_[slot] - 1;
      if (hashes_[index] != hash) continue;
      if (Group& candidate = group(index); same_key(candidate.key, fields)) return &candidate;
    }
    return nullptr;
  }

  Group& insert(Group&& added, std::uint32_t hash, std::size_t slot) {
    Group& group = append(std::move(added));
    if (!slots_.empty()) {
      hashes_.push_back(hash);
      slots_[slot] = static_cast<std::uint32_t>(index_end());
      if (size_ * 2 > slots_.size()) rebuild_index(slots_.size() * 2);
    } else if (size_ > kFewGroups) {
      std::vector<std::uint64_t>().swap(few_prints_);
      hashes_.clear();
      for (std::size_t i = 0; i < size_; ++i) hashes_.push_back(hash_of(this->group(i).key));
      rebuild_index(kFewGroups * 4);
    } else {
      few_prints_.push_back(print_of(group.key));
    }
    return group;
  }

  // Makes room in the index for `count` groups in all, so that adding up to
  // that many never rebuilds it.
  void reserve(std::size_t count) {
    if (slots_.empty()) return;  // the few-groups scan; it indexes itself when it grows
    std::size_t slot_count = slots_.size();
    while (count * 2 > slot_count) slot_count *= 2;
    if (slot_count != slots_.size()) rebuild_index(slot_count);
  }

  // Places every group in a fresh index of `slot_count` slots, from the
  // hashes kept beside the groups.
  void rebuild_index(std::size_t slot_count) {
    slots_.assign(slot_count, 0);
    for (std::size_t b = 0; b < blocks_.size(); ++b)
      for (std::size_t k = 0; k < blocks_[b].size(); ++k) place(b * kBlock + k);
  }

  // Puts group `index` in the first free slot from its hash's.
  void place(std::size_t index) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = hashes_[index] & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = static_cast<std::uint32_t>(index + 1);
  }

  // Whether the table has none of the keys of `block` (of another table,
  // whose hashes are `hashes`).
  bool none_known(const std::vector<Group>& block, const std::uint32_t* hashes,
                  std::vector<std::string_view>& fields) {
    for (std::size_t k = 0; k < block.size(); ++k) {
      fields.assign(block[k].key.begin(), block[k].key.end());
      std::size_t slot = 0;
      if (lookup(fields, hashes[k], slot)) return false;
    }
    return true;
  }

  // Takes whole a block of groups the table does not have: none of them
  // moves. Needs room in the index (reserve).
  void adopt(std::vector<Group>&& block, const std::uint32_t* hashes) {
    const std::size_t first = blocks_.size() * kBlock;
    hashes_.resize(first, 0);  // the indices a short last block leaves unused
    hashes_.insert(hashes_.end(), hashes, hashes + block.size());
    size_ += block.size();
    blocks_.push_back(std::move(block));
    for (std::size_t k = 0; k < blocks_.back().size(); ++k) place(first + k);
  }

  Accumulator prototype_;
  std::vector<std::vector<Group>> blocks_;
  std::size_t size_ = 0;
  // Most breakdowns have a handful of groups (plans, regions, months):
  // comparing their keys beats hashing, so there is no index until more.
  std::vector<std::uint32_t> slots_;
  // Once there is an index: each group's key hash, by group index.
  std::vector<std::uint32_t> hashes_;
  // While there is no index: the print of each group's key, in group order.
  std::vector<std::uint64_t> few_prints_;
};

}  // namespace koe
