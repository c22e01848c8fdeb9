// API keys are configured only as SHA-256 hex digests; presented keys are hashed and compared in constant time.
#pragma once

#include <string>

namespace gw {

std::string sha256Hex(const std::string& data);
// True when SHA-256(presented) equals `expectedHex` (case-insensitive); false for an empty key or hash.
bool apiKeyMatches(const std::string& presented, const std::string& expectedHex);
// A short, non-secret fingerprint of a configured hash, for listings and logs.
std::string keyFingerprint(const std::string& expectedHex);

}  // namespace gw
