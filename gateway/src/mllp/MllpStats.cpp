#include "mllp/MllpStats.hpp"

#include <cstdio>

namespace gw::mllp {

void MllpStats::render(const std::string& label, std::uint64_t refusedOverCapacity,
                       std::map<std::string, std::string>& families) const {
  const std::string h = "{hospital=\"" + label + "\"";
  auto sample = [&](const std::string& family, const std::string& suffix, const std::string& labels,
                    const std::string& value) { families[family] += family + suffix + labels + "} " + value + "\n"; };
  sample("gateway_mllp_connections_open", "", h, std::to_string(open_.load()));
  sample("gateway_mllp_connections_total", "", h, std::to_string(accepted_.load()));
  sample("gateway_mllp_frames_total", "", h, std::to_string(frames_.load()));
  sample("gateway_mllp_bytes_outside_frames_total", "", h, std::to_string(outside_.load()));
  for (std::size_t i = 0; i < refused_.size(); ++i)
    sample("gateway_mllp_refused_total", "", h + ",reason=\"" + refusalLabel(static_cast<Refusal>(i)) + "\"",
           std::to_string(refused_[i].load()));
  sample("gateway_mllp_refused_total", "", h + ",reason=\"capacity\"", std::to_string(refusedOverCapacity));
  const std::string ack = "gateway_mllp_ack_seconds";
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    char bound[32];
    std::snprintf(bound, sizeof bound, "%g", Metrics::kBuckets[i]);
    sample(ack, "_bucket", h + ",le=\"" + bound + "\"", std::to_string(buckets_[i].load()));
  }
  sample(ack, "_bucket", h + ",le=\"+Inf\"", std::to_string(ackCount_.load()));
  char sum[48];
  std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(ackMicros_.load()) / 1e6);
  sample(ack, "_sum", h, sum);
  sample(ack, "_count", h, std::to_string(ackCount_.load()));
}

}  // namespace gw::mllp
