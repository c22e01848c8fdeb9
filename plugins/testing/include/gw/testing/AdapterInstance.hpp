// One adapter instance driven through the C ABI as the host drives it: created with a partner's options,
// each call made on a zero-filled gw_result, the output copied and handed back through free_output at once,
// destroyed with the object. A test reads a call's outcome as a CallResult and never holds plugin memory.
#pragma once

#include <gw/plugin_abi.h>

#include <ostream>
#include <string>
#include <string_view>

namespace gw::testkit {

// What one call answered. The text fields are read up to their first NUL or the end of their buffer.
struct CallResult {
  gw_status status = GW_OK;
  bool outputGiven = false;  // result->output was not NULL
  std::string output;
  std::string contentType;
  std::string messageId;
  std::string event;
  std::string errorLocation;
  std::string error;
  std::string issues;  // ABI 1.1: the OperationOutcome the plugin returned, or empty
  std::string reply;   // ABI 1.1: the reply bytes, or empty
};

// The status, location and error (for failure messages: EXPECT_EQ(r.status, GW_OK) << r).
std::ostream& operator<<(std::ostream& out, const CallResult& result);

class AdapterInstance {
 public:
  AdapterInstance(const gw_adapter& adapter, const std::string& partnerId, gw_adapter_kind kind,
                  const std::string& optionsJson);
  ~AdapterInstance();
  AdapterInstance(const AdapterInstance&) = delete;
  AdapterInstance& operator=(const AdapterInstance&) = delete;

  // What create answered; the calls below need it to have succeeded (ok()).
  const CallResult& created() const { return created_; }
  bool ok() const { return instance_ != nullptr; }
  // A create that refused yet set its instance argument (the ABI wants it left alone).
  bool instanceLeftByRefusal() const { return instanceLeftByRefusal_; }

  // A callback the adapter leaves NULL answers GW_ERR_UNSUPPORTED naming it, as the host answers.
  CallResult identify(std::string_view input, const std::string& contentType) const;
  CallResult decode(std::string_view input, const std::string& contentType) const;
  CallResult encode(std::string_view canonicalJson) const;
  CallResult acknowledge(std::string_view request, const std::string& contentType, gw_ack_outcome outcome,
                         const std::string& errorLocation = {}, const std::string& text = {}) const;
  // ABI 1.1: acknowledge_reply with what decode returned (reply, issues); GW_ERR_UNSUPPORTED when the adapter
  // was built for 1.0 or leaves it NULL.
  CallResult acknowledgeReply(std::string_view request, const std::string& contentType, std::string_view reply,
                              gw_ack_outcome outcome, std::string_view issues) const;

 private:
  CallResult finish(gw_status status, gw_result& result) const;

  const gw_adapter& adapter_;
  gw_instance* instance_ = nullptr;
  bool instanceLeftByRefusal_ = false;
  CallResult created_;
};

}  // namespace gw::testkit
