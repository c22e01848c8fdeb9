// gw/plugin.hpp: write an adapter as a C++17 class and export it with one macro.
//
//   class Echo : public gw::sdk::Adapter {
//    public:
//     static gw::sdk::AdapterInfo info() { return {"echo", "1.0.0", GW_KIND_HOSPITAL, {"text"}, {"text/plain"}, {}}; }
//     explicit Echo(const gw::sdk::Partner& partner) {}
//     gw::sdk::Output decode(std::string_view input, std::string_view) override { return {std::string(input)}; }
//   };
//   GW_PLUGIN("echo", "1.0.0", Echo)
//
// Every exception is caught at the boundary: gw::sdk::Error keeps its status and location,
// anything else becomes GW_ERR_INTERNAL with its message.
#pragma once

#include <gw/plugin_abi.h>

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gw::sdk {

struct AdapterInfo {
  const char* name;
  const char* version;
  gw_adapter_kind kind;
  std::vector<const char*> formats;
  std::vector<const char*> contentTypes;
  std::vector<gw_config_field> configFields;
  uint32_t flags = 0;  // GW_ADAPTER_* bits (ABI 1.1)
};

struct Partner {
  std::string id;
  gw_adapter_kind kind;
  std::string optionsJson;  // a JSON object: the partner's validated options with defaults applied
};

struct Output {
  std::string bytes;
  std::string contentType;
  std::string messageId;
  std::string event;
  // Initialised here so that adapters written for 1.0 as `Output{bytes, type, id, event}` still compile cleanly.
  std::string issues{};  // ABI 1.1: an OperationOutcome (JSON) of the warnings, or empty
  std::string reply{};   // ABI 1.1: what acknowledgeReply needs to answer without reading the message again
};

// What acknowledge_reply hands the adapter (ABI 1.1).
struct AckRequest {
  std::string_view request;      // the message; empty when the host refused it unread
  std::string_view contentType;
  std::string_view reply;        // what decode or identify returned as Output::reply, or empty
  gw_ack_outcome outcome;
  std::string_view errorLocation;
  std::string_view text;
  std::string_view issues;       // the warnings decode returned (an OperationOutcome), or empty
};

// Throw to report a failure with a status (and optionally where in the input, and every problem found as
// an OperationOutcome when there is more than the message says).
class Error : public std::runtime_error {
 public:
  Error(gw_status status, const std::string& message, std::string location = {}, std::string issues = {})
      : std::runtime_error(message), status_(status), location_(std::move(location)), issues_(std::move(issues)) {}
  gw_status status() const { return status_; }
  const std::string& location() const { return location_; }
  const std::string& issues() const { return issues_; }

 private:
  gw_status status_;
  std::string location_;
  std::string issues_;
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual Output identify(std::string_view input, std::string_view contentType) {
    (void)input, (void)contentType;
    throw Error(GW_ERR_UNSUPPORTED, "this adapter does not identify messages");
  }
  virtual Output decode(std::string_view input, std::string_view contentType) {
    (void)input, (void)contentType;
    throw Error(GW_ERR_UNSUPPORTED, "this adapter does not decode");
  }
  virtual Output encode(std::string_view canonicalJson) {
    (void)canonicalJson;
    throw Error(GW_ERR_UNSUPPORTED, "this adapter does not encode");
  }
  virtual Output acknowledge(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                             std::string_view errorLocation, std::string_view text) {
    (void)request, (void)contentType, (void)outcome, (void)errorLocation, (void)text;
    throw Error(GW_ERR_UNSUPPORTED, "this adapter does not acknowledge");
  }
  // ABI 1.1: an adapter that returns Output::reply or reports warnings overrides this; by default the
  // message is acknowledged as in ABI 1.0.
  virtual Output acknowledgeReply(const AckRequest& ack) {
    return acknowledge(ack.request, ack.contentType, ack.outcome, ack.errorLocation, ack.text);
  }
};

namespace detail {

inline void copyText(char* target, std::size_t size, std::string_view text) {
  std::size_t n = text.size() < size - 1 ? text.size() : size - 1;
  std::memcpy(target, text.data(), n);
  target[n] = '\0';
}

inline std::string_view view(gw_bytes bytes) {
  return {reinterpret_cast<const char*>(bytes.data), bytes.size};
}

inline uint8_t* copyBytes(const std::string& bytes) {
  if (bytes.empty()) return nullptr;
  auto* copy = new uint8_t[bytes.size()];
  std::memcpy(copy, bytes.data(), bytes.size());
  return copy;
}

// The ABI 1.1 fields exist only in a result the host made at least that large.
inline bool hasAbi11Fields(const gw_result* result) {
  return result->struct_size >= offsetof(gw_result, reply_size) + sizeof result->reply_size;
}

inline void fillIssues(gw_result* result, const std::string& issues) {
  if (!hasAbi11Fields(result) || issues.empty()) return;
  result->issues = copyBytes(issues);
  result->issues_size = issues.size();
}

inline void fill(gw_result* result, const Output& out) {
  copyText(result->content_type, sizeof result->content_type, out.contentType);
  copyText(result->message_id, sizeof result->message_id, out.messageId);
  copyText(result->event, sizeof result->event, out.event);
  result->output = copyBytes(out.bytes);
  result->output_size = out.bytes.size();
  fillIssues(result, out.issues);
  if (hasAbi11Fields(result) && !out.reply.empty()) {
    result->reply = copyBytes(out.reply);
    result->reply_size = out.reply.size();
  }
}

// Text as a JSON string literal.
inline std::string jsonString(std::string_view text) {
  static const char hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A failure whose message does not fit result->error still crosses whole: each of its lines becomes an
// issue of an OperationOutcome (ABI 1.1), unless the adapter gave its own.
inline void fillFailureIssues(gw_result* result, const std::string& message, const std::string& issues) {
  if (!issues.empty() || message.size() < sizeof result->error) {
    fillIssues(result, issues);
    return;
  }
  std::string outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[";
  std::size_t start = 0;
  bool first = true;
  while (start <= message.size()) {
    std::size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    if (end > start) {
      outcome += first ? "" : ",";
      outcome += "{\"severity\":\"error\",\"code\":\"invalid\",\"diagnostics\":" +
                 jsonString(std::string_view(message).substr(start, end - start)) + "}";
      first = false;
    }
    start = end + 1;
  }
  fillIssues(result, outcome + "]}");
}

// Runs `body`, turning every exception into a status and a message.
template <class Body>
gw_status guarded(gw_result* result, Body&& body) noexcept {
  try {
    body();
    return GW_OK;
  } catch (const Error& e) {
    copyText(result->error, sizeof result->error, e.what());
    copyText(result->error_location, sizeof result->error_location, e.location());
    fillFailureIssues(result, e.what(), e.issues());
    return e.status();
  } catch (const std::bad_alloc&) {
    copyText(result->error, sizeof result->error, "out of memory");
  } catch (const std::exception& e) {
    copyText(result->error, sizeof result->error, e.what());
    fillFailureIssues(result, e.what(), {});
  } catch (...) {
    copyText(result->error, sizeof result->error, "unknown exception");
  }
  return GW_ERR_INTERNAL;
}

}  // namespace detail
}  // namespace gw::sdk

struct gw_instance {
  std::unique_ptr<gw::sdk::Adapter> adapter;
};

namespace gw::sdk {

// The static C descriptor of adapter class T.
template <class T>
const gw_adapter* describe() {
  static const AdapterInfo info = T::info();
  static const std::vector<const char*> formats = [] {
    auto v = info.formats;
    v.push_back(nullptr);
    return v;
  }();
  static const std::vector<const char*> contentTypes = [] {
    auto v = info.contentTypes;
    v.push_back(nullptr);
    return v;
  }();
  static const gw_adapter adapter = {
      sizeof(gw_adapter),
      info.name,
      info.version,
      static_cast<uint32_t>(info.kind),
      formats.data(),
      contentTypes.data(),
      info.configFields.empty() ? nullptr : info.configFields.data(),
      info.configFields.size(),
      [](const char* partnerId, uint32_t kind, const char* optionsJson, gw_instance** instance, gw_result* result) {
        return detail::guarded(result, [&] {
          Partner partner{partnerId ? partnerId : "", static_cast<gw_adapter_kind>(kind),
                          optionsJson ? optionsJson : "{}"};
          auto created = std::make_unique<gw_instance>();
          created->adapter = std::make_unique<T>(partner);
          *instance = created.release();
        });
      },
      [](gw_instance* instance, gw_bytes input, const char* contentType, gw_result* result) {
        return detail::guarded(result, [&] {
          detail::fill(result, instance->adapter->identify(detail::view(input), contentType ? contentType : ""));
        });
      },
      [](gw_instance* instance, gw_bytes input, const char* contentType, gw_result* result) {
        return detail::guarded(result, [&] {
          detail::fill(result, instance->adapter->decode(detail::view(input), contentType ? contentType : ""));
        });
      },
      [](gw_instance* instance, gw_bytes json, gw_result* result) {
        return detail::guarded(result, [&] { detail::fill(result, instance->adapter->encode(detail::view(json))); });
      },
      [](gw_instance* instance, gw_bytes request, const char* contentType, uint32_t outcome, const char* location,
         const char* text, gw_result* result) {
        return detail::guarded(result, [&] {
          detail::fill(result, instance->adapter->acknowledge(detail::view(request), contentType ? contentType : "",
                                                              static_cast<gw_ack_outcome>(outcome),
                                                              location ? location : "", text ? text : ""));
        });
      },
      [](gw_instance*, uint8_t* output) { delete[] output; },
      [](gw_instance* instance) { delete instance; },
      info.flags,
      [](gw_instance* instance, gw_bytes request, const char* contentType, gw_bytes reply, uint32_t outcome,
         const char* location, const char* text, gw_bytes issues, gw_result* result) {
        return detail::guarded(result, [&] {
          detail::fill(result, instance->adapter->acknowledgeReply(
                                   {detail::view(request), contentType ? contentType : "", detail::view(reply),
                                    static_cast<gw_ack_outcome>(outcome), location ? location : "", text ? text : "",
                                    detail::view(issues)}));
        });
      },
  };
  return &adapter;
}

}  // namespace gw::sdk

// Exports the plugin: its name, version and adapter classes.
#define GW_PLUGIN(plugin_name, plugin_version, ...)                                                   \
  extern "C" __attribute__((visibility("default"))) const gw_plugin* gw_plugin_entry(void) {         \
    static const gw_adapter* const adapters[] = {GW_PLUGIN_DESCRIBE_(__VA_ARGS__)};                   \
    static const gw_plugin plugin = {sizeof(gw_plugin), GW_ABI_MAJOR,       GW_ABI_MINOR,            \
                                     plugin_name,       plugin_version,     adapters,                \
                                     sizeof(adapters) / sizeof(adapters[0])};                        \
    return &plugin;                                                                                    \
  }

#define GW_PLUGIN_D1_(a) gw::sdk::describe<a>()
#define GW_PLUGIN_D2_(a, b) GW_PLUGIN_D1_(a), GW_PLUGIN_D1_(b)
#define GW_PLUGIN_D3_(a, b, c) GW_PLUGIN_D1_(a), GW_PLUGIN_D2_(b, c)
#define GW_PLUGIN_D4_(a, b, c, d) GW_PLUGIN_D1_(a), GW_PLUGIN_D3_(b, c, d)
#define GW_PLUGIN_PICK_(_1, _2, _3, _4, name, ...) name
#define GW_PLUGIN_DESCRIBE_(...) \
  GW_PLUGIN_PICK_(__VA_ARGS__, GW_PLUGIN_D4_, GW_PLUGIN_D3_, GW_PLUGIN_D2_, GW_PLUGIN_D1_, unused)(__VA_ARGS__)
