// Why a plugin file was not loaded: a short stable code (for tests and tooling) and the reason for operators.
#pragma once

#include <stdexcept>
#include <string>

namespace gw {

class PluginRefused : public std::runtime_error {
 public:
  // code: not_elf, truncated, load_failed, unresolved_symbol, no_entry, abi_major, abi_minor, struct_size,
  // bad_descriptor, duplicate_plugin, duplicate_adapter, unreadable; untrusted_folder, untrusted_file (others could
  // change it), untrusted_cache (the cache folder belongs to another user).
  PluginRefused(std::string code, const std::string& reason) : std::runtime_error(reason), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

// A refused file as the admin listing shows it.
struct PluginRefusal {
  std::string file;
  std::string code;
  std::string reason;
};

}  // namespace gw
