// Refuses, before dlopen, a file that is not a complete ELF shared object for this machine: dlopen maps the
// segments a truncated file claims to have, and touching them would kill the process with SIGBUS.
#pragma once

#include <string>

namespace gw {

// Throws PluginRefused (not_elf, truncated or unreadable) naming what is wrong.
void checkElfSharedObject(const std::string& path);

}  // namespace gw
