// The 278 request loops, in implementation-guide order: 2000A/2010A the UMO (the payer who reviews),
// 2000B/2010B the requester (our billing provider), 2000C/2010C the subscriber, 2000D/2010D a dependant
// patient, 2000E the patient event (TRN, UM, admission or event date, HI), 2000F one service level per item.
#include "Preauth278Writer.hpp"

#include "Cents.hpp"
#include "ClaimLines.hpp"
#include "ClaimParties.hpp"
#include "X12Writer.hpp"

#include <algorithm>

namespace gw::x12 {

namespace {

constexpr const char* kInformationCategorySystem = "http://terminology.hl7.org/CodeSystem/claiminformationcategory";

// An inpatient stay asked for: the Claim's supportingInfo "admissionperiod" (FHIR's claim information
// category), its start the admission date. Without it the request is for services (UM01 HS).
struct Admission {
  std::string from, to;  // CCYYMMDD; to may be ""
};

Admission admissionOf(const JsonObject& claim) {
  JsonArray infos = arrayAt(claim, "supportingInfo");
  for (std::size_t i = 0; infos && i < infos->size(); ++i) {
    JsonObject info = objectIn(infos, i);
    JsonObject coding = objectIn(arrayAt(objectAt(info, "category"), "coding"), 0);
    if (stringAt(coding, "code") != "admissionperiod") continue;
    if (!stringAt(coding, "system").empty() && stringAt(coding, "system") != kInformationCategorySystem) continue;
    Admission admission;
    admission.from = x12Date(stringAt(info, "timingDate"));
    if (JsonObject period = objectAt(info, "timingPeriod")) {
      admission.from = x12Date(stringAt(period, "start"));
      admission.to = x12Date(stringAt(period, "end"));
    }
    if (admission.from.empty())
      claimError(claim, "Claim.supportingInfo[" + std::to_string(i) +
                            "] (admissionperiod) has no timingPeriod.start or timingDate (2000E DTP*435 admission date)");
    return admission;
  }
  return {};
}

// X12 amounts carry no currency: an estimate in another than the partner's is not converted.
void requireCurrency(const JsonObject& claim, const std::string& currency) {
  JsonArray items = arrayAt(claim, "item");
  for (std::size_t i = 0; items && i < items->size(); ++i)
    for (const char* key : {"net", "unitPrice"}) {
      std::string written = stringAt(objectAt(objectIn(items, i), key), "currency");
      if (!written.empty() && written != currency)
        claimError(claim, "Claim.item[" + std::to_string(i) + "]." + key + " is in " + written +
                              ", but this insurer's X12 amounts are in " + currency + " (option currency)");
    }
}

std::string dateElement(const std::string& from, const std::string& to) { return to.empty() || to == from ? from : from + "-" + to; }
std::string dateFormat(const std::string& from, const std::string& to) { return to.empty() || to == from ? "D8" : "RD8"; }

// Writes the transaction sets of a page of pre-authorisation requests.
class ReviewRequestWriter {
 public:
  ReviewRequestWriter(X12Writer& out, const ClaimPage& page, const X12Options& options, const std::string& now)
      : out_(out), page_(page), o_(options), now_(now) {}

