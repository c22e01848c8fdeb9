// One hospital's folder pickup (hospitals[].pickup): a thread scans the folder; a file that matches the pattern
// and has stopped changing is read, every message in it goes through the intake (an ER7 file may hold many, in
// a batch or not), and the file moves to done/ (every message accepted) or failed/ (any refused or not stored)
// with its acknowledgement beside it as NAME.ack. A file taken again after a crash between the commit and the
// move is answered from the intake's idempotency: nothing committed is stored twice.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "config/PickupConfig.hpp"
#include "intake/IntakeServices.hpp"

namespace gw::pickup {

class FolderPickup {
 public:
  // Creates done/ and failed/ and starts scanning; throws std::filesystem::filesystem_error when it cannot.
  FolderPickup(std::string hospital, PickupConfig config, IntakeServices services);
  ~FolderPickup();
  FolderPickup(const FolderPickup&) = delete;
  FolderPickup& operator=(const FolderPickup&) = delete;

  const PickupConfig& config() const { return config_; }
  // Prometheus samples for gateway_pickup_files_total (by result) of this hospital.
  std::string metricSamples() const;

 private:
  struct Seen {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type written;
    std::chrono::steady_clock::time_point since;
  };
  void run();
  void scan();
  void take(const std::filesystem::path& file);

  std::string hospital_;
  PickupConfig config_;
  IntakeServices services_;
  std::map<std::filesystem::path, Seen> seen_;  // candidates and when they last changed
  std::atomic<std::uint64_t> done_{0}, failed_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // last: started when everything above exists
};

}  // namespace gw::pickup
