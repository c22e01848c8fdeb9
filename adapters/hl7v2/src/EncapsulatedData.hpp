// EncapsulatedData.hpp: an ED value (HL7 encapsulated data: OBX-5 of type ED) as what a FHIR Attachment needs.
#pragma once

#include "Message.hpp"

#include <string>

namespace gw::hl7v2 {

// ED.2 (table 0191 type of data) and ED.3 (subtype) as a MIME type; application/octet-stream otherwise.
std::string mediaType(const Repetition& ed);

// The attachment data of an ED value: Base64 as sent (whitespace dropped), anything else encoded. Throws
// GW_ERR_INVALID naming `where` when ED.4 says Base64 and the data is not.
std::string edData(const Repetition& ed, const std::string& where);

}  // namespace gw::hl7v2
