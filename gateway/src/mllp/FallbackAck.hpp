// An HL7 v2 (ER7) acknowledgement the gateway writes itself, for the few answers the hospital's adapter cannot
// give: a frame refused before any adapter saw it (too large), or a hospital with no adapter now. An MLLP
// sender waits for an ACK frame, not for the JSON the HTTP intake would answer.
#pragma once

#include <string>
#include <string_view>

namespace gw::mllp {

// `message` is the start of what was sent; only its MSH segment is read, for the control id (MSH-10) the
// sender matches answers by, and its applications, which the ACK names the other way round.
// `code` is AE or AR; `reason` is plain text (delimiters in it are replaced).
std::string fallbackAck(std::string_view message, const std::string& code, const std::string& reason);

}  // namespace gw::mllp