  void write(const JsonObject& claim, std::size_t position) {
    claim_ = claim;
    const std::string id = stringAt(claim, "id");
    // TRN02 holds 50 characters; the response echoes it, and it is all that names our Claim there.
    if (id.empty() || id.size() > 50) claimError(claim, "Claim.id must be 1 to 50 characters (2000E TRN02 trace number)");
    requireCurrency(claim, o_.currency);
    ClaimParties parties = partiesOf(page_, claim);
    const InsuranceParty& focal = parties.insurance[parties.focal];
    const ClaimDiagnoses diagnoses = diagnosesOf(page_, claim, "2000E HI");
    const std::vector<ServiceLine> lines = linesOf(claim, diagnoses, o_, "2000F");
    const Admission admission = admissionOf(claim);
    const std::string control = setControlOf(position);

    out_.mark();
    out_.segment({"ST", "278", control, kServiceReviewVersion});
    out_.segment({"BHT", "0007", "13", std::to_string(page_.pageNumber()) + "-" + std::to_string(position),
                  now_.substr(0, 8), now_.substr(8, 4)});
    // 2000A/2010A: the UMO, the focal payer who reviews the request.
    if (focal.payer.name.empty()) claimError(claim, focal.payer.reference + " has no name (2010A NM103)");
    out_.segment({"HL", "1", "", "20", "1"});
    out_.segment({"NM1", "X3", "2", focal.payer.name, "", "", "", "", "PI",
                  focal.payer.id.empty() ? o_.receiverId : focal.payer.id});
    // 2000B/2010B: the requester, the provider the gateway bills as.
    out_.segment({"HL", "2", "1", "21", "1"});
    out_.segment({"NM1", "1P", "2", o_.billingProviderName, "", "", "", "", "XX", o_.billingProviderNpi});
    out_.segment({"N3", o_.billingProviderStreet});
    out_.segment({"N4", o_.billingProviderCity, o_.billingProviderState, o_.billingProviderPostalCode});
    // 2000C/2010C: the subscriber of the focal coverage; 2000D/2010D the patient when a dependant.
    if (focal.memberId.empty())
      claimError(claim, "missing " + focal.coverageReference + ".subscriberId (2010C NM109 member id)");
    out_.segment({"HL", "3", "2", "22", "1"});
    name("IL", focal.subscriber, "2010C", "MI", focal.memberId);
    std::size_t patientHl = 3;  // the subscriber's level, or the dependant's under it
    if (focal.patientIsSubscriber) {
      demographics(focal.subscriber);
    } else {
      out_.segment({"HL", "4", "3", "23", "1"});
      name("QC", parties.patient, "2010D", "", "");
      demographics(parties.patient);
      patientHl = 4;
    }
    // 2000E: the patient event, traced by the Claim id.
    const std::size_t eventHl = patientHl + 1;
    out_.segment({"HL", std::to_string(eventHl), std::to_string(patientHl), "EV", "1"});
    out_.segment({"TRN", "1", id, "1" + o_.billingProviderTaxId});
    const bool admitting = !admission.from.empty();
    std::string serviceType = firstCode(objectAt(objectIn(arrayAt(claim, "item"), 0), "category"));
    if (serviceType.empty()) serviceType = admitting ? "48" : "1";  // hospital inpatient; medical care
    std::string facility = admitting ? (isInpatientFacility(o_.facilityType) ? o_.facilityType.substr(0, 2) : "11")
                                     : o_.placeOfService;
    out_.segment({"UM", admitting ? "AR" : "HS", "I", serviceType, out_.composite({facility, admitting ? "A" : "B"})});
    if (admitting) {
      out_.segment({"DTP", "435", "D8", admission.from});
      if (!admission.to.empty()) out_.segment({"DTP", "096", "D8", admission.to});
    } else if (std::string from = earliest(lines), to = latest(lines); !from.empty()) {
      out_.segment({"DTP", "AAH", dateFormat(from, to), dateElement(from, to)});
    }
    std::vector<Element> hi = {"HI"};
    for (std::size_t i = 0; i < diagnoses.inOrder.size(); ++i)
      hi.push_back(out_.composite({hiQualifier(diagnoses.inOrder[i], i == 0), diagnoses.inOrder[i].code}));
    out_.segment(hi);
    // 2000F: one service level per item, with the estimated amount.
    const bool institutional = firstCode(objectAt(claim, "type")) == "institutional";
    for (std::size_t i = 0; i < lines.size(); ++i) serviceLevel(lines[i], eventHl + 1 + i, eventHl, institutional);
    out_.segment({"SE", std::to_string(out_.segmentsSinceMark() + 1), control});
  }

 private:
  void name(const std::string& entity, const Person& person, const std::string& loop, const std::string& idQualifier,
            const std::string& id) {
    if (person.last.empty()) claimError(claim_, "missing " + person.reference + " name (" + loop + " NM103)");
    // NM103 60, NM104 35, NM105 25 characters at most: longer names are cut, not refused.
    out_.segment({"NM1", entity, person.organization ? "2" : "1", person.last.substr(0, 60), person.first.substr(0, 35),
                  person.middle.substr(0, 25), "", "", idQualifier, id});
  }

  // DMG is situational in the 278: written when the birth date is known, so the UMO can match the member.
  void demographics(const Person& person) {
    if (person.birthDate.empty()) return;
    out_.segment({"DMG", "D8", person.birthDate, person.gender.empty() ? "U" : person.gender});
  }

  static std::string earliest(const std::vector<ServiceLine>& lines) {
    std::string from;
    for (const auto& line : lines)
      if (!line.from.empty() && (from.empty() || line.from < from)) from = line.from;
    return from;
  }
  static std::string latest(const std::vector<ServiceLine>& lines) {
    std::string to;
    for (const auto& line : lines) to = std::max(to, line.to);
    return to;
  }

  void serviceLevel(const ServiceLine& line, std::size_t hl, std::size_t parent, bool institutional) {
    out_.segment({"HL", std::to_string(hl), std::to_string(parent), "SS", "0"});
    out_.segment({"UM", "HS", "I"});
    if (!line.from.empty()) out_.segment({"DTP", "472", dateFormat(line.from, line.to), dateElement(line.from, line.to)});
    std::vector<std::string> procedure = {"HC", line.procedure};
    procedure.insert(procedure.end(), line.modifiers.begin(), line.modifiers.end());
    if (institutional)
      out_.segment({"SV2", line.revenueCode, out_.composite(procedure), x12Amount(line.cents), "UN", line.units});
    else
      out_.segment({"SV1", out_.composite(procedure), x12Amount(line.cents), "UN", line.units});
  }

  X12Writer& out_;
  const ClaimPage& page_;
  const X12Options& o_;
  const std::string& now_;
  JsonObject claim_;
};

}  // namespace

RenderedPage render278(const ClaimPage& page, const X12Options& options, const std::string& now) {
  const PageControl control = pageControlOf(page);
  X12Writer out(options.delimiters);
  writePageIsa(out, options, control.isa13, now);
  // GS01 HI: health care services review information (278).
  out.segment({"GS", "HI", options.senderId, options.receiverId, now.substr(0, 8), now.substr(8, 4), control.gs06, "X",
               kServiceReviewVersion});
  ReviewRequestWriter sets(out, page, options, now);
  for (std::size_t i = 0; i < page.claims().size(); ++i) sets.write(page.claims()[i], i + 1);
  out.segment({"GE", std::to_string(page.claims().size()), control.gs06});
  out.segment({"IEA", "1", control.isa13});
  return {out.text(), control.isa13, "278"};
}

}  // namespace gw::x12
