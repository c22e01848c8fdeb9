// MappingLoader.hpp: reads a mapping file (YAML) into a MappingSpec and checks all of it before the
// first message arrives: unknown keys, missing sections, XPaths (compiled and tried with the
// declared prefixes), FHIR element paths (against the R4 definitions), references, value maps, date
// formats, the ACK template. Every problem names the mapping file, line and column, like the
// gateway's own configuration, and all of them are reported: the list is never cut.
#pragma once

#include "MappingSpec.hpp"

#include <stdexcept>
#include <string>

namespace gw::xmlmap {

// All problems found, one per line: `file:line:column: 'key': message`.
class MappingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `partnerId` replaces ${partner} in constants (identifier systems such as urn:gw:${partner}:mr).
MappingSpec loadMapping(const std::string& file, const std::string& partnerId);
MappingSpec loadMappingText(const std::string& yamlText, const std::string& fileName, const std::string& partnerId);

}  // namespace gw::xmlmap
