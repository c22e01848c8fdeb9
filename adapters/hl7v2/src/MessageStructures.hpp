// MessageStructures.hpp: the events the adapter translates and the abstract message structure of each
// (ADT^A04 is an ADT_A01, OML^O21 an OML_O21, …) with the segments that structure carries in some HL7 v2
// version from 2.3 to 2.8. A segment the structure does not have is reported and not mapped; a segment
// it requires and the message lacks is either reported (the data it carries is simply missing) or, when
// the message would have nothing to store without it, refused.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace gw::hl7v2 {

struct MessageStructure {
  std::string name;                    // "ADT_A01"
  std::set<std::string> segments;      // every segment it may carry (MSH and Z-segments always may)
  std::vector<std::string> required;   // missing: reported (lenient) or refused (strict)
  std::string essential;               // missing: refused, the message has nothing to store ("" for none)
  bool expects(const std::string& segment) const;
};

// The structure of `event` ("ADT^A04"), or nullptr when the adapter does not translate that event.
const MessageStructure* structureOf(const std::string& event);

// "ADT^A01", … every supported event, in the order of the README.
const std::vector<std::string>& supportedEvents();

}  // namespace gw::hl7v2
