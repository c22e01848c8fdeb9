// Values several configuration sections read the same way: paths beside the file, HOST:PORT, SHA-256 hex.
#pragma once

#include <cstdint>
#include <string>

namespace gw {

// Relative paths in the file are relative to the file's folder, not to the working directory.
std::string resolvePath(const std::string& configFile, const std::string& value);

// HOST:PORT, [IPv6]:PORT included; false when `text` is not that.
bool parseListen(const std::string& text, std::string& host, std::uint16_t& port);

bool isSha256Hex(const std::string& text);

// A certificate fingerprint as `openssl x509 -noout -fingerprint -sha256` prints it (colons, upper case) or
// plain hex, as lower-case hex without colons; empty when it is not one.
std::string fingerprintHex(const std::string& text);

}  // namespace gw
