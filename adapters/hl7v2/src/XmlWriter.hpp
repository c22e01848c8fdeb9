// XmlWriter.hpp: writes a message model in the HL7 v2 XML encoding: v2.xml element names from the
// v2.5 datatype table (PID.5/XPN.1/FN.1), or Mirth's <HL7Message> dialect, with the namespace style
// of the request (default namespace, prefix or none). Used for acknowledgements and for the
// adapter's own ER7-to-XML conversion. Segments are written in order without group elements.
#pragma once

#include "Message.hpp"

#include <string>

namespace gw::hl7v2 {

std::string writeXml(const Message& message, const std::string& rootName, const XmlStyle& style);

// The message structure name used as the root element: MSH-9.3, else MSH-9.1_MSH-9.2.
std::string structureName(const Message& message);

}  // namespace gw::hl7v2
