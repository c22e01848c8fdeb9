// acknowledge: the gateway's answer to an insurer's POST, as a FHIR OperationOutcome.
#pragma once

#include <gw/plugin_abi.h>

#include <string>
#include <string_view>

namespace gw::fhirclaim {

// One issue: severity "information" (code "informational") for GW_ACK_ACCEPT, "error" for GW_ACK_ERROR
// (code "invalid": the message was at fault) and GW_ACK_REJECT (code "processing": refused as a whole).
// `text` goes to issue.diagnostics and `location` to issue.expression, each only when not empty.
std::string operationOutcome(gw_ack_outcome outcome, std::string_view location, std::string_view text);

}  // namespace gw::fhirclaim
