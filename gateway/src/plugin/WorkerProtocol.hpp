// What crosses the channel between gatewayd and an adapter's worker process (a Unix stream socket):
// frames of length-prefixed fields. The host sends one "create" frame, then one frame per call; the worker
// answers each with one frame. Both ends are this build, so integers travel in host byte order.
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/AdapterInstance.hpp"

namespace gw::worker {

using Clock = std::chrono::steady_clock;

// The channel broke: closed, timed out, or a frame that is not one (the worker wrote garbage).
class ChannelError : public std::runtime_error {
 public:
  enum class Kind { closed, deadline, malformed };
  ChannelError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// A frame larger than this is malformed (a partner body is at most server.max_body_bytes; a Bundle a few
// times that).
constexpr std::uint64_t kMaxFrameBytes = 1ull << 30;

// Writes one frame. `fd` may be non-blocking: the write then waits (poll) until `deadline`.
void sendFrame(int fd, const std::vector<std::string_view>& fields, Clock::time_point deadline);
// Reads one frame; Clock::time_point::max() waits for ever (the worker's side).
std::vector<std::string> receiveFrame(int fd, Clock::time_point deadline);

// The calls, as the first field of a request frame.
inline constexpr std::string_view kCreate = "create", kIdentify = "identify", kDecode = "decode",
                                  kEncode = "encode", kAcknowledge = "acknowledge";

// What a worker needs to create its partner's instance: the first frame.
struct CreateRequest {
  std::string sourceFile, cachedCopy, sha256, adapter, partnerId;
  gw_adapter_kind partnerKind = GW_KIND_HOSPITAL;
  std::string optionsJson;
  kit::XmlLimits xmlLimits;
  int memoryMb = 1024;
};
std::vector<std::string> createFields(const CreateRequest& request);
// Throws ChannelError malformed when the fields are not a create frame.
CreateRequest createRequestOf(const std::vector<std::string>& fields);

// A call's outcome as fields, and back (create is answered the same way) (throws ChannelError malformed when the fields are not one).
std::vector<std::string_view> resultFields(const AdapterCallResult& result, std::string& statusText);
AdapterCallResult resultOf(std::vector<std::string>&& fields);

}  // namespace gw::worker
