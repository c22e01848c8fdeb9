#include "plugin/AdapterInstance.hpp"

#include <algorithm>
#include <cstring>

#include <gw/kit/JsonReader.hpp>

#include "plugin/DescriptorCheck.hpp"
#include "plugin/PartnerBytesScreen.hpp"
#include "plugin/WorkerPool.hpp"
#include "plugin/WorkerProtocol.hpp"

namespace gw {

namespace {

gw_bytes bytesOf(std::string_view text) { return {reinterpret_cast<const uint8_t*>(text.data()), text.size()}; }

// The plugin may forget the terminating NUL: never read past the array.
template <std::size_t N>
std::string textOf(const char (&field)[N]) {
  return std::string(field, strnlen(field, N));
}

gw_result freshResult() {
  gw_result result;
  std::memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  return result;
}

// Keeps the library's in-flight count for the admin listing.
class CallInFlight {
 public:
  explicit CallInFlight(const PluginLibrary& library) : library_(library) { library_.enterCall(); }
  ~CallInFlight() { library_.leaveCall(); }
  CallInFlight(const CallInFlight&) = delete;
  CallInFlight& operator=(const CallInFlight&) = delete;

 private:
  const PluginLibrary& library_;
};

// Copies a buffer the plugin allocated and hands it back.
std::string takeBytes(const gw_adapter& adapter, gw_instance* instance, uint8_t* bytes, std::size_t size) {
  if (bytes == nullptr) return {};
  std::string copy(reinterpret_cast<const char*>(bytes), size);
  adapter.free_output(instance, bytes);
  return copy;
}

// The diagnostics of an OperationOutcome, one per line; empty when there are none or it is not one.
std::string diagnosticsOf(const std::string& outcomeJson) {
  if (outcomeJson.empty()) return {};
  std::string lines;
  try {
    kit::JsonObject outcome = kit::parseObject(outcomeJson);
    kit::JsonArray issues = kit::arrayAt(outcome, "issue");
    for (std::size_t i = 0; issues && i < issues->size(); ++i) {
      const std::string text = kit::stringAt(kit::objectIn(issues, i), "diagnostics");
      if (!text.empty()) lines += (lines.empty() ? "" : "\n") + text;
    }
  } catch (const std::exception&) {
    return {};
  }
  return lines;
}

}  // namespace

AdapterInstance::AdapterInstance(std::shared_ptr<const PluginLibrary> library, const gw_adapter& adapter,
                                 std::string partnerId, gw_adapter_kind partnerKind, std::string optionsJson,
                                 const kit::XmlLimits& xmlLimits)
    : library_(std::move(library)),
      adapter_(&adapter),
      partnerId_(std::move(partnerId)),
      adapterName_(adapter.name),
      adapterVersion_(adapter.version),
      pluginName_(library_->name()),
      optionsJson_(std::move(optionsJson)),
      partnerKind_(partnerKind),
      xmlLimits_(xmlLimits) {}

std::shared_ptr<const AdapterInstance> AdapterInstance::create(std::shared_ptr<const PluginLibrary> library,
                                                               const gw_adapter& adapter, const std::string& partnerId,
                                                               gw_adapter_kind partnerKind,
                                                               const std::string& optionsJson,
                                                               const kit::XmlLimits& xmlLimits,
                                                               const std::optional<WorkerIsolation>& isolation) {
  std::shared_ptr<AdapterInstance> created(
      new AdapterInstance(std::move(library), adapter, partnerId, partnerKind, optionsJson, xmlLimits));
  // Taken before create reads them: an edit made meanwhile is seen as a change next time.
  created->optionFiles_ = optionFilesOf(optionsJson);
  if (isolation) {
    created->startWorkers(*isolation);
    return created;
  }
  gw_result result = freshResult();
  gw_instance* instance = nullptr;
  gw_status status = GW_ERR_INTERNAL;
  try {
    CallInFlight call(*created->library_);
    status = adapter.create(partnerId.c_str(), static_cast<uint32_t>(partnerKind), optionsJson.c_str(), &instance,
                            &result);
  } catch (...) {
    // Only a plugin written without the helper can let an exception out; it must not take the gateway down.
    throw AdapterCreateError(GW_ERR_INTERNAL, "create let an exception escape the plugin boundary");
  }
  // ABI 1.1: every problem, when the error field could not hold them all. What a create that succeeded
  // hands back is released through its instance; NULL is for a failed create's.
  gw_instance* owner = status == GW_OK ? instance : nullptr;
  const std::string problems = takeBytes(adapter, owner, result.issues, result.issues_size);
  takeBytes(adapter, owner, result.reply, result.reply_size);
  if (status != GW_OK || instance == nullptr) {
    if (status == GW_OK) status = GW_ERR_INTERNAL;
    // An instance handed back with a failure is not trusted: calling destroy on it could free twice.
    std::string message = diagnosticsOf(problems);
    if (message.empty()) message = textOf(result.error);
    if (message.empty()) message = "create failed without a message (status " + std::to_string(status) + ")";
    throw AdapterCreateError(status, message);
  }
  created->instance_ = instance;
  return created;
}

std::shared_ptr<const AdapterInstance> AdapterInstance::recreate() const {
  return create(library_, *adapter_, partnerId_, partnerKind_, optionsJson_, xmlLimits_, isolation_);
}

AdapterInstance::~AdapterInstance() {
  if (instance_ != nullptr) adapter_->destroy(instance_);
}

void AdapterInstance::startWorkers(const WorkerIsolation& isolation) {
  worker::WorkerLaunch launch;
  launch.program = isolation.program;
  launch.startTimeoutMs = std::max(10000, isolation.settings.callTimeoutMs);
  launch.create = {library_->sourceFile(), library_->cachedCopy(), library_->sha256(), adapterName_, partnerId_,
                   partnerKind_, optionsJson_, xmlLimits_, isolation.settings.memoryMb};
  CallInFlight call(*library_);
  workers_ = std::make_unique<worker::WorkerPool>(std::move(launch), isolation.settings, isolation.health,
                                                  pluginName_, library_->sha256());
  isolation_ = isolation;
}

int AdapterInstance::liveWorkers() const { return workers_ ? workers_->live() : 0; }

AdapterCallResult AdapterInstance::inWorker(const std::vector<std::string_view>& request,
                                            std::string_view poisonKey) const {
  CallInFlight inFlight(*library_);
  return workers_->call(request, poisonKey);
}

AdapterCallResult AdapterInstance::invoke(const char* callback, bool offered,
                                          const std::function<gw_status(gw_result*)>& call) const {
  AdapterCallResult out;
  if (!offered) {
    out.status = GW_ERR_UNSUPPORTED;
    out.error = "adapter '" + adapterName_ + "' does not offer " + callback;
    return out;
  }
  gw_result result = freshResult();
  CallInFlight inFlight(*library_);
  try {
    out.status = call(&result);
  } catch (...) {
    out.status = GW_ERR_INTERNAL;
    out.error = std::string(callback) + " let an exception escape the plugin boundary";
    return out;
  }
  out.output = takeBytes(*adapter_, instance_, result.output, result.output_size);
  out.issues = takeBytes(*adapter_, instance_, result.issues, result.issues_size);
  out.reply = takeBytes(*adapter_, instance_, result.reply, result.reply_size);
  out.contentType = textOf(result.content_type);
  out.messageId = textOf(result.message_id);
  out.event = textOf(result.event);
  out.errorLocation = textOf(result.error_location);
  out.error = textOf(result.error);
  if (!out.ok() && out.error.empty()) out.error = std::string(callback) + " failed without a message";
  return out;
}

uint32_t AdapterInstance::flags() const { return speaksAbi11() ? adapter_->flags : 0; }

bool AdapterInstance::speaksAbi11() const { return adapter_->struct_size >= kAdapterStructSizeV1_1; }

std::optional<AdapterCallResult> AdapterInstance::screen(std::string_view input, const std::string& contentType) const {
  auto refused = screenPartnerBytes(input, contentType, xmlLimits_, (flags() & GW_ADAPTER_HARDENED_XML) != 0);
  if (!refused) return std::nullopt;
  AdapterCallResult out;
  out.status = GW_ERR_INVALID;
  out.screenedOut = true;
  out.error = *refused;
  return out;
}

AdapterCallResult AdapterInstance::identify(std::string_view input, const std::string& contentType) const {
  if (workers_) return inWorker({worker::kIdentify, contentType, input}, input);  // the worker screens
  if (auto refused = screen(input, contentType)) return *refused;
  return invoke("identify", adapter_->identify != nullptr, [&](gw_result* result) {
    return adapter_->identify(instance_, bytesOf(input), contentType.c_str(), result);
  });
}

AdapterCallResult AdapterInstance::decode(std::string_view input, const std::string& contentType) const {
  if (workers_) return inWorker({worker::kDecode, contentType, input}, input);  // the worker screens
  if (auto refused = screen(input, contentType)) return *refused;
  return invoke("decode", adapter_->decode != nullptr, [&](gw_result* result) {
    return adapter_->decode(instance_, bytesOf(input), contentType.c_str(), result);
  });
}

AdapterCallResult AdapterInstance::encode(std::string_view canonicalJson) const {
  if (workers_) return inWorker({worker::kEncode, canonicalJson}, {});
  return invoke("encode", adapter_->encode != nullptr,
                [&](gw_result* result) { return adapter_->encode(instance_, bytesOf(canonicalJson), result); });
}

AdapterCallResult AdapterInstance::acknowledge(std::string_view request, const std::string& contentType,
                                               gw_ack_outcome outcome, const std::string& errorLocation,
                                               const std::string& text, std::string_view reply,
                                               std::string_view issues) const {
  if (workers_) {
    const std::string outcomeText = std::to_string(static_cast<int>(outcome));
    return inWorker({worker::kAcknowledge, request, contentType, outcomeText, errorLocation, text, reply, issues},
                    request);
  }
  if (speaksAbi11() && adapter_->acknowledge_reply != nullptr) {
    return invoke("acknowledge_reply", true, [&](gw_result* result) {
      return adapter_->acknowledge_reply(instance_, bytesOf(request), contentType.c_str(), bytesOf(reply),
                                         static_cast<uint32_t>(outcome), errorLocation.c_str(), text.c_str(),
                                         bytesOf(issues), result);
    });
  }
  return invoke("acknowledge", adapter_->acknowledge != nullptr, [&](gw_result* result) {
    return adapter_->acknowledge(instance_, bytesOf(request), contentType.c_str(), static_cast<uint32_t>(outcome),
                                 errorLocation.c_str(), text.c_str(), result);
  });
}

}  // namespace gw
