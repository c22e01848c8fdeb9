// Acknowledgement.hpp: the HL7 v3 application acknowledgement MCCI_IN000002UV01 that Chinese
// hospital platforms expect: acknowledgement typeCode AA / AE / AR, targetMessage = the sender's
// message (or document) id, the reason in acknowledgementDetail/text, sender and receiver swapped, and
// one acknowledgementDetail of typeCode W per warning.
#pragma once

#include <gw/plugin_abi.h>

#include <string>
#include <vector>

namespace gw::cda {

struct AckRequest {
  gw_ack_outcome outcome = GW_ACK_ACCEPT;
  std::string text;
  std::string targetRoot, targetExtension;  // the acknowledged message's id; empty when unreadable
  std::string senderRoot, senderId;         // the request's sender device: our receiver
  std::string receiverRoot, receiverId;     // the request's receiver device: our sender
  std::string ackId, creationTime;          // this acknowledgement's id and time (YYYYMMDDHHMMSS)
  std::vector<std::string> warnings;        // an acknowledgementDetail of typeCode W each (lenient validation)
};

std::string buildAcknowledgement(const AckRequest& request);

}  // namespace gw::cda
