#include <doctest/doctest.h>

#include <algorithm>

#include "metrics/grouping.h"

using namespace koe;

namespace {

struct Count {
  int value = 0;
  void merge(const Count& other) { value += other.value; }
};

std::vector<std::vector<std::string>> order_of(GroupTable<Count>& table) {
  std::vector<std::vector<std::string>> keys;
  for (const auto* group : table.sorted()) keys.push_back(group->key);
  return keys;
}

}  // namespace

TEST_CASE("group keys: numbers numerically, text by code point, blank last") {
  GroupTable<Count> table{Count{}};
  bool created = false;
  for (std::string_view key : {"10", "pro", "", "9", "東京", "free", "2.5", "Basic"})
    table.find({key}, created).value++;
  CHECK(order_of(table) == std::vector<std::vector<std::string>>{
                               {"2.5"}, {"9"}, {"10"}, {"Basic"}, {"free"}, {"pro"}, {"東京"}, {""}});
}

TEST_CASE("multi-column keys do not collide and merge by key") {
  GroupTable<Count> left{Count{}}, right{Count{}};
  bool created = false;
  left.find({"a,b", "c"}, created).value += 1;
  CHECK(created);
  left.find({"a", "b,c"}, created).value += 2;
  CHECK(created);
  left.find({"a,b", "c"}, created).value += 4;
  CHECK_FALSE(created);
  right.find({"a", "b,c"}, created).value += 8;
  right.find({"z", ""}, created).value += 16;
  left.merge(std::move(right));
  auto sorted = left.sorted();
  REQUIRE(sorted.size() == 3);
  CHECK(sorted[0]->key == std::vector<std::string>{"a", "b,c"});
  CHECK(sorted[0]->accumulator.value == 10);
  CHECK(sorted[1]->accumulator.value == 5);
  CHECK(sorted[2]->accumulator.value == 16);
}

TEST_CASE("few groups: keys whose quick prints agree are still told apart") {
  // Prints cover a long field's first and last eight bytes and a short
  // one's every byte; these keys differ only where prints do not look.
  GroupTable<Count> table{Count{}};
  bool created = false;
  for (std::string_view key : {"aaaaaaaaXbbbbbbbb", "aaaaaaaaYbbbbbbbb", "aaaaaaaaXbbbbbbbb", "abc",
                               "abd", "abc", "", "abcd", "abce"})
    table.find({key}, created).value++;
  CHECK(order_of(table) == std::vector<std::vector<std::string>>{{"aaaaaaaaXbbbbbbbb"},
                                                                 {"aaaaaaaaYbbbbbbbb"},
                                                                 {"abc"},
                                                                 {"abcd"},
                                                                 {"abce"},
                                                                 {"abd"},
                                                                 {""}});
  CHECK(table.find({"abc"}, created).value == 2);
  CHECK_FALSE(created);
  CHECK(table.find({"aaaaaaaaXbbbbbbbb"}, created).value == 2);
}

TEST_CASE("nan and inf are text, not numbers, so the order stays total") {
  GroupTable<Count> table{Count{}};
  bool created = false;
  for (std::string_view key : {"nan", "2", "inf", "1", "-inf"}) table.find({key}, created).value++;
  CHECK(order_of(table) ==
        std::vector<std::vector<std::string>>{{"1"}, {"2"}, {"-inf"}, {"inf"}, {"nan"}});
}

TEST_CASE("many groups: past linear search, past a block, merged with overlap") {
  // 10,000 keys cross the switch to the hash index (16) and the block size
  // (4096); the merge adds 5,000 new keys and meets 5,000 known ones.
  GroupTable<Count> left{Count{}}, right{Count{}};
  bool created = false;
  std::size_t fresh = 0;
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 10000; ++i) {
      auto key = std::to_string(round == 0 ? i : 9999 - i);
      left.find({key}, created).value += 1;
      fresh += created;
    }
  CHECK(fresh == 10000);
  CHECK(left.size() == 10000);
  for (int i = 5000; i < 15000; ++i) right.find({std::to_string(i)}, created).value += 10;
  left.merge(std::move(right));
  CHECK(left.size() == 15000);
  CHECK(right.size() == 0);
  auto sorted = left.sorted();
  REQUIRE(sorted.size() == 15000);
  for (int i = 0; i < 15000; ++i) {
    CHECK(sorted[static_cast<std::size_t>(i)]->key == std::vector<std::string>{std::to_string(i)});
    CHECK(sorted[static_cast<std::size_t>(i)]->accumulator.value ==
          (i < 5000 ? 2 : i < 10000 ? 12 : 10));
  }
  left.find({"7"}, created);
  CHECK_FALSE(created);
}

TEST_CASE("merges across the few-groups scan and the index, either way round") {
  // A table of a few groups keeps no hashes and a big one does: each can
  // take the other's groups, and the few-groups side indexes itself as it
  // grows past 16 during the merge.
  for (bool small_first : {true, false}) {
    GroupTable<Count> few{Count{}}, many{Count{}};
    bool created = false;
    for (int i : {3, 50, 1000}) few.find({std::to_string(i)}, created).value += 1;
    for (int i = 0; i < 100; ++i) many.find({std::to_string(i)}, created).value += 10;
    GroupTable<Count>& into = small_first ? few : many;
    into.merge(std::move(small_first ? many : few));
    CHECK(into.size() == 101);
    auto sorted = into.sorted();
    REQUIRE(sorted.size() == 101);
    CHECK(sorted[3]->accumulator.value == 11);
    CHECK(sorted[50]->accumulator.value == 11);
    CHECK(sorted[4]->accumulator.value == 10);
    CHECK(sorted[100]->key == std::vector<std::string>{"1000"});
    CHECK(sorted[100]->accumulator.value == 1);
    into.find({"99"}, created);
    CHECK_FALSE(created);
    into.find({"1000"}, created);
    CHECK_FALSE(created);
  }
}

