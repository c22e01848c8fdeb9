#include "plugin/PluginFileTrust.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/FileMode.hpp"
#include "plugin/PluginRefused.hpp"

namespace gw {

namespace {

// Why `path` (described as `what`, e.g. "plugin folder") is not trusted; empty when it is.
std::string distrust(const std::string& what, const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0)
    return "cannot check the " + what + " " + path + ": " + std::strerror(errno);
  const uid_t gateway = ::geteuid();
  if (status.st_uid != gateway && status.st_uid != 0)
    return what + " " + path + " is owned by uid " + std::to_string(status.st_uid) +
           ", not by the gateway's user (uid " + std::to_string(gateway) + ") or root; chown it";
  if (status.st_mode & S_IWOTH)
    return what + " " + path + " is writable by others (mode " + octalMode(status.st_mode) + "); chmod o-w,g-w it";
  if (status.st_mode & S_IWGRP)
    return what + " " + path + " is writable by its group (gid " + std::to_string(status.st_gid) + ", mode " +
           octalMode(status.st_mode) + "); chmod g-w it";
  return {};
}

}  // namespace

void checkPluginFolderTrusted(const std::string& folder) {
  if (auto why = distrust("plugin folder", folder); !why.empty()) throw PluginRefused("untrusted_folder", why);
}

void checkPluginFileTrusted(const std::string& file) {
  if (auto why = distrust("plugin file", file); !why.empty()) throw PluginRefused("untrusted_file", why);
}

}  // namespace gw
