// MessageStructures.cpp: the supported events and their message structures (see MessageStructures.hpp).
// Segment lists are the union over HL7 v2.3 to 2.8 of each structure's segments (chapters 3, 4, 7, 9, 10
// and 6), so a message valid in any of those versions draws no report.
#include "MessageStructures.hpp"

#include <sstream>

namespace gw::hl7v2 {

namespace {

struct StructureRow {
  const char* name;
  const char* events;     // triggers sharing the structure: "ADT^A01 ADT^A04 …"
  const char* segments;   // beyond MSH
  const char* required;
  const char* essential;
};

// Segments any visit-level ADT structure may carry beside its own.
#define GW_ADT_HEADER "SFT UAC EVN PID PD1 ARV ROL PRT "
#define GW_ADT_VISIT "NK1 PV1 PV2 DB1 OBX AL1 DG1 DRG PR1 GT1 IN1 IN2 IN3 ACC UB1 UB2 PDA NTE "

const StructureRow kStructures[] = {
    {"ADT_A01", "ADT^A01 ADT^A04 ADT^A08 ADT^A13", GW_ADT_HEADER GW_ADT_VISIT, "PV1", ""},
    {"ADT_A02", "ADT^A02", GW_ADT_HEADER "PV1 PV2 DB1 OBX PDA NTE", "PV1", ""},
    {"ADT_A03", "ADT^A03", GW_ADT_HEADER GW_ADT_VISIT, "PV1", ""},
    {"ADT_A05", "ADT^A05 ADT^A14 ADT^A28 ADT^A31", GW_ADT_HEADER GW_ADT_VISIT, "PV1", ""},
    {"ADT_A06", "ADT^A06 ADT^A07", GW_ADT_HEADER "MRG " GW_ADT_VISIT, "PV1", ""},
    {"ADT_A09", "ADT^A09 ADT^A10 ADT^A11 ADT^A12", GW_ADT_HEADER "PV1 PV2 DB1 OBX DG1 NTE", "PV1", ""},
    {"ADT_A15", "ADT^A15", GW_ADT_HEADER "PV1 PV2 DB1 OBX DG1 NTE", "PV1", ""},
    {"ADT_A16", "ADT^A16", GW_ADT_HEADER GW_ADT_VISIT, "PV1", ""},
    {"ADT_A17", "ADT^A17", GW_ADT_HEADER "PV1 PV2 DB1 OBX", "PV1", ""},
    {"ADT_A21", "ADT^A21 ADT^A22 ADT^A23 ADT^A25 ADT^A26 ADT^A27 ADT^A29 ADT^A32 ADT^A33",
     GW_ADT_HEADER "PV1 PV2 DB1 OBX NTE", "PV1", ""},
    {"ADT_A24", "ADT^A24", GW_ADT_HEADER "PV1 DB1", "", ""},
    {"ADT_A37", "ADT^A37", GW_ADT_HEADER "PV1 DB1", "", ""},
    {"ADT_A30", "ADT^A34 ADT^A35 ADT^A36", GW_ADT_HEADER "MRG", "MRG", ""},
    {"ADT_A38", "ADT^A38", GW_ADT_HEADER "PV1 PV2 DB1 OBX DG1 DRG", "PV1", ""},
    {"ADT_A39", "ADT^A39 ADT^A40 ADT^A41 ADT^A42 ADT^A47 ADT^A49", GW_ADT_HEADER "MRG PV1", "MRG", ""},
    {"ADT_A43", "ADT^A44", GW_ADT_HEADER "MRG", "MRG", ""},
    {"ADT_A45", "ADT^A45", GW_ADT_HEADER "MRG PV1", "MRG", ""},
    {"ADT_A50", "ADT^A50 ADT^A51", GW_ADT_HEADER "MRG PV1", "PV1", ""},
    {"ADT_A54", "ADT^A54 ADT^A55", GW_ADT_HEADER "PV1 PV2 DB1 OBX", "PV1", ""},
    {"ADT_A60", "ADT^A60", GW_ADT_HEADER "PV1 PV2 IAM IAR NTE", "", ""},
    {"ADT_A61", "ADT^A61 ADT^A62", GW_ADT_HEADER "PV1 PV2", "PV1", ""},
    {"ORM_O01", "ORM^O01",
     "SFT UAC NTE PID PD1 PV1 PV2 IN1 IN2 IN3 GT1 AL1 ORC TQ1 TQ2 OBR RQD RQ1 RXO ODS ODT DG1 OBX CTI BLG FT1 CTD",
     "", "ORC"},
    {"OML_O21", "OML^O21 OML^O33 OML^O35",
     "SFT UAC NTE PID PD1 PRT ARV NK1 PV1 PV2 IN1 IN2 IN3 GT1 AL1 ORC TQ1 TQ2 OBR TCD DG1 OBX SPM SAC SID "
     "FT1 CTI BLG CTD",
     "", "ORC"},
    {"ORL_O22", "ORL^O22 ORL^O34 ORL^O36",
     "SFT UAC MSA ERR NTE PID PRT ARV ORC TQ1 TQ2 OBR SPM SAC OBX", "", "ORC"},
    {"ORU_R01", "ORU^R01 ORU^R30 ORU^R31 ORU^R32",
     "SFT UAC NTE PID PD1 PRT ARV NK1 OH1 OH2 OH3 OH4 PV1 PV2 ORC OBR TQ1 TQ2 CTD OBX FT1 CTI SPM DSC", "", ""},
    {"OUL_R22", "OUL^R21 OUL^R22 OUL^R23 OUL^R24",
     "SFT UAC NTE PID PD1 PRT ARV PV1 PV2 SPM OBX SAC INV OBR ORC TQ1 TQ2 TCD SID CTI DSC", "", ""},
    {"MDM_T02", "MDM^T01 MDM^T02 MDM^T03 MDM^T04 MDM^T05 MDM^T06 MDM^T07 MDM^T08 MDM^T09 MDM^T10 MDM^T11",
     "SFT UAC EVN PID PV1 ARV PRT ORC TQ1 OBR NTE TXA CON OBX", "", "TXA"},
    {"SIU_S12",
     "SIU^S12 SIU^S13 SIU^S14 SIU^S15 SIU^S16 SIU^S17 SIU^S18 SIU^S19 SIU^S20 SIU^S21 SIU^S22 SIU^S26",
     "SFT UAC SCH TQ1 NTE PID PD1 PRT ARV PV1 PV2 OBX DG1 RGS AIS AIG AIL AIP", "", "SCH"},
    {"DFT_P03", "DFT^P03 DFT^P11",
     "SFT UAC EVN PID PD1 ROL PRT ARV PV1 PV2 DB1 ORC TQ1 OBR NTE OBX FT1 PR1 DG1 DRG GT1 IN1 IN2 IN3 ACC", "FT1",
     ""},
    {"BAR_P01", "BAR^P01 BAR^P05",
     "SFT UAC EVN PID PD1 ROL PRT ARV PV1 PV2 DB1 OBX AL1 DG1 DRG PR1 GT1 NK1 IN1 IN2 IN3 ACC UB1 UB2", "", ""},
    {"BAR_P02", "BAR^P02", "SFT UAC EVN PID PD1 PV1 DB1", "", ""},
    {"BAR_P06", "BAR^P06", "SFT UAC EVN PID PV1", "", ""},
    {"BAR_P10", "BAR^P10", "SFT UAC EVN PID PV1 DG1 GP1 PR1 GP2 ROL PRT", "PV1", ""},
    {"BAR_P12", "BAR^P12", "SFT UAC EVN PID PV1 DG1 DRG PR1 ROL PRT OBX", "PV1", ""},
};

#undef GW_ADT_HEADER
#undef GW_ADT_VISIT

std::vector<std::string> words(const char* text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

struct Registry {
  std::vector<MessageStructure> structures;
  std::vector<std::pair<std::string, std::size_t>> events;  // event -> index in structures
  std::vector<std::string> eventNames;

  Registry() {
    for (const StructureRow& row : kStructures) {
      MessageStructure s;
      s.name = row.name;
      for (const std::string& segment : words(row.segments)) s.segments.insert(segment);
      s.required = words(row.required);
      s.essential = row.essential;
      structures.push_back(std::move(s));
      for (const std::string& event : words(row.events)) {
        events.emplace_back(event, structures.size() - 1);
        eventNames.push_back(event);
      }
    }
  }
};

const Registry& registry() {
  static const Registry r;
  return r;
}

}  // namespace

bool MessageStructure::expects(const std::string& segment) const {
  // Z-segments are the sender's own extensions: HL7 lets them stand anywhere.
  return segment == "MSH" || (!segment.empty() && segment[0] == 'Z') || segments.count(segment) > 0;
}

const MessageStructure* structureOf(const std::string& event) {
  const Registry& r = registry();
  for (const auto& [name, index] : r.events)
    if (name == event) return &r.structures[index];
  return nullptr;
}

const std::vector<std::string>& supportedEvents() { return registry().eventNames; }

}  // namespace gw::hl7v2
