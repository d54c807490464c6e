#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "error.h"

using namespace koe;

TEST_CASE("messages name what is known of the place") {
  CHECK(std::string(Error(Exit::input, "bad", {"a.csv", 3, "score"}).what()) ==
        "a.csv, line 3, column \"score\": bad");
  CHECK(std::string(Error(Exit::input, "bad", {"a.csv"}).what()) == "a.csv: bad");
  CHECK(std::string(Error(Exit::usage, "bad").what()) == "bad");
}

TEST_CASE("values in messages are quoted, escaped and cut") {
  CHECK(quote_value("11") == "\"11\"");
  CHECK(quote_value("a\nb\x01") == "\"a\\nb\\x01\"");
  CHECK(quote_value("東京\x93") == "\"東京\\x93\"");
  CHECK(quote_value(std::string(100, 'x')) == "\"" + std::string(60, 'x') + "...\"");
}

// An option's file that exists but cannot be opened (a socket here; for
// others, no permission) is a usage error, not a crash in the CSV reading
// after it.
TEST_CASE("option files: missing, a directory, or present but unopenable") {
  auto message = [](const std::string& path) {
    try {
      check_option_file(path, "taxonomy");
    } catch (const Error& error) {
      CHECK(error.code() == Exit::usage);
      return std::string(error.what());
    }
    return std::string();
  };
  CHECK(message("/nonexistent/t.csv") == "taxonomy /nonexistent/t.csv: cannot open: No such file or directory");
  CHECK(message(KOE_TEST_DATA) == "taxonomy " KOE_TEST_DATA ": is a directory, expected a file");
  CHECK(message(KOE_TEST_DATA "/taxonomy.csv").empty());

  std::string path = "/tmp/koe-option-socket-" + std::to_string(::getpid()) + ".csv";
  ::unlink(path.c_str());
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  CHECK(message(path).starts_with("taxonomy " + path + ": cannot open: "));
  ::close(fd);
  ::unlink(path.c_str());
}
