// Datatypes25.hpp: the HL7 v2.5 datatype of each field of the segments the adapter writes as XML
// (the ACK segments and those of ADT, ORU, DFT and SIU messages), and the datatype of the
// components of composite types. The XML encoding names elements after datatypes (PID.5/XPN.1/
// FN.1); this table gives the ER7-to-XML conversion those names. Fields not listed are written
// with generic names (SEG.f.c), which the reader accepts like any other.
#pragma once

#include <string>

namespace gw::hl7v2 {

// "XPN" for ("PID", 5); "" when unknown.
std::string fieldDatatype(const std::string& segment, int field);
// "FN" for ("XPN", 1); "" for a primitive component or an unknown type.
std::string componentDatatype(const std::string& datatype, int component);
bool isPrimitiveDatatype(const std::string& datatype);

}  // namespace gw::hl7v2
