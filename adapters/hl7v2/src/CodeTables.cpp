// CodeTables.cpp: HL7 tables (HL7 v2.3 to 2.8 values) and the coded-value lookup (see CodeTables.hpp).
#include "CodeTables.hpp"

#include <algorithm>

namespace gw::hl7v2 {

namespace table {
const CodeTable kAdministrativeSex{"HL7 table 0001 (administrative sex)", {"A", "F", "M", "N", "O", "U"}};
const CodeTable kMaritalStatus{"HL7 table 0002 (marital status)",
                               {"A", "B", "C", "D", "E", "G", "I", "M", "N", "O", "P", "R", "S", "T", "U", "W"}};
const CodeTable kPatientClass{"HL7 table 0004 (patient class)", {"B", "C", "E", "I", "N", "O", "P", "R", "U"}};
const CodeTable kRelationship{
    "HL7 table 0063 (relationship)",
    {"ASC", "BRO", "CGV", "CHD", "DEP", "DOM", "EMC", "EME", "EMR", "EXF", "FCH", "FND", "FTH", "GCH", "GRD",
     "GRP", "MGR", "MTH", "NCH", "NON", "OAD", "OTH", "OWN", "PAR", "SCH", "SEL", "SIB", "SIS", "SPO", "TRA",
     "UNK", "WRD", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
     "16", "17", "18", "19"}};
const CodeTable kValueType{"HL7 table 0125 (value type)",
                           {"AD", "CE", "CF", "CK", "CN", "CNE", "CP", "CWE", "CX", "DR", "DT", "DTM", "ED", "FT",
                            "GTS", "ID", "IS", "MA", "MO", "NA", "NM", "NR", "PN", "RP", "SN", "ST", "TM", "TN",
                            "TS", "TX", "XAD", "XCN", "XON", "XPN", "XTN"}};
const CodeTable kDocumentCompletion{"HL7 table 0271 (document completion status)",
                                    {"AU", "CA", "DI", "DO", "IN", "IP", "LA", "PA"}};
}  // namespace table

std::string tableCode(MappingContext& ctx, const Segment& segment, int field, const CodeTable& codes) {
  const std::string& code = segment.text(field);
  if (code.empty()) return "";
  if (std::find(codes.codes.begin(), codes.codes.end(), code) != codes.codes.end()) return code;
  const std::string where = segment.name + "-" + std::to_string(field);
    // The value goes with the issue as its original text, never into the text (which may be logged).
  ctx.issues.defect(where, "code-invalid", where + ": the value is not a code of " + codes.name, code);
  return "";
}

}  // namespace gw::hl7v2
