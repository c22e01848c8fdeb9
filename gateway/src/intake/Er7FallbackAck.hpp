// An HL7 v2 (ER7) acknowledgement the gateway writes itself, for the few answers the hospital's adapter cannot
// give: a frame refused before any adapter saw it (too large), a hospital with no adapter now, or a batch member
// whose adapter answered in another format. An MLLP sender or a batch waits for an ACK, not for JSON.
#pragma once

#include <string>
#include <string_view>

namespace gw {

// `message` is the start of what was sent; only its MSH segment is read, for the control id (MSH-10) the
// sender matches answers by, and its applications, which the ACK names the other way round.
// `code` is AE or AR; `reason` is plain text (delimiters in it are replaced).
std::string er7FallbackAck(std::string_view message, const std::string& code, const std::string& reason);

}  // namespace gw
