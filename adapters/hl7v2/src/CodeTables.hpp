// CodeTables.hpp: the HL7 tables whose codes the mapping reads, and the one place a coded field is looked
// up in its table. A code its table does not have identifies nothing: lenient, it is left out (never
// guessed) and reported as code-invalid; strict, the message is refused naming the field.
#pragma once

#include "MappingContext.hpp"
#include "Message.hpp"

#include <string>
#include <vector>

namespace gw::hl7v2 {

struct CodeTable {
  const char* name;                  // "HL7 table 0001 (administrative sex)"
  std::vector<std::string> codes;
};

namespace table {
extern const CodeTable kAdministrativeSex;     // 0001
extern const CodeTable kMaritalStatus;         // 0002
extern const CodeTable kPatientClass;          // 0004
extern const CodeTable kRelationship;          // 0063, with the 0344 numbers senders use in IN1-17
extern const CodeTable kValueType;             // 0125
extern const CodeTable kDocumentCompletion;    // 0271
}  // namespace table

// Component 1 of the first repetition of field `field` of `segment` when `codes` has it; "" when the field
// is not valued, or when `codes` does not have it (then reported through ctx.issues).
std::string tableCode(MappingContext& ctx, const Segment& segment, int field, const CodeTable& codes);

}  // namespace gw::hl7v2
