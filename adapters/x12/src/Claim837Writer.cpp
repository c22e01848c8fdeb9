// The 837 loops, in implementation-guide order: 1000A/B, 2000A/2010AA, 2000B/2010BA/2010BB,
// 2000C/2010CA for dependants, 2300 with HI, 2310 provider, 2320/2330 other payers, 2400 lines.
#include "Claim837Writer.hpp"

#include "Cents.hpp"
#include "ClaimLines.hpp"
#include "ClaimParties.hpp"
#include "PageEnvelope.hpp"
#include "X12Writer.hpp"

#include <algorithm>
#include <map>

namespace gw::x12 {

namespace {

constexpr const char* kNpiSystem = "http://hl7.org/fhir/sid/us-npi";

bool isInstitutional(const JsonObject& claim, const X12Options& options) {
  if (options.transaction == Transaction::Institutional) return true;
  if (options.transaction == Transaction::Professional) return false;
  return firstCode(objectAt(claim, "type")) == "institutional";
}

// SBR01 payer responsibility by position among the claim's payers (5010 allows eleven).
std::string responsibilityCode(std::size_t index) {
  static const char* const kCodes[] = {"P", "S", "T", "A", "B", "C", "D", "E", "F", "G", "H"};
  return index < 11 ? kCodes[index] : "U";
}

// FHIR subscriber-relationship → X12 individual relationship code (SBR02, PAT01).
std::string relationshipCode(const std::string& fhir) {
  if (fhir == "self") return "18";
  if (fhir == "spouse") return "01";
  if (fhir == "child") return "19";
  if (fhir == "common") return "53";
  return "G8";  // parent, injured, other: "other relationship"
}

// Writes the transaction sets of one functional group.
class SetWriter {
 public:
  SetWriter(X12Writer& out, const ClaimPage& page, const X12Options& options, const std::string& now, bool institutional)
      : out_(out), page_(page), o_(options), now_(now), institutional_(institutional) {}

  void write(const JsonObject& claim, std::size_t position) {
    claim_ = claim;
    ClaimParties parties = partiesOf(page_, claim);
    const InsuranceParty& focal = parties.insurance[parties.focal];
    const std::string control = setControlOf(position);

    out_.mark();
    out_.segment({"ST", "837", control, institutional_ ? kInstitutionalVersion : kProfessionalVersion});
    out_.segment({"BHT", "0019", "00", std::to_string(page_.pageNumber()) + "-" + std::to_string(position),
                  now_.substr(0, 8), now_.substr(8, 4), "CH"});
    // 1000A submitter, 1000B receiver.
    out_.segment({"NM1", "41", "2", o_.billingProviderName, "", "", "", "", "46", o_.senderId});
    out_.segment({"PER", "IC", o_.contactName, "TE", o_.contactPhone});
    std::string receiverName = focal.payer.name.empty() ? o_.receiverId : focal.payer.name;
    out_.segment({"NM1", "40", "2", receiverName, "", "", "", "", "46", o_.receiverId});
    // 2000A billing provider: the group.
    out_.segment({"HL", "1", "", "20", "1"});
    out_.segment({"NM1", "85", "2", o_.billingProviderName, "", "", "", "", "XX", o_.billingProviderNpi});
    out_.segment({"N3", o_.billingProviderStreet});
    out_.segment({"N4", o_.billingProviderCity, o_.billingProviderState, o_.billingProviderPostalCode});
    out_.segment({"REF", "EI", o_.billingProviderTaxId});
    // 2000B subscriber of the focal coverage, 2010BA subscriber, 2010BB payer.
    bool dependant = !focal.patientIsSubscriber;
    out_.segment({"HL", "2", "1", "22", dependant ? "1" : "0"});
    out_.segment({"SBR", responsibilityCode(parties.focal), dependant ? "" : "18", focal.groupNumber, "", "", "", "",
                  "", o_.claimFilingIndicator});
    subscriberName(focal, "2010BA");
    if (!dependant) {
      address(focal.subscriber, "2010BA", true);
      demographics(focal.subscriber, "2010BA");
    } else {
      address(focal.subscriber, "2010BA", false);
    }
    if (focal.payer.name.empty()) claimError(claim, focal.payer.reference + " has no name (2010BB NM103)");
    out_.segment({"NM1", "PR", "2", focal.payer.name, "", "", "", "", "PI",
                  focal.payer.id.empty() ? o_.receiverId : focal.payer.id});
    // 2000C patient, when the patient is a dependant on someone else's plan.
    if (dependant) {
      out_.segment({"HL", "3", "2", "23", "0"});
      out_.segment({"PAT", relationshipCode(focal.relationship)});
      personName("QC", parties.patient, "2010CA", "", "");
      address(parties.patient, "2010CA", true);
      demographics(parties.patient, "2010CA");
    }
    claimLoop(parties);
    out_.segment({"SE", std::to_string(out_.segmentsSinceMark() + 1), control});
  }

