// Hl7v2Adapter.hpp: the "hl7v2" hospital adapter: HL7 v2 in the XML encoding or ER7 in, one FHIR
// R4 transaction Bundle out, and the HL7 ACK in the request's own encoding.
#pragma once

#include "Acknowledgement.hpp"
#include "Message.hpp"
#include "PartnerOptions.hpp"

#include <gw/plugin.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace gw::hl7v2 {

class Hl7v2Adapter : public gw::sdk::Adapter {
 public:
  static gw::sdk::AdapterInfo info();
  explicit Hl7v2Adapter(const gw::sdk::Partner& partner);

  gw::sdk::Output identify(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output decode(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output acknowledge(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                              std::string_view errorLocation, std::string_view text) override;
  // ABI 1.1: an accepted message's acknowledgement carries its warnings as ERR segments of severity W, and is
  // written from the header that decode or identify kept as its reply (the message is not read again).
  gw::sdk::Output acknowledgeReply(const gw::sdk::AckRequest& request) override;

  // Reads exactly one message in the encoding the content type names (or, when it names none,
  // the one the bytes look like); a batch, or a message of more than 20,000 segments, is refused
  // with GW_ERR_UNSUPPORTED.
  static Message readMessage(std::string_view input, std::string_view contentType);
  static Encoding encodingOf(std::string_view input, std::string_view contentType);

 private:
  static Message readWholeMessage(std::string_view input, std::string_view contentType);
  gw::sdk::Output answer(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                         std::string_view errorLocation, std::string_view text, std::vector<AckWarning> warnings,
                         std::optional<Message> header);

  PartnerOptions options_;
};

}  // namespace gw::hl7v2
