#include "http/Metrics.hpp"

#include <array>
#include <cstdio>

#include "BuildInfo.hpp"

namespace gw {

namespace {

// A label value as the text format requires it: backslash, double quote and line feed escaped.
std::string escaped(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

// The value itself when it is one of `known`, else "other": one series per value a client may choose
// would let any client grow /metrics without bound.
template <std::size_t N>
const char* fixedLabel(const std::string& value, const std::array<const char*, N>& known) {
  for (const char* candidate : known)
    if (value == candidate) return candidate;
  return "other";
}

const char* methodLabel(const std::string& method) {
  static constexpr std::array<const char*, 7> known{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
  return fixedLabel(method, known);
}

const char* outcomeLabel(const std::string& outcome) {
  static constexpr std::array<const char*, 4> known{"AA", "AE", "AR", "duplicate"};
  return fixedLabel(outcome, known);
}


}  // namespace

void Metrics::observeRequest(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, methodLabel(method), status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::observeMessage(const std::string& hospital, const std::string& outcome) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++messages_[{hospital, outcomeLabel(outcome)}];
}

std::string Metrics::escapeLabel(const std::string& value) { return escaped(value); }

void Metrics::addCollector(std::function<void(std::string&)> collector) {
  std::lock_guard<std::mutex> lock(mutex_);
  collectors_.push_back(std::move(collector));
}

std::string Metrics::render() const {
  std::string out;
  out += "# HELP gateway_build_info Build of the running gateway.\n# TYPE gateway_build_info gauge\n";
  out += "gateway_build_info{version=\"" + escaped(build::version) + "\",commit=\"" + escaped(build::commit) + "\"} 1\n";
  std::lock_guard<std::mutex> lock(mutex_);
  out += "# HELP gateway_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE gateway_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out += "gateway_http_requests_total{route=\"" + escaped(route) + "\",method=\"" + method + "\",status=\"" +
           std::to_string(status) + "\"} " + std::to_string(count) + "\n";
  }
  out += "# HELP gateway_http_request_duration_seconds Time from request to response by route.\n";
  out += "# TYPE gateway_http_request_duration_seconds histogram\n";
  for (const auto& [pattern, h] : latency_) {
    const std::string route = escaped(pattern);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += "gateway_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"" + number(kBuckets[i]) +
             "\"} " + std::to_string(h.buckets[i]) + "\n";
    out += "gateway_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    out += "gateway_http_request_duration_seconds_sum{route=\"" + route + "\"} " + number(h.sum) + "\n";
    out += "gateway_http_request_duration_seconds_count{route=\"" + route + "\"} " + std::to_string(h.count) + "\n";
  }
  out += "# HELP gateway_intake_messages_total Hospital messages by hospital and acknowledgement outcome.\n";
  out += "# TYPE gateway_intake_messages_total counter\n";
  for (const auto& [key, count] : messages_)
    out += "gateway_intake_messages_total{hospital=\"" + escaped(key.first) + "\",outcome=\"" + key.second + "\"} " +
           std::to_string(count) + "\n";
  for (const auto& collector : collectors_) collector(out);
  return out;
}

}  // namespace gw
