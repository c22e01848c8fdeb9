// MessageKind.hpp: what an HL7 v3 XML input is: a Chinese hospital-platform interaction (by root
// element and interactionId, trimmed: senders leave trailing spaces) or a CDA R2 document (WS/T 500
// by its document code C00nn, C-CDA by its US realm header template or LOINC document code), with
// the sender's message or document id and the event. Anything else is GW_ERR_UNSUPPORTED naming
// what was found.
#pragma once

#include <gw/kit/Issues.hpp>

#include "V3Xml.hpp"

#include <string>

namespace gw::cda {

enum class Family { PatientRegistration, PatientMerge, EncounterEvent, WsT500Document, CcdaDocument };

struct MessageKind {
  Family family;
  std::string event;      // interactionId (trimmed) or document code, e.g. "PRPA_IN201311UV02", "C0032", "34133-9"
  std::string messageId;  // v3 message id / CDA document id: extension, else root
  std::string idRoot;     // root of that id
  std::string title;      // what the kind is called (for logs and the Composition)
  Node root = nullptr;

  // Throws gw::sdk::Error(GW_ERR_UNSUPPORTED / GW_ERR_INVALID) when the kind is unknown or inconsistent.
  // A root element and interactionId that differ only in their release suffix are reported to `issues`
  // (refused when strict); every other mismatch is refused.
  static MessageKind of(Node root, kit::Issues& issues);
};

}  // namespace gw::cda
