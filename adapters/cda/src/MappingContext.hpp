// MappingContext.hpp: what the mappers of one input share: the partner's options, the OID table,
// the Bundle being built, the Patient and Encounter entries once known, and the FHIR value builders
// (identifiers, CodeableConcepts, Money, Quantity, Practitioner references) every mapper uses.
// Json and BundleBuilder are the hl7v2 adapter's (same Bundle conventions, one implementation).
#pragma once

#include "MessageKind.hpp"
#include "OidSystems.hpp"
#include "PartnerOptions.hpp"
#include "V3Xml.hpp"

#include <gw/kit/BundleBuilder.hpp>
#include <gw/kit/Issues.hpp>
#include <string>

namespace gw::cda {

using kit::BundleBuilder;
using kit::Json;

struct MappingContext {
  MappingContext(const PartnerOptions& o, const MessageKind& k, kit::Issues& i)
      : options(o), oids(o.oidSystems), kind(k), issues(i), bundle(o.partnerId + "|" + k.messageId) {}

  const PartnerOptions& options;
  OidSystems oids;
  const MessageKind& kind;
  kit::Issues& issues;  // defects in fields that identify nothing (lenient: warnings)
  BundleBuilder bundle;
  std::string patientUrl, encounterUrl;
  int counter = 0;  // numbers entries of the same kind ("Condition/3")

  std::string nextKey(const std::string& type) { return type + "/" + std::to_string(++counter); }

  // FHIR Identifier of a v3 id; an empty Json when the id is a placeholder.
  Json identifier(const V3Id& id) const;
  // The conditional-update URL for an identifier Json (system|value).
  static std::string conditional(const std::string& type, const Json& identifier);
  // CodeableConcept of a CD/CE element (code, codeSystem, displayName, originalText, translations);
  // empty when there is neither a code nor a text.
  Json concept(Node code) const;
  Json coding(Node code) const;
  // Money of an MO element: 元 is CNY; no currency gives the partner's.
  Json money(Node mo) const;
  // Quantity of a PQ element (UCUM system when the unit is ASCII); empty when the value is absent.
  Json quantity(Node pq) const;
  // A Practitioner entry for an assigned person/entity (the doctor's local id under
  // urn:gw:<partner>:practitioner); returns a Reference (display only when the id is a placeholder).
  Json practitioner(Node assigned);
  // FHIR decimal text, or "" when `value` is not a decimal.
  static std::string decimal(const std::string& value);

  // FHIR date, dateTime and instant of a TS; "" when absent. A value that is not a TS (a placeholder such as
  // "00000000") is left out and reported through `issues` (lenient) or refused (strict).
  std::string date(const std::string& ts, const std::string& field);
  std::string dateTime(const std::string& ts, const std::string& field);
  std::string instant(const std::string& ts, const std::string& field);
};

// Encounter.class (v3 ActCode) for IMP, AMB, EMER…, from the source's own code or a hint.
Json encounterClass(const std::string& actCode);
// A Coverage of the patient for an insurance type code (医疗保险类别 / 医疗付费方式 / C-CDA payer);
// `display` when the source gives a name without a code.
void addCoverage(MappingContext& c, Node typeCode, const std::string& display);

// Mappers, one per concern (see their .cpp files).
void mapPatient(MappingContext& c, Node patient, Node person);
void mapInteraction(MappingContext& c);
void mapDocumentHeader(MappingContext& c, std::string_view originalBytes);
void mapClinicalEntries(MappingContext& c);
void mapFinancialEntries(MappingContext& c);

}  // namespace gw::cda
