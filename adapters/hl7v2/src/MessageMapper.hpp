// MessageMapper.hpp: one HL7 v2 message (from either encoding) to one FHIR R4 transaction Bundle.
// Routes on MSH-9 (type^trigger), never on the XML root element name.
#pragma once

#include <gw/kit/Issues.hpp>
#include <gw/kit/Json.hpp>

#include "Message.hpp"
#include "PartnerOptions.hpp"

#include <string>
#include <vector>

namespace gw::hl7v2 {

using kit::Json;

// Throws gw::sdk::Error: GW_ERR_UNSUPPORTED naming the event, GW_ERR_INVALID naming the field. Defects in
// fields that identify nothing go to `issues` (which throws for them in strict mode).
Json mapMessage(const Message& message, const PartnerOptions& options, kit::Issues& issues);

}  // namespace gw::hl7v2
