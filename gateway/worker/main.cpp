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

void answer(const gw::AdapterCallResult& result) {
  std::string status;
  gw::worker::sendFrame(kChannel, gw::worker::resultFields(result, status), kForever);
}

void answerCreate(gw_status status, const std::string& error) {
  gw::AdapterCallResult result;
  result.status = status;
  result.error = error;
  answer(result);
}

std::shared_ptr<const gw::AdapterInstance> create(const gw::worker::CreateRequest& r) {
  gw::worker::applySandbox(r.memoryMb);
  gw::kit::installDenyAllEntityLoader();
  auto library = gw::PluginLibrary::load(r.sourceFile, r.cachedCopy, r.sha256);
  const gw_adapter* adapter = library->adapter(r.adapter);
  if (!adapter) throw gw::AdapterCreateError(GW_ERR_CONFIG, "the plugin has no adapter '" + r.adapter + "'");
  return gw::AdapterInstance::create(library, *adapter, r.partnerId, r.partnerKind, r.optionsJson, r.xmlLimits);
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
    adapter = create(gw::worker::createRequestOf(gw::worker::receiveFrame(kChannel, kForever)));
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
      answer(call(*adapter, request));
    } catch (const gw::worker::ChannelError&) {
      leave(0);  // the host closed the channel: retired
    } catch (const std::exception&) {
      leave(2);  // a request this worker cannot read: the host sees the channel close
    }
  }
}
