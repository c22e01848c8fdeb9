// Who may change what the gateway loads: a plugin folder or file that a user other than the gateway's own
// (or root) can write, or that such a user owns, is not trusted. Its content could be swapped between any
// check and the load, so no hash taken from it would mean anything.
#pragma once

#include <string>

namespace gw {

// Throws PluginRefused (code "untrusted_folder") when `folder` is writable by its group or by others, or is
// owned by a user other than the gateway's effective user or root.
void checkPluginFolderTrusted(const std::string& folder);

// The same for one plugin file (code "untrusted_file"); a symbolic link is judged by the file it points to.
void checkPluginFileTrusted(const std::string& file);

}  // namespace gw
