// A hospital's MLLP listener (hospitals[].mllp): where it listens, who may connect, and its limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/AddressRange.hpp"

namespace gw {

// TLS for one listener: the server's certificate, and the one client certificate accepted (it must chain to
// `caFile` and match the pinned subject or fingerprint).
struct MllpTlsConfig {
  bool enabled = false;
  std::string certificateFile;
  std::string privateKeyFile;
  std::string caFile;
  std::string clientSubject;  // RFC 2253, as `openssl x509 -noout -subject -nameopt RFC2253` prints it
  std::string clientSha256;   // lower-case hex, no colons
};

struct MllpConfig {
  bool enabled = false;
  std::string host;
  std::uint16_t port = 0;
  std::vector<AddressRange> allowedSources;  // empty: any (only allowed on loopback or with a pinned certificate)
  MllpTlsConfig tls;
  std::size_t maxFrameBytes = 4 * 1024 * 1024;
  int idleTimeoutSeconds = 600;    // between messages: then the connection is closed
  int frameTimeoutSeconds = 30;    // from a frame's start byte to its end: then the connection is closed
  int maxConnections = 16;         // served at once; more wait in a queue of the same size, then are closed
  int release = 1;                 // 1: the adapter's ACK in a frame; 2: a commit acknowledgement (0x06 / 0x15)
  std::string contentType = "application/hl7-v2";  // what the hospital's adapter is told the frames hold
  bool batchAckPerMessage = false;  // a batch (FHS/BHS) is answered by an ACK batch, or by one frame per ACK
  int line = 0, column = 0;        // where the block starts, for errors found when the listener is bound

  // Everything that needs a new socket when it changes (a reload rebinds only changed listeners).
  std::string bindingKey() const {
    std::string key = host + ":" + std::to_string(port) + "|" + std::to_string(maxConnections);
    if (tls.enabled) key += "|" + tls.certificateFile + "|" + tls.privateKeyFile + "|" + tls.caFile;
    return key;
  }
};

}  // namespace gw
