// Acknowledgement.hpp: the HL7 v2 ACK for a request, in the request's encoding (ER7 or XML with
// the same namespace style): MSH-3/4 and MSH-5/6 swapped, MSH-9 ACK^<trigger>^ACK, a new MSH-10,
// MSA-1 AA/AE/AR, MSA-2 the sender's MSH-10, an ERR segment with location and text on AE/AR, and one
// ERR of severity W per warning of an accepted message.
#pragma once

#include "Message.hpp"

#include <gw/plugin_abi.h>

#include <string>
#include <vector>

namespace gw::hl7v2 {

// A defect accepted in lenient mode, reported back to the sender.
struct AckWarning {
  std::string location;  // "PID-7"
  std::string text;
};

struct AckRequest {
  const Message* request = nullptr;  // nullptr when the request could not be read at all
  Encoding encoding = Encoding::Er7;  // of the request (guessed when it could not be read)
  gw_ack_outcome outcome = GW_ACK_ACCEPT;
  std::string errorLocation;  // "PID-7", "line 3, column 14", or ""
  std::string text;
  std::string controlId;  // the ACK's own MSH-10
  std::string timestamp;  // the ACK's MSH-7, HL7 format
  std::vector<AckWarning> warnings;  // an ERR of severity W each
};

Message buildAck(const AckRequest& ack);
std::string ackContentType(Encoding encoding);

}  // namespace gw::hl7v2
