// The content-addressed copies plugins are loaded from (<cache>/<sha256>.so). A file in the plugin folder
// may be overwritten at any time; its copy is written once, never modified, and removed only when unmapped.
// The folder is the gateway user's alone (0700): no one else can put a file under a name the gateway trusts.
#pragma once

#include <set>
#include <string>

namespace gw {

// A copy in the cache and the SHA-256 of exactly its bytes.
struct CachedCopy {
  std::string path;
  std::string sha256;
  bool replacedForeignFile = false;  // a file whose content did not match its name was there and was replaced
};

class PluginCache {
 public:
  explicit PluginCache(std::string folder);

  const std::string& folder() const { return folder_; }
  // The SHA-256 (hex) of a file's content. Throws Poco::Exception when it cannot be read.
  static std::string digest(const std::string& file);
  // Copies `file` into the cache, hashing the bytes as they are written, and names the copy by that hash: the
  // hash reported is the hash of what will be mapped, however `file` changes meanwhile. A copy already under that
  // name is reused only when its own content hashes to its name; anything else there is replaced. The copy is
  // renamed into place, so a mapped copy is never written over. Throws PluginRefused ("untrusted_cache") when the
  // folder belongs to another user, Poco::Exception when a file cannot be read or written.
  CachedCopy store(const std::string& file) const;
  // Removes each of `copies` that is not mapped into this process any more, and forgets it in `copies`.
  // Only copies this process stored are passed: another gateway sharing the folder may be loading its own.
  void prune(std::set<std::string>& copies) const;

 private:
  void makePrivateFolder() const;

  std::string folder_;
};

// How many distinct files under `folder` are mapped into this process (from /proc/self/maps).
int mappedFilesUnder(const std::string& folder);
bool isMapped(const std::string& file);

}  // namespace gw
