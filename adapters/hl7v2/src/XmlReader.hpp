// XmlReader.hpp: reads the HL7 v2 XML encoding (urn:hl7-org:v2xml with a default namespace, a
// prefix or none, versions 2.2-2.8, and Mirth's <HL7Message> dialect) into the message model.
// This is the only file of the adapter that touches libxml2, through the kit's hardened parser
// (gw::kit::HardenedXml), whose refusals name what is wrong (entities, depth, size, malformed).
#pragma once

#include "Message.hpp"

#include <string_view>

namespace gw::hl7v2 {

// Throws gw::sdk::Error(GW_ERR_INVALID) with the line when the bytes are not well-formed XML or
// not an HL7 v2 message.
Message readXml(std::string_view bytes);

}  // namespace gw::hl7v2