TEST_CASE("many groups sort the same on any number of threads") {
  // Numbers (some equal in value, unequal in text), text, blanks, and keys
  // of two fields, enough of them to be sorted in runs on threads.
  for (std::size_t fields : {1, 2}) {
    GroupTable<Count> table{Count{}};
    bool created = false;
    for (int i = 0; i < 50000; ++i) {
      std::string first;
      if (i % 7 == 0) {
      } else if (i % 5 == 0) {
        first = std::to_string(i * 7919 % 50000);
        first.insert(0, 1, 't');
      } else if (i % 11 == 0) {
        first = std::to_string(i % 300);
        first.append(".0");
      } else {
        first = std::to_string((i * 7919) % 50000 - 25000);
      }
      std::vector<std::string_view> key{first};
      std::string second = std::to_string(i % 3);
      if (fields == 2) key.push_back(second);
      table.find(key, created);
    }
    const auto one = table.sorted(1);
    for (std::size_t threads : {2, 3, 8}) CHECK(table.sorted(threads) == one);
    // And the order is group_key_less's.
    for (std::size_t i = 1; i < one.size(); ++i)
      REQUIRE(group_key_less(one[i - 1]->key, one[i]->key));
  }
}

TEST_CASE("blocks taken whole in a merge are found, grown after and sorted on threads") {
  // Left ends in a short block; right's later blocks hold only new keys and
  // are taken whole, leaving indices no group has. Keys of two fields, so
  // the sort reads each field's number by group index.
  GroupTable<Count> left{Count{}}, right{Count{}};
  bool created = false;
  auto key_of = [](int i) { return std::vector<std::string>{std::to_string(i % 97), std::to_string(i)}; };
  auto find = [&](GroupTable<Count>& table, int i) -> Count& {
    const auto key = key_of(i);
    return table.find({key[0], key[1]}, created);
  };
  for (int i = 0; i < 5000; ++i) find(left, i).value += 1;
  for (int i = 4000; i < 40000; ++i) find(right, i).value += 10;
  left.merge(std::move(right));
  CHECK(left.size() == 40000);
  find(left, 39999).value += 100;  // taken whole, then found
  CHECK_FALSE(created);
  find(left, 4500).value += 100;  // met in both
  CHECK_FALSE(created);
  for (int i = 40000; i < 45000; ++i) find(left, i).value += 1000;  // new after the merge
  CHECK(created);
  CHECK(left.size() == 45000);
  const auto one = left.sorted(1);
  REQUIRE(one.size() == 45000);
  for (std::size_t threads : {2, 3, 8}) CHECK(left.sorted(threads) == one);
  int total = 0;
  for (std::size_t i = 0; i < one.size(); ++i) {
    total += one[i]->accumulator.value;
    if (i > 0) REQUIRE(group_key_less(one[i - 1]->key, one[i]->key));
  }
  CHECK(total == 4000 * 1 + 1000 * 11 + 35000 * 10 + 200 + 5000 * 1000);
}

TEST_CASE("few groups: a short key is its own print, told from every other") {
  // Keys of one field up to seven bytes match on their print alone: keys
  // that share bytes, differ in one byte at each place, hold NUL bytes or
  // differ only in length must each get a group of their own.
  using namespace std::string_view_literals;
  const std::vector<std::string_view> keys = {
      ""sv,      "a"sv,       "ab"sv,      "ba"sv,      "abd"sv,     "a\0"sv,    "\0a"sv,  "abce"sv,
      "zbcd"sv,  "abcde"sv,   "abcdef"sv,  "abxdef"sv,  "abcdefg"sv, "abcdefh"sv, "abcxefg"sv,
      "abcdefgh"sv};
  GroupTable<Count> table{Count{}};
  bool created = false;
  // Up to 16 groups are scanned without an index: the first 16 keys, twice.
  for (int round = 1; round <= 2; ++round)
    for (std::size_t i = 0; i < 16; ++i) {
      table.find({keys[i]}, created).value += static_cast<int>(i + 1);
      CHECK(created == (round == 1));
    }
  CHECK(table.size() == 16);
  for (const auto* group : table.sorted()) {
    const std::string_view key = group->key[0];
    const auto at = std::find(keys.begin(), keys.end(), key);
    REQUIRE(at != keys.end());
    CHECK(group->accumulator.value == 2 * static_cast<int>(at - keys.begin() + 1));
  }
  // A key of two fields whose mixed print could equal a short key's print
  // is still another group.
  GroupTable<Count> mixed{Count{}};
  mixed.find({"ab"}, created).value = 1;
  mixed.find({"a", "b"}, created).value = 2;
  CHECK(created);
  CHECK(mixed.find({"ab"}, created).value == 1);
  CHECK(mixed.find({"a", "b"}, created).value == 2);
}