 private:
  [[noreturn]] void missing(const std::string& what) { claimError(claim_, "missing " + what); }

  void personName(const std::string& entity, const Person& person, const std::string& loop, const std::string& idQualifier,
                  const std::string& id) {
    if (person.last.empty()) missing(person.reference + " name (" + loop + " NM103)");
    // The guide's maximum lengths (NM103 60, NM104 35, NM105 25): longer names are cut, not rejected.
    out_.segment({"NM1", entity, person.organization ? "2" : "1", person.last.substr(0, 60), person.first.substr(0, 35),
                  person.middle.substr(0, 25), "", "", idQualifier, id});
  }

  void subscriberName(const InsuranceParty& party, const std::string& loop) {
    if (party.memberId.empty()) missing(party.coverageReference + ".subscriberId (" + loop + " NM109 member id)");
    personName("IL", party.subscriber, loop, "MI", party.memberId);
  }

  void address(const Person& person, const std::string& loop, bool required) {
    if (person.street1.empty() || person.city.empty()) {
      if (required) missing(person.reference + ".address line and city (" + loop + " N3/N4)");
      return;
    }
    // N301/N302 55, N401 30, N403 15 characters at most.
    out_.segment({"N3", person.street1.substr(0, 55), person.street2.substr(0, 55)});
    std::string country = person.country == "US" || person.country == "USA" ? "" : person.country;
    out_.segment({"N4", person.city.substr(0, 30), person.state, person.postalCode.substr(0, 15), country});
  }

  void demographics(const Person& person, const std::string& loop) {
    if (person.birthDate.empty()) missing(person.reference + ".birthDate (" + loop + " DMG02)");
    out_.segment({"DMG", "D8", person.birthDate, person.gender.empty() ? "U" : person.gender});
  }

  void claimLoop(const ClaimParties& parties) {
    const ClaimDiagnoses claimDiagnoses = diagnosesOf(page_, claim_, "2300 HI");
    const std::vector<Diagnosis>& diagnoses = claimDiagnoses.inOrder;
    std::vector<ServiceLine> lines = linesOf(claim_, claimDiagnoses, o_, "2400");

    std::int64_t sum = 0;
    for (const auto& line : lines) sum += line.cents;
    auto total = centsOf(numberAt(objectAt(claim_, "total"), "value"));
    if (!total) missing("Claim.total (CLM02)");
    // X12 amounts carry no currency: the partner's is the option's, and a claim in another is not converted.
    std::string currency = stringAt(objectAt(claim_, "total"), "currency");
    if (!currency.empty() && currency != o_.currency)
      claimError(claim_, "Claim.total is in " + currency + ", but this insurer's X12 amounts are in " + o_.currency +
                             " (option currency)");
    if (*total != sum)
      claimError(claim_, "Claim.total " + x12Amount(*total) + " is not the sum of the item nets " + x12Amount(sum) +
                             " (CLM02 must equal the service lines)");

    std::string id = stringAt(claim_, "id");
    if (id.empty() || id.size() > 38) claimError(claim_, "Claim.id must be 1 to 38 characters (CLM01)");
    if (institutional_) {
      out_.segment({"CLM", id, x12Amount(*total), "", "", out_.composite({o_.facilityType, "A", "1"}), "", "A", "Y", "Y"});
      std::string from, to;
      if (JsonObject period = objectAt(claim_, "billablePeriod")) {
        from = x12Date(stringAt(period, "start"));
        to = x12Date(stringAt(period, "end"));
      }
      for (const auto& line : lines) {
        if (from.empty() || (!line.from.empty() && line.from < from)) from = line.from;
        if (to.empty() || line.to > to) to = line.to;
      }
      if (from.empty()) missing("Claim.billablePeriod (2300 DTP*434 statement dates)");
      if (isInpatientFacility(o_.facilityType))
        out_.segment({"DTP", "435", "D8", from});  // admission date: required on inpatient bills
      out_.segment({"DTP", "434", "RD8", from + "-" + (to.empty() ? from : to)});
      out_.segment({"CL1", "3", "", "01"});
      out_.segment({"HI", out_.composite({hiQualifier(diagnoses.front(), true), diagnoses.front().code})});
      if (diagnoses.size() > 1) {
        std::vector<Element> hi = {"HI"};
        for (std::size_t i = 1; i < diagnoses.size(); ++i)
          hi.push_back(out_.composite({hiQualifier(diagnoses[i], false), diagnoses[i].code}));
        out_.segment(hi);
      }
    } else {
      out_.segment({"CLM", id, x12Amount(*total), "", "", out_.composite({o_.placeOfService, "B", "1"}), "Y", "A", "Y", "Y"});
      std::vector<Element> hi = {"HI"};
      for (std::size_t i = 0; i < diagnoses.size(); ++i) {
        hi.push_back(out_.composite({hiQualifier(diagnoses[i], i == 0), diagnoses[i].code}));
      }
      out_.segment(hi);
    }
    providerLoop();
    otherPayers(parties);
    for (std::size_t i = 0; i < lines.size(); ++i) serviceLine(lines[i], i + 1);
  }

