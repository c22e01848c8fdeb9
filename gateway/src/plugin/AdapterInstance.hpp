// One adapter instance created for one partner. It holds (shared_ptr) the loaded library, so the library
// stays mapped while any request holds the instance. All calls are thread-safe.
#pragma once

#include <gw/kit/AbiNames.hpp>
#include <gw/kit/HardenedXml.hpp>
#include <gw/plugin_abi.h>

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config/GatewayConfig.hpp"
#include "plugin/OptionFiles.hpp"
#include "plugin/PluginLibrary.hpp"

namespace gw {

struct AdapterCallResult {
  gw_status status = GW_OK;
  std::string output, contentType, messageId, event, errorLocation, error;
  std::string issues;  // ABI 1.1: an OperationOutcome (warnings after success, every problem after failure)
  std::string reply;   // ABI 1.1: what acknowledge needs to answer without the adapter reading the message again
  bool screenedOut = false;  // refused by the host's screen: the adapter never saw the bytes
  // isolation: process. The call did not complete because its worker failed (crashed, hung, garbage) or the
  // plugin is quarantined: why. A poison message says so here too.
  std::string workerFault;
  bool workerUnavailable = false;  // no worker could be had in time (busy or restarting): try again later
  bool ok() const { return status == GW_OK; }
};

// "GW_ERR_INVALID" and so on, for logs and error bodies.
using kit::statusName;

// The adapter's create refused the partner (its message) or threw (the helper's message).
class AdapterCreateError : public std::runtime_error {
 public:
  AdapterCreateError(gw_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  gw_status status() const { return status_; }

 private:
  gw_status status_;
};

namespace worker {
class WorkerPool;
}
class PluginHealth;

// isolation: process for one instance: where the worker program is, its limits, and the health record its
// plugin version shares with every other partner's pool of it.
struct WorkerIsolation {
  std::string program;
  IsolationConfig settings;
  std::shared_ptr<PluginHealth> health;
};

class AdapterInstance {
 public:
  // Calls the adapter's create with the partner's validated options (a JSON object, defaults applied).
  // Throws AdapterCreateError with the adapter's message.
  // `xmlLimits` bound the XML documents the screen lets through to this instance. With `isolation`, the
  // instance is created in, and every call runs in, worker processes; without, inside this process.
  static std::shared_ptr<const AdapterInstance> create(std::shared_ptr<const PluginLibrary> library,
                                                       const gw_adapter& adapter, const std::string& partnerId,
                                                       gw_adapter_kind partnerKind, const std::string& optionsJson,
                                                       const kit::XmlLimits& xmlLimits = {},
                                                       const std::optional<WorkerIsolation>& isolation = {});
  // A new instance for the same partner, library and options (their files read again). Throws as create.
  std::shared_ptr<const AdapterInstance> recreate() const;
  ~AdapterInstance();
  AdapterInstance(const AdapterInstance&) = delete;
  AdapterInstance& operator=(const AdapterInstance&) = delete;

  const std::string& partnerId() const { return partnerId_; }
  const std::string& adapterName() const { return adapterName_; }
  const std::string& adapterVersion() const { return adapterVersion_; }
  const std::string& pluginName() const { return pluginName_; }
  const std::string& optionsJson() const { return optionsJson_; }
  gw_adapter_kind partnerKind() const { return partnerKind_; }
  const PluginLibrary& library() const { return *library_; }
  const kit::XmlLimits& xmlLimits() const { return xmlLimits_; }
  // The files the options name, as they were when this instance was created (an edit means: create again).
  const std::vector<OptionFile>& optionFiles() const { return optionFiles_; }

  // Partner bytes reach identify and decode only through the host's screen (ScreenPartnerBytes): what it
  // refuses comes back as GW_ERR_INVALID with screenedOut set, and the adapter is not called.
  AdapterCallResult identify(std::string_view input, const std::string& contentType) const;
  AdapterCallResult decode(std::string_view input, const std::string& contentType) const;
  AdapterCallResult encode(std::string_view canonicalJson) const;
  // `reply` and `issues` are what decode or identify returned (ABI 1.1); a 1.0 adapter gets neither.
  AdapterCallResult acknowledge(std::string_view request, const std::string& contentType, gw_ack_outcome outcome,
                                const std::string& errorLocation, const std::string& text,
                                std::string_view reply = {}, std::string_view issues = {}) const;
  // A NULL callback answers GW_ERR_UNSUPPORTED with a message naming it.

  // GW_ADAPTER_* bits; 0 for a 1.0 adapter.
  uint32_t flags() const;
  // True when the adapter speaks ABI 1.1 (lenient validation, warnings, acknowledge_reply).
  bool speaksAbi11() const;
  // True when calls run in worker processes (isolation: process); the pool's live workers.
  bool isolated() const { return workers_ != nullptr; }
  int liveWorkers() const;

 private:
  AdapterInstance(std::shared_ptr<const PluginLibrary> library, const gw_adapter& adapter, std::string partnerId,
                  gw_adapter_kind partnerKind, std::string optionsJson, const kit::XmlLimits& xmlLimits);
  // isolation: process. Starts the pool, whose first worker creates the instance.
  void startWorkers(const WorkerIsolation& isolation);
  // One call in a worker; `poisonKey`: the partner bytes it reads.
  AdapterCallResult inWorker(const std::vector<std::string_view>& request, std::string_view poisonKey) const;
  // Runs one callback with a fresh gw_result and copies its outcome; the plugin's buffer is handed back.
  AdapterCallResult invoke(const char* callback, bool offered, const std::function<gw_status(gw_result*)>& call) const;
  // The host's screen of partner bytes; a refusal as a result, else nothing.
  std::optional<AdapterCallResult> screen(std::string_view input, const std::string& contentType) const;

  std::shared_ptr<const PluginLibrary> library_;  // declared first: released after destroy() has run
  const gw_adapter* adapter_;
  gw_instance* instance_ = nullptr;
  std::string partnerId_, adapterName_, adapterVersion_, pluginName_, optionsJson_;
  gw_adapter_kind partnerKind_;
  kit::XmlLimits xmlLimits_;
  std::vector<OptionFile> optionFiles_;
  std::optional<WorkerIsolation> isolation_;
  std::unique_ptr<worker::WorkerPool> workers_;  // isolation: process
};

}  // namespace gw
