// What one MLLP listener counts, for /metrics (gateway_mllp_*): connections, frames, refusals by reason, bytes
// outside frames and how long an acknowledgement took (frame end to ACK written, the commit included).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>

#include "http/Metrics.hpp"

namespace gw::mllp {

enum class Refusal { source, tls, certificate, frameTooLarge, frameTimeout, partialFrame, count };

inline const char* refusalLabel(Refusal reason) {
  static constexpr std::array<const char*, static_cast<std::size_t>(Refusal::count)> labels = {
      "source", "tls", "certificate", "frame_too_large", "frame_timeout", "partial_frame"};
  return labels[static_cast<std::size_t>(reason)];
}

class MllpStats {
 public:
  void opened() { ++open_; ++accepted_; }
  void closed() { --open_; }
  void frame() { ++frames_; }
  void outside(std::uint64_t bytes) { outside_ += bytes; }
  void refused(Refusal reason) { ++refused_[static_cast<std::size_t>(reason)]; }
  void acknowledged(double seconds) {
    for (std::size_t i = 0; i < Metrics::kBuckets.size(); ++i)
      if (seconds <= Metrics::kBuckets[i]) ++buckets_[i];
    ++ackCount_;
    ackMicros_ += static_cast<std::uint64_t>(seconds * 1e6);
  }

  // Adds this listener's samples to each metric family, by family name (`label`: the escaped hospital id).
  void render(const std::string& label, std::uint64_t refusedOverCapacity,
              std::map<std::string, std::string>& families) const;

 private:
  std::atomic<int> open_{0};
  std::atomic<std::uint64_t> accepted_{0}, frames_{0}, outside_{0}, ackCount_{0}, ackMicros_{0};
  std::array<std::atomic<std::uint64_t>, static_cast<std::size_t>(Refusal::count)> refused_{};
  std::array<std::atomic<std::uint64_t>, Metrics::kBuckets.size()> buckets_{};
};

}  // namespace gw::mllp
