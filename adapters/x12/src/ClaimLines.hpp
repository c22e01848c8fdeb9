// What a Claim asks to be paid (837) or approved (278) for: its diagnoses as ICD codes in HI order and its
// items as service lines (procedure, modifiers, amount, units, dates, diagnosis pointers). Both writers
// read a Claim the same way, so a page renders the same codes whichever transaction it becomes.
#pragma once

#include "ClaimPage.hpp"
#include "X12Options.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gw::x12 {

struct Diagnosis {
  bool icd10 = true;
  std::string code;  // without the dot, as X12 wants it
};

// HI's code list qualifier: ABK/BK for the principal diagnosis, ABF/BF for the others (ICD-10/ICD-9).
std::string hiQualifier(const Diagnosis& diagnosis, bool principal);

struct ClaimDiagnoses {
  std::vector<Diagnosis> inOrder;               // by Claim.diagnosis.sequence: the principal first
  std::map<int, std::size_t> positionOfSequence;  // Claim.diagnosis.sequence → 1-based HI position
};

struct ServiceLine {
  int sequence = 0;
  std::string procedure;
  std::vector<std::string> modifiers;
  std::string revenueCode;
  std::int64_t cents = 0;
  std::string units;
  std::string from, to;               // CCYYMMDD
  std::vector<std::string> pointers;  // HI positions, 1-based
};

// The Claim's diagnoses; none, more than 12, mixed ICD-9/ICD-10 or one without an ICD code is
// GW_ERR_INVALID naming the Claim and `hi`, the HI the codes go to ("2300 HI"): it holds 12 of one code list.
ClaimDiagnoses diagnosesOf(const ClaimPage& page, const JsonObject& claim, const std::string& hi);

// The Claim's items by sequence; no item, no product code, no amount or a pointer to an unlisted
// diagnosis is GW_ERR_INVALID naming the item (and `lineLoop`, "2400", when there is none). Dates stay ""
// when the item has none.
std::vector<ServiceLine> linesOf(const JsonObject& claim, const ClaimDiagnoses& diagnoses, const X12Options& options,
                                 const std::string& lineLoop);

}  // namespace gw::x12
