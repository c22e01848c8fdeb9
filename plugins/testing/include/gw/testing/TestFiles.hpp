// Files for adapter tests: reading a sample or fixture whole, and a temporary folder for what a test writes
// (Bundles for the validator, a mapping, a configuration), removed with the object.
#pragma once

#include <string>

namespace gw::testkit {

// The bytes of `path`; throws std::runtime_error naming the path when it cannot be read, so that a missing
// sample fails the test instead of feeding it an empty message.
std::string readFile(const std::string& path);
// Writes `content` to `path` (replacing it); throws std::runtime_error naming the path when it cannot.
void writeFile(const std::string& path, const std::string& content);

class TempFolder {
 public:
  // A new folder under the system's temporary folder, named after `prefix`.
  explicit TempFolder(const std::string& prefix = "gw-test");
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::string& path() const { return path_; }
  // The path of `name` in the folder.
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  // Writes `content` to the file `name` in the folder and returns its path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace gw::testkit
