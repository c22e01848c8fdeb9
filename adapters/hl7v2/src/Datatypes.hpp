// Datatypes.hpp: HL7 v2 datatypes to FHIR R4 datatypes, following the HL7 v2-to-FHIR datatype maps
// (CX -> Identifier, XPN -> HumanName, XAD -> Address, XTN -> ContactPoint, CE/CWE ->
// CodeableConcept, MO/CP -> Money, XCN -> Practitioner) and the gateway's identifier conventions.
#pragma once

#include "MappingContext.hpp"
#include "Message.hpp"

#include <string>

namespace gw::hl7v2 {

// The identifier system for an assigning authority given as HD parts and an id type (CX.5):
// OID -> urn:oid:<oid>; a configured name -> its OID; otherwise urn:gw:<partner>:<id type>.
std::string identifierSystem(const MappingContext& ctx, const std::string& namespaceId, const std::string& universalId,
                             const std::string& universalIdType, const std::string& idType);
bool isOid(const std::string& text);

Json identifierFromCx(const MappingContext& ctx, const Repetition& cx, const std::string& defaultType);
Json identifierFromEi(const MappingContext& ctx, const Repetition& ei, const std::string& defaultType);
Json humanName(const Repetition& xpn, int firstComponent = 1);
Json address(const Repetition& xad);
Json contactPoint(const Repetition& xtn, const std::string& defaultUse);
// CE/CWE/CNE (code, text, system, alternate code, text, system, …, original text in .9).
Json codeableConcept(const MappingContext& ctx, const Repetition& ce);
Json codeableConceptOf(const std::string& system, const std::string& code, const std::string& display = {});
Json coding(const std::string& system, const std::string& code, const std::string& display = {});
std::string codeSystemUri(const MappingContext& ctx, const std::string& hl7Name);
// A decimal as FHIR wants it; throws naming `where` when `text` is not a number.
std::string decimal(const std::string& text, const std::string& where);
// `text` as a FHIR positiveInt (JSON number text), or "" when it is not a small positive integer.
std::string positiveInt(const std::string& text);
Json money(const std::string& amount, const std::string& currency, const std::string& where);
// FHIR date / dateTime of field `field` of `segment` (component 1); "" when not valued.
std::string dateOf(MappingContext& ctx, const Segment& segment, int field, int component = 1);
std::string dateTimeOf(MappingContext& ctx, const Segment& segment, int field, int component = 1);
std::string dateTimeOfText(MappingContext& ctx, const std::string& text, const std::string& where);
std::string instantOfText(MappingContext& ctx, const std::string& text, const std::string& where);
// Each of these leaves out a value that is not an HL7 time and reports it through ctx.issues (lenient), or
// refuses it (strict).

// Adds (once per identifier) a Practitioner for an XCN and returns its fullUrl, or "" when the
// XCN names nobody. The local id always gets system urn:gw:<partner>:practitioner, so the intake
// can map it to a group practitioner; an OID assigning authority adds a urn:oid identifier.
std::string practitionerFromXcn(MappingContext& ctx, const Repetition& xcn);

// Field `field` of `segment` (HL7 table 0001, administrative sex) as FHIR administrative-gender; "" when not
// sent or not a code of the table (reported).
std::string administrativeGender(MappingContext& ctx, const Segment& segment, int field);

// The text of every repetition of field `field`, one line each (components joined by spaces); formatting
// escapes such as \.br\ kept as sent.
std::string textLines(const Segment& segment, int field);

// A JSON array of `convert(repetition)` for every repetition of field `field` (empty ones dropped).
template <class Convert>
Json eachRepetition(const Segment& segment, int field, Convert&& convert) {
  Json out = Json::array();
  for (std::size_t r = 0; r < segment.repetitionCount(field); ++r) out.push(convert(segment.repetition(field, r)));
  return out;
}

// The home (`homeField`) and work (`workField`) XTN repetitions of a segment as ContactPoints.
Json telecomOf(const Segment& segment, int homeField, int workField);

std::string lower(std::string text);

}  // namespace gw::hl7v2
