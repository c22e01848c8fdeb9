#include "plugin/PluginCache.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/DigestStream.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/Process.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>

#include <fstream>
#include <sstream>

namespace gw {

namespace {

std::set<std::string> mappedFiles() {
  std::set<std::string> files;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    auto slash = line.find('/');
    if (slash != std::string::npos) files.insert(line.substr(slash));
  }
  return files;
}

}  // namespace

PluginCache::PluginCache(std::string folder) : folder_(Poco::Path(folder).absolute().toString()) {
  if (!folder_.empty() && folder_.back() == '/') folder_.pop_back();
}

std::string PluginCache::digest(const std::string& file) {
  Poco::FileInputStream in(file);
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  Poco::DigestOutputStream out(sha);
  Poco::StreamCopier::copyStream(in, out);
  out.close();
  return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string PluginCache::store(const std::string& file, const std::string& sha256) const {
  Poco::File(folder_).createDirectories();
  const std::string copy = folder_ + "/" + sha256 + ".so";
  if (Poco::File(copy).exists() && Poco::File(copy).getSize() == Poco::File(file).getSize()) return copy;
  const std::string temporary = folder_ + "/." + sha256 + "." + std::to_string(Poco::Process::id()) + ".tmp";
  Poco::File(file).copyTo(temporary);
  Poco::File(temporary).renameTo(copy);
  return copy;
}

void PluginCache::prune(std::set<std::string>& copies) const {
  const std::set<std::string> mapped = mappedFiles();
  for (auto it = copies.begin(); it != copies.end();) {
    if (mapped.count(*it)) {
      ++it;
      continue;
    }
    try {
      Poco::File(*it).remove();
    } catch (const Poco::Exception&) {
      // Already gone, or not removable now: either way nothing of ours maps it.
    }
    it = copies.erase(it);
  }
}

int mappedFilesUnder(const std::string& folder) {
  const std::string prefix = Poco::Path(folder).absolute().toString();
  int count = 0;
  for (const auto& file : mappedFiles())
    if (file.compare(0, prefix.size(), prefix) == 0) ++count;
  return count;
}

bool isMapped(const std::string& file) { return mappedFiles().count(file) > 0; }

}  // namespace gw
