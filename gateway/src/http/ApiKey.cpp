#include "http/ApiKey.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <cctype>

namespace gw {

std::string sha256Hex(const std::string& data) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(data);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

bool apiKeyMatches(const std::string& presented, const std::string& expectedHex) {
  if (presented.empty() || expectedHex.size() != 64) return false;
  const std::string actual = sha256Hex(presented);
  unsigned char difference = 0;
  for (std::size_t i = 0; i < 64; ++i)
    difference |= static_cast<unsigned char>(actual[i] ^ std::tolower(static_cast<unsigned char>(expectedHex[i])));
  return difference == 0;
}

std::string keyFingerprint(const std::string& expectedHex) {
  return expectedHex.empty() ? std::string() : "sha256:" + expectedHex.substr(0, 12);
}

}  // namespace gw
