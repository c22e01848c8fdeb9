// The files a partner's options name (xmlmap's `mapping`, a code table...), with what identifies their
// content on disk, so that an edit is noticed and the partner's adapter instance created again. Any string
// option that names an existing regular file counts: absolute, or relative to the `base_dir` option.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gw {

struct OptionFile {
  std::string path;
  std::uint64_t device = 0, inode = 0, size = 0;
  std::int64_t modifiedNs = 0;
  bool operator==(const OptionFile& other) const {
    return path == other.path && device == other.device && inode == other.inode && size == other.size &&
           modifiedNs == other.modifiedNs;
  }
};

// The files the options JSON names, as they are now (a file that has gone is left out).
std::vector<OptionFile> optionFilesOf(const std::string& optionsJson);

}  // namespace gw
