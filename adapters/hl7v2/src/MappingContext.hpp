// MappingContext.hpp: what the segment mappers share while one message becomes one Bundle: the
// message, the partner's options, the Bundle being built and the current patient and encounter
// (a new PID starts a new patient, as in ADT^A17 which carries two PID/PV1 pairs).
#pragma once

#include <gw/kit/BundleBuilder.hpp>
#include <gw/kit/Issues.hpp>

#include "Message.hpp"
#include "PartnerOptions.hpp"

#include <string>

namespace gw::hl7v2 {

using kit::BundleBuilder;
using kit::Json;
using kit::encodeQueryValue;
using kit::referenceTo;

struct MappingContext {
  const Message& message;
  const PartnerOptions& options;
  kit::Issues& issues;          // defects in fields that identify nothing (lenient: warnings)
  BundleBuilder bundle;
  std::string event;            // "ADT^A01"
  std::string patientUrl;       // fullUrl of the current Patient
  std::string patientKey;       // its bundle key
  std::string encounterUrl;     // fullUrl of the current Encounter
  std::string encounterKey;
  std::string hospitalUrl;      // the partner hospital's Organization
  std::string reportKey;        // the DiagnosticReport of the current OBR (ORU), collecting OBX results
  int patientCount = 0;
  int visitCount = 0;           // PV1 of the current patient
  int counter = 0;              // numbers the resources that have no business identifier

  MappingContext(const Message& m, const PartnerOptions& o, kit::Issues& i, std::string seed, std::string ev)
      : message(m), options(o), issues(i), bundle(std::move(seed)), event(std::move(ev)) {}
  std::string nextKey(const std::string& type) { return type + "/" + std::to_string(++counter); }
};

}  // namespace gw::hl7v2