  // 2310B rendering (837P) or 2310A attending (837I) provider, when Claim.provider has an NPI.
  void providerLoop() {
    JsonObject provider = page_.find(stringAt(objectAt(claim_, "provider"), "reference"));
    if (!provider || stringAt(provider, "resourceType") != "Practitioner") return;
    std::string npi;
    JsonArray identifiers = arrayAt(provider, "identifier");
    for (std::size_t i = 0; identifiers && i < identifiers->size(); ++i)
      if (stringAt(objectIn(identifiers, i), "system") == kNpiSystem) npi = stringAt(objectIn(identifiers, i), "value");
    if (npi.size() != 10) return;
    Person person;
    JsonObject name = objectIn(arrayAt(provider, "name"), 0);
    person.last = stringAt(name, "family");
    JsonArray given = arrayAt(name, "given");
    if (given && given->size() > 0) person.first = given->getElement<std::string>(0);
    if (person.last.empty()) return;
    out_.segment({"NM1", institutional_ ? "71" : "82", "1", person.last, person.first, "", "", "", "XX", npi});
  }

  // 2320/2330A/2330B: every payer of the claim other than the one it goes to.
  void otherPayers(const ClaimParties& parties) {
    for (std::size_t i = 0; i < parties.insurance.size(); ++i) {
      if (i == parties.focal) continue;
      const InsuranceParty& other = parties.insurance[i];
      out_.segment({"SBR", responsibilityCode(i), relationshipCode(other.relationship), other.groupNumber, "", "", "",
                    "", "", o_.claimFilingIndicator});
      out_.segment({"OI", "", "", "Y", "", "", "Y"});
      subscriberName(other, "2330A");
      address(other.subscriber, "2330A", false);
      if (other.payer.name.empty()) claimError(claim_, other.payer.reference + " has no name (2330B NM103)");
      if (other.payer.id.empty()) claimError(claim_, other.payer.reference + " has no identifier (2330B NM109 payer id)");
      out_.segment({"NM1", "PR", "2", other.payer.name, "", "", "", "", "PI", other.payer.id});
    }
  }

  void serviceLine(const ServiceLine& line, std::size_t number) {
    out_.segment({"LX", std::to_string(number)});
    std::vector<std::string> procedure = {"HC", line.procedure};
    procedure.insert(procedure.end(), line.modifiers.begin(), line.modifiers.end());
    if (institutional_) {
      out_.segment({"SV2", line.revenueCode, out_.composite(procedure), x12Amount(line.cents), "UN", line.units});
    } else {
      out_.segment({"SV1", out_.composite(procedure), x12Amount(line.cents), "UN", line.units, "", "",
                    out_.composite(line.pointers)});
      if (line.from.empty()) missing("Claim.item servicedDate of line " + std::to_string(line.sequence) + " (2400 DTP*472)");
    }
    if (line.from.empty()) return;
    if (line.to == line.from) out_.segment({"DTP", "472", "D8", line.from});
    else out_.segment({"DTP", "472", "RD8", line.from + "-" + line.to});
  }

  X12Writer& out_;
  const ClaimPage& page_;
  const X12Options& o_;
  const std::string& now_;
  bool institutional_;
  JsonObject claim_;
};

}  // namespace

RenderedPage render837(const ClaimPage& page, const X12Options& options, const std::string& now) {
  const PageControl control = pageControlOf(page);
  const std::string& isa13 = control.isa13;
  const std::string& gs06 = control.gs06;
  X12Writer out(options.delimiters);
  writePageIsa(out, options, isa13, now);

  // One functional group per guide; in auto mode a mixed page has two, both numbered with the page so
  // that a 999's AK1 still names the page and ST02 (unique across the page) the claim.
  std::vector<std::pair<std::size_t, JsonObject>> professional, institutional;
  for (std::size_t i = 0; i < page.claims().size(); ++i)
    (isInstitutional(page.claims()[i], options) ? institutional : professional).push_back({i + 1, page.claims()[i]});
  std::size_t groups = 0;
  std::string event;
  for (bool isInst : {false, true}) {
    const auto& claims = isInst ? institutional : professional;
    if (claims.empty()) continue;
    ++groups;
    event += (event.empty() ? "" : "+") + std::string(isInst ? "837I" : "837P");
    out.segment({"GS", "HC", options.senderId, options.receiverId, now.substr(0, 8), now.substr(8, 4), gs06, "X",
                 isInst ? kInstitutionalVersion : kProfessionalVersion});
    SetWriter sets(out, page, options, now, isInst);
    for (const auto& [position, claim] : claims) sets.write(claim, position);
    out.segment({"GE", std::to_string(claims.size()), gs06});
  }
  out.segment({"IEA", std::to_string(groups), isa13});
  return {out.text(), isa13, event};
}

}  // namespace gw::x12
