// Diagnoses and service lines read out of a FHIR Claim for the 837 and 278 writers.
#include "ClaimLines.hpp"

#include "Cents.hpp"

#include <algorithm>

namespace gw::x12 {

namespace {

Diagnosis diagnosisOf(const ClaimPage& page, const JsonObject& claim, const JsonObject& entry, std::size_t index,
                      const std::string& hi) {
  std::string where = "Claim.diagnosis[" + std::to_string(index) + "]";
  JsonObject concept = objectAt(entry, "diagnosisCodeableConcept");
  if (!concept) {
    std::string reference = stringAt(objectAt(entry, "diagnosisReference"), "reference");
    concept = objectAt(page.require(claim, where + ".diagnosisReference", reference), "code");
  }
  JsonArray codings = arrayAt(concept, "coding");
  for (std::size_t i = 0; codings && i < codings->size(); ++i) {
    JsonObject coding = objectIn(codings, i);
    std::string system = stringAt(coding, "system");
    std::string code = stringAt(coding, "code");
    code.erase(std::remove(code.begin(), code.end(), '.'), code.end());
    if (code.empty()) continue;
    if (system == "http://hl7.org/fhir/sid/icd-10" || system == "http://hl7.org/fhir/sid/icd-10-cm") return {true, code};
    if (system == "http://hl7.org/fhir/sid/icd-9-cm" || system == "http://hl7.org/fhir/sid/icd-9") return {false, code};
  }
  claimError(claim, where + " has no ICD-10 or ICD-9-CM code (" + hi + " needs one)");
}

}  // namespace

std::string hiQualifier(const Diagnosis& diagnosis, bool principal) {
  if (diagnosis.icd10) return principal ? "ABK" : "ABF";
  return principal ? "BK" : "BF";
}

ClaimDiagnoses diagnosesOf(const ClaimPage& page, const JsonObject& claim, const std::string& hi) {
  std::vector<std::pair<int, Diagnosis>> listed;
  JsonArray entries = arrayAt(claim, "diagnosis");
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    JsonObject entry = objectIn(entries, i);
    listed.push_back({entry->optValue<int>("sequence", static_cast<int>(i + 1)), diagnosisOf(page, claim, entry, i, hi)});
  }
  std::stable_sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (listed.empty()) claimError(claim, "missing Claim.diagnosis (" + hi + " needs the principal diagnosis)");
  if (listed.size() > 12) claimError(claim, "more than 12 diagnoses: " + hi + " holds 12");
  ClaimDiagnoses diagnoses;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    diagnoses.positionOfSequence[listed[i].first] = i + 1;
    if (listed[i].second.icd10 != listed.front().second.icd10)
      claimError(claim, "mixes ICD-9 and ICD-10 diagnoses: one HI code list per claim");
    diagnoses.inOrder.push_back(listed[i].second);
  }
  return diagnoses;
}

std::vector<ServiceLine> linesOf(const JsonObject& claim, const ClaimDiagnoses& diagnoses, const X12Options& options,
                                 const std::string& lineLoop) {
  std::vector<ServiceLine> lines;
  JsonArray items = arrayAt(claim, "item");
  if (!items || items->size() == 0) claimError(claim, "missing Claim.item (" + lineLoop + " needs at least one service line)");
  for (std::size_t i = 0; i < items->size(); ++i) {
    JsonObject item = objectIn(items, i);
    std::string where = "Claim.item[" + std::to_string(i) + "]";
    ServiceLine line;
    line.sequence = item->optValue<int>("sequence", static_cast<int>(i + 1));
    line.procedure = firstCode(objectAt(item, "productOrService"));
    if (line.procedure.empty()) claimError(claim, "missing " + where + ".productOrService code (SV1/SV2 procedure)");
    JsonArray modifiers = arrayAt(item, "modifier");
    for (std::size_t m = 0; modifiers && m < modifiers->size() && m < 4; ++m)
      line.modifiers.push_back(firstCode(objectIn(modifiers, m)));
    line.revenueCode = firstCode(objectAt(item, "revenue"));
    if (line.revenueCode.empty()) line.revenueCode = options.revenueCode;
    JsonObject quantity = objectAt(item, "quantity");
    line.units = numberAt(quantity, "value");
    if (line.units.empty()) line.units = "1";
    if (!centsOf(line.units)) claimError(claim, where + ".quantity.value " + line.units + " is not a number (SV1-04/SV2-05 units)");
    std::string netText = numberAt(objectAt(item, "net"), "value");
    auto net = centsOf(netText);
    if (!netText.empty() && !net)
      claimError(claim, where + ".net.value " + netText + " is not an amount in whole cents (SV1-02/SV2-03)");
    if (!net) {
      auto unit = centsOf(numberAt(objectAt(item, "unitPrice"), "value"));
      auto count = centsOf(line.units);
      if (!unit || !count || *count % 100 != 0)
        claimError(claim, "missing " + where + ".net (SV1/SV2 line charge)");
      net = *unit * (*count / 100);
    }
    line.cents = *net;
    std::string date = stringAt(item, "servicedDate");
    line.from = line.to = x12Date(date);
    if (JsonObject period = objectAt(item, "servicedPeriod")) {
      line.from = x12Date(stringAt(period, "start"));
      line.to = x12Date(stringAt(period, "end"));
      if (line.to.empty()) line.to = line.from;
    }
    JsonArray pointers = arrayAt(item, "diagnosisSequence");
    for (std::size_t p = 0; pointers && p < pointers->size() && line.pointers.size() < 4; ++p) {
      auto found = diagnoses.positionOfSequence.find(pointers->getElement<int>(static_cast<unsigned>(p)));
      if (found == diagnoses.positionOfSequence.end())
        claimError(claim, where + ".diagnosisSequence names diagnosis " +
                              pointers->getElement<std::string>(static_cast<unsigned>(p)) + ", which the Claim does not list");
      line.pointers.push_back(std::to_string(found->second));
    }
    if (line.pointers.empty()) line.pointers.push_back("1");
    lines.push_back(line);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const ServiceLine& a, const ServiceLine& b) { return a.sequence < b.sequence; });
  return lines;
}

}  // namespace gw::x12
