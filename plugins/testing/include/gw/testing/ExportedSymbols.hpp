// The symbols a shared object exports (defined, global or weak, in its dynamic symbol table), read from the
// file itself: what `nm -D --defined-only` lists, without needing binutils where the tests run. A plugin must
// export gw_plugin_entry and nothing else, or two plugins built from different versions of the same code
// could bind to each other's copies.
#pragma once

#include <string>
#include <vector>

namespace gw::testkit {

// Throws std::runtime_error when `path` is not a readable 64-bit ELF file.
std::vector<std::string> exportedSymbols(const std::string& path);

}  // namespace gw::testkit
