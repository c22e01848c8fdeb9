#include "plugin/OptionFiles.hpp"

#include <sys/stat.h>

#include <gw/kit/JsonReader.hpp>

namespace gw {

namespace {

bool stateOf(const std::string& path, OptionFile& out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  out.path = path;
  out.device = static_cast<std::uint64_t>(st.st_dev);
  out.inode = static_cast<std::uint64_t>(st.st_ino);
  out.size = static_cast<std::uint64_t>(st.st_size);
  out.modifiedNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

}  // namespace

std::vector<OptionFile> optionFilesOf(const std::string& optionsJson) {
  std::vector<OptionFile> files;
  kit::JsonObject options;
  try {
    options = kit::parseObject(optionsJson.empty() ? "{}" : optionsJson);
  } catch (const std::exception&) {
    return files;
  }
  const std::string baseDir = kit::stringAt(options, "base_dir");
  for (const auto& name : options->getNames()) {
    const std::string value = kit::stringAt(options, name);
    if (value.empty() || name == "base_dir") continue;
    // Plain text, not Poco::Path: that reads "~" (an X12 separator) as the home folder and looks the user up,
    // which a worker's sandbox forbids (it opens a socket to nscd).
    const std::string path = value[0] == '/' || baseDir.empty() ? value : baseDir + "/" + value;
    OptionFile file;
    if (stateOf(path, file)) files.push_back(std::move(file));
  }
  return files;
}

}  // namespace gw
