#include "gw/testing/AdapterInstance.hpp"

#include <gw/kit/AbiNames.hpp>

#include <cstddef>
#include <cstring>

namespace gw::testkit {

namespace {

gw_result freshResult() {
  gw_result result;
  std::memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  return result;
}

gw_bytes bytesOf(std::string_view text) { return {reinterpret_cast<const uint8_t*>(text.data()), text.size()}; }

// A plugin that forgets the NUL must not make the test read past the buffer.
template <std::size_t N>
std::string textOf(const char (&field)[N]) {
  return std::string(field, strnlen(field, N));
}

CallResult notOffered(const char* callback) {
  CallResult out;
  out.status = GW_ERR_UNSUPPORTED;
  out.error = std::string("the adapter does not offer ") + callback;
  return out;
}

}  // namespace

std::ostream& operator<<(std::ostream& out, const CallResult& result) {
  out << gw::kit::statusName(result.status) << " (" << result.status << ")";
  if (!result.errorLocation.empty()) out << " at " << result.errorLocation;
  if (!result.error.empty()) out << ": " << result.error;
  return out;
}

AdapterInstance::AdapterInstance(const gw_adapter& adapter, const std::string& partnerId, gw_adapter_kind kind,
                                 const std::string& optionsJson)
    : adapter_(adapter) {
  gw_result result = freshResult();
  gw_instance* created = nullptr;
  gw_status status = adapter_.create(partnerId.c_str(), kind, optionsJson.c_str(), &created, &result);
  // What a refusing create wrote to *instance is only reported: it may not be a live instance to destroy.
  if (status == GW_OK) instance_ = created;
  else instanceLeftByRefusal_ = created != nullptr;
  created_ = finish(status, result);
}

AdapterInstance::~AdapterInstance() {
  if (instance_) adapter_.destroy(instance_);
}

CallResult AdapterInstance::finish(gw_status status, gw_result& result) const {
  CallResult out;
  out.status = status;
  out.outputGiven = result.output != nullptr;
  // Every buffer the plugin allocated goes back to it, as the gateway hands them back (a failed create's
  // issues with a NULL instance).
  auto take = [&](uint8_t* bytes, std::size_t size, std::string& into) {
    if (!bytes) return;
    into.assign(reinterpret_cast<const char*>(bytes), size);
    if (instance_ || bytes != result.output) adapter_.free_output(instance_, bytes);
  };
  take(result.output, result.output_size, out.output);
  take(result.issues, result.issues_size, out.issues);
  take(result.reply, result.reply_size, out.reply);
  out.contentType = textOf(result.content_type);
  out.messageId = textOf(result.message_id);
  out.event = textOf(result.event);
  out.errorLocation = textOf(result.error_location);
  out.error = textOf(result.error);
  return out;
}

CallResult AdapterInstance::identify(std::string_view input, const std::string& contentType) const {
  if (!adapter_.identify) return notOffered("identify");
  gw_result result = freshResult();
  gw_status status = adapter_.identify(instance_, bytesOf(input), contentType.c_str(), &result);
  return finish(status, result);
}

CallResult AdapterInstance::decode(std::string_view input, const std::string& contentType) const {
  if (!adapter_.decode) return notOffered("decode");
  gw_result result = freshResult();
  gw_status status = adapter_.decode(instance_, bytesOf(input), contentType.c_str(), &result);
  return finish(status, result);
}

CallResult AdapterInstance::encode(std::string_view canonicalJson) const {
  if (!adapter_.encode) return notOffered("encode");
  gw_result result = freshResult();
  gw_status status = adapter_.encode(instance_, bytesOf(canonicalJson), &result);
  return finish(status, result);
}

CallResult AdapterInstance::acknowledge(std::string_view request, const std::string& contentType,
                                        gw_ack_outcome outcome, const std::string& errorLocation,
                                        const std::string& text) const {
  if (!adapter_.acknowledge) return notOffered("acknowledge");
  gw_result result = freshResult();
  gw_status status = adapter_.acknowledge(instance_, bytesOf(request), contentType.c_str(), outcome,
                                          errorLocation.c_str(), text.c_str(), &result);
  return finish(status, result);
}

CallResult AdapterInstance::acknowledgeReply(std::string_view request, const std::string& contentType,
                                             std::string_view reply, gw_ack_outcome outcome,
                                             std::string_view issues) const {
  const bool abi11 = adapter_.struct_size >= offsetof(gw_adapter, acknowledge_reply) + sizeof(void*);
  if (!abi11 || !adapter_.acknowledge_reply) return notOffered("acknowledge_reply");
  gw_result result = freshResult();
  gw_status status = adapter_.acknowledge_reply(instance_, bytesOf(request), contentType.c_str(), bytesOf(reply),
                                                outcome, "", "", bytesOf(issues), &result);
  return finish(status, result);
}

}  // namespace gw::testkit
