// A hospital's folder pickup (hospitals[].pickup): files the hospital (or an SFTP server) drops into a folder.
#pragma once

#include <cstdint>
#include <string>

namespace gw {

struct PickupConfig {
  bool enabled = false;
  std::string folder;        // absolute; done/ and failed/ are created inside it
  std::string pattern = "*";  // a glob on the file name (hidden and partial files are never taken)
  std::string contentType = "application/hl7-v2";
  int intervalMs = 1000;     // between scans
  int stableSeconds = 2;     // a file is taken once its size and time have not changed for this long
  std::uintmax_t maxFileBytes = 256u << 20;  // a larger file is moved to failed/ unread
  int line = 0, column = 0;
};

}  // namespace gw
