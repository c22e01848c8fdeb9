#include "store/StoreFilePermissions.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/FileMode.hpp"

namespace gw {

namespace {

void createPrivately(const std::string& path) {
  // O_EXCL: a file created meanwhile by someone else is not ours to chmod; it is checked like any existing one.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
  } else if (errno != EEXIST) {
    throw std::runtime_error("cannot create the store file " + path + ": " + std::strerror(errno));
  }
}

void checkPrivate(const std::string& file, bool allowGroupRead) {
  struct stat status {};
  if (::stat(file.c_str(), &status) != 0) {
    if (errno == ENOENT) return;
    throw std::runtime_error("cannot check the store file " + file + ": " + std::strerror(errno));
  }
  const mode_t forbidden = allowGroupRead ? (S_IWGRP | S_IXGRP | S_IRWXO) : (S_IRWXG | S_IRWXO);
  if ((status.st_mode & forbidden) == 0) return;
  throw std::runtime_error("store file " + file + " has mode " + octalMode(status.st_mode) +
                           ": it holds patient data, which only the gateway's user may read or write; chmod 600 " +
                           file + " (or chmod 640 it and set store.sqlite.allow_group_read: true for a group that "
                           "may read it)");
}

}  // namespace

void secureSqliteFiles(const std::string& path, bool allowGroupRead) {
  createPrivately(path);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) checkPrivate(path + suffix, allowGroupRead);
}

}  // namespace gw
