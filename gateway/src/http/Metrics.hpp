// Request counters and latency histogram, rendered as Prometheus text exposition (format 0.0.4).
// Every label value comes from a fixed set (route patterns, known methods, outcomes, configured partners), so
// that no client can add series; values are escaped as the format requires all the same.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace gw {

class Metrics {
 public:
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1.0,   2.5,  5.0,  10.0};

  // One finished request: `route` is the route pattern (never the concrete path). A method outside GET, HEAD,
  // POST, PUT, DELETE, PATCH and OPTIONS is counted as "other": the client chooses it.
  void observeRequest(const std::string& route, const std::string& method, int status, double seconds);

  // One hospital message answered with `outcome` (AA, AE or AR; "duplicate" for a repeat; anything else is
  // counted as "other"). Called only for an authenticated, configured hospital.
  void observeMessage(const std::string& hospital, const std::string& outcome);

  // A label value as the text format requires it (for collectors that label by a configured partner).
  static std::string escapeLabel(const std::string& value);

  // Extra gauges/counters owned elsewhere (store errors, plugins); each renders its own lines.
  void addCollector(std::function<void(std::string&)> collector);

  std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // by route
  std::map<std::pair<std::string, std::string>, std::uint64_t> messages_;  // by hospital, outcome
  std::vector<std::function<void(std::string&)>> collectors_;
};

}  // namespace gw
