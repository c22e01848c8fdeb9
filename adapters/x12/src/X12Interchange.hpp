// An X12 interchange read into segments, elements and components, with its envelope structure
// (ISA/IEA, GS/GE, ST/SE) and every envelope fault found. Delimiters come from the ISA segment, so
// partners using "~" as element separator or "_" as terminator read the same as the "*"/"~" default.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gw::x12 {

struct Delimiters {
  char element = '*';
  char component = ':';
  char repetition = '^';  // 0 when the interchange has none (4010: ISA11 is a standards identifier)
  char segment = '~';
};

struct Segment {
  std::size_t position = 0;           // 1-based among the interchange's segments, ISA = 1
  std::vector<std::string> elements;  // elements[0] is the segment id ("CLP"), elements[1] is CLP01

  const std::string& id() const { return elements.front(); }
  // The element at `index` (1-based, X12 numbering), or "" when the segment is shorter.
  const std::string& at(std::size_t index) const;
  // The components of element `index` ("HC:99213:25" → {"HC", "99213", "25"}); {""} when absent.
  std::vector<std::string> components(std::size_t index, char separator) const;
  // "segment 57 (SE)": how errors name a segment.
  std::string label() const;
  // "segment 12 (CLP) element 2": how errors name one element (1-based, X12 numbering); the 999 reply
  // reads it back to point IK4 at the element.
  std::string elementLabel(std::size_t index) const;
  // "segment 12 (HL) missing HCR": how errors name a required segment absent from the loop this segment
  // opens; the 999 reply reads it back to answer IK3*HCR with code 3 (required segment missing).
  std::string missingLabel(const std::string& segmentId) const;
  // "CLP04": how the implementation guides name an element.
  std::string elementName(std::size_t index) const;
};

struct TransactionSet {
  std::size_t first = 0, last = 0;  // indexes into Interchange::segments of ST and SE
  std::string code;                 // ST01: "837", "835", "999"
  std::string control;              // ST02
};

struct FunctionalGroup {
  std::size_t first = 0, last = 0;  // GS and GE
  std::string functionalCode;       // GS01: HC, HP, FA
  std::string control;              // GS06
  std::string version;              // GS08
  std::vector<TransactionSet> sets;
};

// A fault of the interchange envelope itself (ISA fields, ISA/IEA agreement, what surrounds the groups),
// which X12 answers with a TA1 rather than a 999.
struct InterchangeFault {
  std::string noteCode;  // TA105: "001" control numbers differ, "018" invalid control number, ...
  std::size_t problem = 0;  // index into Interchange::problems of its text
};

struct Interchange {
  Delimiters delimiters;
  std::string control;  // ISA13
  std::string version;  // ISA12
  std::vector<Segment> segments;
  std::vector<FunctionalGroup> groups;
  // Indexes into segments of the TA1 interchange acknowledgements, which sit between ISA and the first GS,
  // outside any functional group.
  std::vector<std::size_t> interchangeAcknowledgements;
  // Envelope faults in document order, each starting with the segment's label: wrong SE01/GE01/IEA01
  // counts, control numbers that do not match, segments outside an envelope, a missing trailer.
  std::vector<std::string> problems;
  // The problems that are about the interchange envelope itself, in the same order.
  std::vector<InterchangeFault> interchangeFaults;
};

// What makes the start of `text` unusable as an ISA segment (too short, not fixed width, an unusable
// segment terminator), as a TA1 note code and a message; an empty code when the ISA can be read.
struct IsaStructure {
  std::string noteCode;
  std::string message;
};
IsaStructure isaStructureOf(std::string_view text);

// Reads `text`. Text that is not an X12 interchange at all (no ISA, a short ISA, a bad segment id)
// is GW_ERR_INVALID; envelope faults are only listed in problems, so a reader of imperfect public
// samples can still look inside.
Interchange readInterchange(std::string_view text);

// GW_ERR_INVALID with the first of `interchange.problems` (and the count of the others), an interchange
// fault first (X12 checks the interchange envelope before what it holds); nothing when there are none.
void refuseEnvelopeProblems(const Interchange& interchange);

// readInterchange, then refuseEnvelopeProblems.
Interchange readValidInterchange(std::string_view text);

}  // namespace gw::x12
