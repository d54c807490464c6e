// Test inputs written to real files, so readers are tested through the same
// path tools use.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace koe::testing {

class TempFile {
 public:
  explicit TempFile(std::string_view content, std::string_view extension = ".csv") {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("koe-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
              std::string(extension)))
                .string();
    std::FILE* file = std::fopen(path_.c_str(), "wb");
    std::fwrite(content.data(), 1, content.size(), file);
    std::fclose(file);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace koe::testing
