#include "plugin/PluginCache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <Poco/DigestEngine.h>
#include <Poco/DigestStream.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/Path.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "plugin/PluginRefused.hpp"

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

// A new file in the cache written by this process alone, removed unless it is renamed into place.
class TemporaryCopy {
 public:
  explicit TemporaryCopy(std::string path) : path_(std::move(path)) {
    // O_EXCL and O_NOFOLLOW: never write through a name someone else prepared. Read-only once written.
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0500);
    if (fd_ < 0) throw Poco::CreateFileException(std::strerror(errno), path_);
  }
  ~TemporaryCopy() {
    if (fd_ >= 0) ::close(fd_);
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TemporaryCopy(const TemporaryCopy&) = delete;
  TemporaryCopy& operator=(const TemporaryCopy&) = delete;

  void append(const char* bytes, std::size_t count) {
    while (count > 0) {
      const ssize_t done = ::write(fd_, bytes, count);
      if (done < 0 && errno == EINTR) continue;
      if (done <= 0) throw Poco::WriteFileException(std::strerror(errno), path_);
      bytes += done;
      count -= static_cast<std::size_t>(done);
    }
  }
  void close() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throw Poco::WriteFileException(std::strerror(errno), path_);
  }
  // Atomically takes the place of `target`; a mapped file there keeps its own content.
  void renameTo(const std::string& target) {
    if (::rename(path_.c_str(), target.c_str()) != 0) throw Poco::FileException(std::strerror(errno), target);
    path_.clear();
  }

 private:
  std::string path_;
  int fd_ = -1;
};

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

void PluginCache::makePrivateFolder() const {
  Poco::File(folder_).createDirectories();
  struct stat status {};
  if (::stat(folder_.c_str(), &status) != 0 || !S_ISDIR(status.st_mode))
    throw Poco::FileException("the plugin cache is not a folder", folder_);
  const uid_t gateway = ::geteuid();
  if (status.st_uid != gateway)
    throw PluginRefused("untrusted_cache", "plugin cache folder " + folder_ + " is owned by uid " +
                                               std::to_string(status.st_uid) + ", not by the gateway's user (uid " +
                                               std::to_string(gateway) + "): it must be the gateway's alone");
  if ((status.st_mode & 07777) != 0700 && ::chmod(folder_.c_str(), 0700) != 0)
    throw Poco::FileException("cannot make the plugin cache folder private (chmod 0700): " +
                                  std::string(std::strerror(errno)),
                              folder_);
}

CachedCopy PluginCache::store(const std::string& file) const {
  makePrivateFolder();
  static std::atomic<unsigned> counter{0};
  const std::string temporary =
      folder_ + "/." + std::to_string(::getpid()) + "." + std::to_string(++counter) + ".tmp";
  TemporaryCopy written(temporary);

  CachedCopy copy;
  {
    Poco::FileInputStream in(file);
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
      const auto count = static_cast<std::size_t>(in.gcount());
      sha.update(buffer, count);
      written.append(buffer, count);
    }
    if (in.bad()) throw Poco::ReadFileException("cannot read the plugin file", file);
    written.close();
    copy.sha256 = Poco::DigestEngine::digestToHex(sha.digest());
  }
  copy.path = folder_ + "/" + copy.sha256 + ".so";

  // What is already under the name is trusted only for what it hashes to now, never for its size or name.
  struct stat existing {};
  if (::lstat(copy.path.c_str(), &existing) == 0) {
    std::string existingSha256;
    if (S_ISREG(existing.st_mode)) {
      try {
        existingSha256 = digest(copy.path);
      } catch (const Poco::Exception&) {
        // Unreadable: replaced below like any other foreign file.
      }
    }
    if (existingSha256 == copy.sha256) return copy;  // `written` removes the temporary copy
    copy.replacedForeignFile = true;
  }
  written.renameTo(copy.path);
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
