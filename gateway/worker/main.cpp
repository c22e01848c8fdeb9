// gateway-worker: runs one partner's adapter instance for gatewayd, which started it with the channel on
// file descriptor 3 (see plugin/WorkerProtocol.hpp). It sandboxes itself, loads the plugin, creates the
// instance from the host's "create" frame and answers one call at a time until the host closes the channel.
#include <unistd.h>

#include <exception>
#include <string>
#include <vector>

#include <gw/kit/DenyAllEntityLoader.hpp>

#include "plugin/AdapterInstance.hpp"
#include "plugin/PluginLibrary.hpp"
#include "plugin/WorkerProtocol.hpp"
#include "plugin/WorkerSandbox.hpp"

namespace {

constexpr int kChannel = 3;
const auto kForever = gw::worker::Clock::time_point::max();

// The worker leaves without running exit handlers: there is nothing to flush, and a sanitizer's exit-time
// work (a leak check starts a tracer process) would be killed by the sandbox.
[[noreturn]] void leave(int status) { ::_exit(status); }

void answerCreate(gw_status status, const std::string& error) {
  const std::string code = std::to_string(static_cast<int>(status));
  gw::worker::sendFrame(kChannel, {code, error}, kForever);
}

std::size_t sizeAt(const std::vector<std::string>& fields, std::size_t i) { return std::stoull(fields.at(i)); }

std::shared_ptr<const gw::AdapterInstance> create(const std::vector<std::string>& f) {
  // create, source file, cached copy, sha256, adapter, partner, kind, options, four XML limits, memory MB
  if (f.size() != 13 || f[0] != gw::worker::kCreate) throw std::runtime_error("the first frame is not a create");
  gw::worker::applySandbox(std::stoi(f[12]));
  gw::kit::installDenyAllEntityLoader();
  auto library = gw::PluginLibrary::load(f[1], f[2], f[3]);
  const gw_adapter* adapter = library->adapter(f[4]);
  if (!adapter) throw gw::AdapterCreateError(GW_ERR_CONFIG, "the plugin has no adapter '" + f[4] + "'");
  gw::kit::XmlLimits limits;
  limits.maxAttributesPerElement = sizeAt(f, 8);
  limits.maxElements = sizeAt(f, 9);
  limits.maxNameBytes = sizeAt(f, 10);
  limits.maxDepth = sizeAt(f, 11);
  return gw::AdapterInstance::create(library, *adapter, f[5], static_cast<gw_adapter_kind>(std::stoi(f[6])), f[7],
                                     limits);
}

gw::AdapterCallResult call(const gw::AdapterInstance& adapter, const std::vector<std::string>& f) {
  using namespace gw::worker;
  const std::string& op = f.at(0);
  if (op == kDecode) return adapter.decode(f.at(2), f.at(1));
  if (op == kIdentify) return adapter.identify(f.at(2), f.at(1));
  if (op == kEncode) return adapter.encode(f.at(1));
  if (op == kAcknowledge)
    return adapter.acknowledge(f.at(1), f.at(2), static_cast<gw_ack_outcome>(std::stoi(f.at(3))), f.at(4), f.at(5),
                               f.at(6), f.at(7));
  throw std::runtime_error("unknown call '" + op + "'");
}

}  // namespace

int main() {
  // Only the channel is inherited; anything else the host forgot to close is closed here.
  ::close_range(kChannel + 1, ~0u, 0);
  std::shared_ptr<const gw::AdapterInstance> adapter;
  try {
    adapter = create(gw::worker::receiveFrame(kChannel, kForever));
    answerCreate(GW_OK, "");
  } catch (const gw::AdapterCreateError& e) {
    answerCreate(e.status(), e.what());
    leave(0);
  } catch (const std::exception& e) {
    try {
      answerCreate(GW_ERR_INTERNAL, std::string("the worker could not start: ") + e.what());
    } catch (...) {
    }
    leave(1);
  }
  for (;;) {
    try {
      auto request = gw::worker::receiveFrame(kChannel, kForever);
      const gw::AdapterCallResult result = call(*adapter, request);
      std::string status;
      gw::worker::sendFrame(kChannel, gw::worker::resultFields(result, status), kForever);
    } catch (const gw::worker::ChannelError&) {
      leave(0);  // the host closed the channel: retired
    } catch (const std::exception&) {
      leave(2);  // a request this worker cannot read: the host sees the channel close
    }
  }
}
