// The content-addressed copies plugins are loaded from (<cache>/<sha256>.so). A file in the plugin folder
// may be overwritten at any time; its copy is written once, never modified, and removed only when unmapped.
#pragma once

#include <set>
#include <string>

namespace gw {

class PluginCache {
 public:
  explicit PluginCache(std::string folder);

  const std::string& folder() const { return folder_; }
  // The SHA-256 (hex) of a file's content. Throws Poco::Exception when it cannot be read.
  static std::string digest(const std::string& file);
  // Copies `file` (whose content hashes to `sha256`) into the cache unless the copy exists; returns its path.
  // The copy is written under a temporary name and renamed, so a mapped copy is never written over.
  std::string store(const std::string& file, const std::string& sha256) const;
  // Removes each of `copies` that is not mapped into this process any more, and forgets it in `copies`.
  // Only copies this process stored are passed: another gateway sharing the folder may be loading its own.
  void prune(std::set<std::string>& copies) const;

 private:
  std::string folder_;
};

// How many distinct files under `folder` are mapped into this process (from /proc/self/maps).
int mappedFilesUnder(const std::string& folder);
bool isMapped(const std::string& file);

}  // namespace gw
