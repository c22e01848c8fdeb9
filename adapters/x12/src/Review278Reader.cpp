// Walks each 278 response by its HL levels: 20 the UMO (the insurer), 22 the subscriber, 23 the dependant,
// EV the patient event (TRN, UM, HCR, DTP certification dates, MSG), SS the services under it (SV1/SV2, HCR).
#include "Review278Reader.hpp"

#include "ResponseBundle.hpp"

#include <gw/plugin.hpp>

#include <optional>

namespace gw::x12 {

namespace {

constexpr const char* kReviewReasonSystem = "https://x12.org/codes/health-care-services-review-decision-reason-codes";

[[noreturn]] void refuse(const Segment& segment, const std::string& text, const std::string& location) {
  throw gw::sdk::Error(GW_ERR_INVALID, segment.label() + ": " + text, location);
}

// What HCR01 says, in FHIR terms.
struct Decision {
  std::string words;    // disposition
  std::string outcome;  // ClaimResponse.outcome
  std::string code;     // the preauth-decision extension
  bool certifies;       // a certification number comes with it (HCR02)
};

Decision decisionOf(const Segment& hcr) {
  const std::string& action = hcr.at(1);
  if (action == "A1") return {"certified in total", "complete", "approved", true};
  if (action == "A2") return {"certified partially", "complete", "partially-approved", true};
  if (action == "A3") return {"not certified", "complete", "denied", false};
  if (action == "A4") return {"pended", "queued", "pended", false};
  if (action == "A6") return {"modified", "complete", "partially-approved", true};
  if (action == "CT") return {"contact payer", "queued", "pended", false};
  if (action == "NA") return {"no action required", "complete", "approved", false};
  refuse(hcr, "HCR01 action code \"" + action + "\" is not a decision x12 reads (A1, A2, A3, A4, A6, CT, NA)",
         hcr.elementLabel(1));
}

// What the levels above a patient event said: who reviewed, for whom.
struct Parties {
  std::string insurer, memberId, patientName;
};

// One service level (HL SS): its procedure and the decision on it, which HCR gives before SV1/SV2 does.
struct ReviewedService {
  std::string code;      // "HC 27447"
  std::string decision;  // "certified in total, certification AUTH-1", or "" without HCR
};

// One patient event (HL EV) and the services under it, as its segments go by.
struct ReviewEvent {
  const Segment* hl = nullptr;
  const Segment* hcr = nullptr;
  std::string trace;  // our Claim id, echoed
  std::string effectiveFrom, effectiveTo, expiration;  // CCYYMMDD
  bool institutional = false;
  std::vector<std::string> notes;
  Parties parties;
  std::vector<ReviewedService> services;  // the service levels (HL SS) under the event
};

// Builds the ClaimResponses of one 278 response set.
class ReviewedEvents {
 public:
  ReviewedEvents(const Interchange& interchange, const std::string& position, const std::string& created,
                 const std::string& ourTraceOriginator)
      : interchange_(interchange), position_(position), created_(created), ourOriginator_(ourTraceOriginator) {}

  void segment(const Segment& s) {
    if (s.id() == "HL") return level(s);
    if (s.id() == "NM1") return name(s);
    if (!event_) return;
    const bool atService = !event_->services.empty();
    if (s.id() == "TRN" && !atService) {
      // TRN01 2: our trace echoed; TRN01 1 with our own originator (TRN03) is ours too. The UMO's own trace
      // (TRN01 1, its originator) names nothing of ours.
      if (s.at(1) == "2" || (s.at(1) == "1" && s.at(3) == ourOriginator_)) event_->trace = s.at(2);
    } else if (s.id() == "UM" && !atService) {
      event_->institutional = event_->institutional || s.at(1) == "AR";  // an admission review
    } else if (s.id() == "HCR" && !atService) {
      event_->hcr = &s;
    } else if (s.id() == "HCR") {
      event_->services.back().decision = decisionOf(s).words + (s.at(2).empty() ? "" : ", certification " + s.at(2)) +
                                         (s.at(3).empty() ? "" : ", reason " + s.at(3));
    } else if (s.id() == "DTP" && !atService) {
      certificationDate(s);
    } else if (s.id() == "SV1" || s.id() == "SV2") {
      std::vector<std::string> procedure = s.components(s.id() == "SV1" ? 1 : 2, interchange_.delimiters.component);
      if (atService) event_->services.back().code = procedure.size() > 1 ? procedure[0] + " " + procedure[1] : procedure[0];
      event_->institutional = event_->institutional || s.id() == "SV2";
    } else if (s.id() == "MSG") {
      event_->notes.push_back("message: " + s.at(1));
    }
  }

  std::vector<JsonObject> take() {
    finish();
    return responses_;
  }

 private:
  void level(const Segment& hl) {
    const std::string& code = hl.at(3);
    if (code == "SS" && event_) {
      event_->services.emplace_back();
      return;
    }
    finish();
    if (code == "20") parties_ = Parties();
    if (code == "EV") {
      event_ = ReviewEvent();
      event_->hl = &hl;
      event_->parties = parties_;
    }
  }

  void name(const Segment& nm1) {
    const std::string& entity = nm1.at(1);
    std::string person = nm1.at(3) + (nm1.at(4).empty() ? "" : ", " + nm1.at(4));
    if (entity == "X3") parties_.insurer = nm1.at(3);
    if (entity == "IL") {
      parties_.memberId = nm1.at(9);
      parties_.patientName = person;
    }
    if (entity == "QC") parties_.patientName = person;  // a dependant: the patient is not the subscriber
  }

  // DTP*007 certification effective date (D8, or RD8 for the whole period), DTP*036 certification expiration.
  void certificationDate(const Segment& dtp) {
    const std::string& value = dtp.at(3);
    if (dtp.at(1) == "007") {
      event_->effectiveFrom = value.substr(0, 8);
      if (dtp.at(2) == "RD8" && value.size() == 17) event_->effectiveTo = value.substr(9, 8);
    } else if (dtp.at(1) == "036") {
      event_->expiration = value.substr(0, 8);
    }
  }

  // Ends the event in progress, if any: without its decision or its trace there is nothing to apply.
  void finish() {
    if (!event_) return;
    ReviewEvent event = *event_;
    event_.reset();
    const Segment& hl = *event.hl;
    if (!event.hcr)
      refuse(hl, "the patient event (HL " + hl.at(1) + ") has no HCR: the insurer's decision is missing", hl.missingLabel("HCR"));
    if (event.trace.empty())
      refuse(hl, "the patient event (HL " + hl.at(1) + ") has no TRN echoing our trace number (TRN01 2): the response "
                 "cannot be matched to a Claim", hl.missingLabel("TRN"));
    const Segment& hcr = *event.hcr;
    Decision decision = decisionOf(hcr);
    if (decision.certifies && hcr.at(2).empty())
      refuse(hcr, "HCR02 certification number is missing: a " + decision.words + " decision (" + hcr.at(1) + ") carries one",
             hcr.elementLabel(2));

    const std::size_t ordinal = responses_.size() + 1;
    JsonObject response = newObject();
    response->set("resourceType", "ClaimResponse");
    response->set("id", nameUuid("278|" + position_ + "|" + std::to_string(ordinal)));
    JsonArray extensions = new Poco::JSON::Array;
    JsonObject decisionExtension = newObject();
    decisionExtension->set("url", kPreauthDecisionExtension);
    decisionExtension->set("valueCode", decision.code);
    extensions->add(decisionExtension);
    if (!hcr.at(3).empty()) {
      JsonObject reason = newObject();
      reason->set("url", kPreauthReasonExtension);
      JsonObject coding = newObject();
      coding->set("system", kReviewReasonSystem);
      coding->set("code", hcr.at(3));
      reason->set("valueCoding", coding);
      extensions->add(reason);
    }
    response->set("extension", extensions);
    // The event's place in what the insurer sent: the same response received twice names the same place.
    JsonObject place = newObject();
    place->set("system", "urn:gw:x12:review-event");
    place->set("value", position_ + "/" + std::to_string(ordinal));
    JsonArray identifiers = new Poco::JSON::Array;
    identifiers->add(place);
    response->set("identifier", identifiers);
    response->set("status", "active");
    response->set("type", concept(kClaimTypeSystem, event.institutional ? "institutional" : "professional"));
    response->set("use", "preauthorization");
    JsonObject patient = newObject();
    if (!event.parties.memberId.empty()) {
      JsonObject identifier = newObject();
      identifier->set("system", "urn:gw:x12:member-id");
      identifier->set("value", event.parties.memberId);
      patient->set("identifier", identifier);
    }
    patient->set("display", event.parties.patientName.empty() ? "patient of pre-authorisation " + event.trace
                                                               : event.parties.patientName);
    response->set("patient", patient);
    response->set("created", created_);
    JsonObject insurer = newObject();
    insurer->set("display", event.parties.insurer.empty() ? std::string("insurer") : event.parties.insurer);
    response->set("insurer", insurer);
    response->set("request", referenceTo("Claim/" + event.trace));
    response->set("outcome", decision.outcome);
    response->set("disposition", decision.words + " (HCR01 " + hcr.at(1) + ")" +
                                     (hcr.at(2).empty() ? "" : ", certification number " + hcr.at(2)) +
                                     (hcr.at(3).empty() ? "" : ", reason " + hcr.at(3)));
    if (!hcr.at(2).empty()) response->set("preAuthRef", hcr.at(2));
    JsonObject period = newObject();
    if (std::string start = fhirDate(event.effectiveFrom); !start.empty()) period->set("start", start);
    std::string end = fhirDate(event.expiration.empty() ? event.effectiveTo : event.expiration);
    if (!end.empty()) period->set("end", end);
    if (period->size() > 0) response->set("preAuthPeriod", period);
    JsonArray notes = new Poco::JSON::Array;
    if (!hcr.at(3).empty()) notes->add(processNote(1, "decision reason (HCR03) " + hcr.at(3)));
    for (const auto& text : event.notes) notes->add(processNote(notes->size() + 1, text));
    for (std::size_t i = 0; i < event.services.size(); ++i) {
      const ReviewedService& service = event.services[i];
      if (service.decision.empty()) continue;
      notes->add(processNote(notes->size() + 1, "service " + std::to_string(i + 1) +
                                             (service.code.empty() ? "" : " (" + service.code + ")") + ": " + service.decision));
    }
    if (notes->size() > 0) response->set("processNote", notes);
    responses_.push_back(response);
  }

  const Interchange& interchange_;
  std::string position_, created_, ourOriginator_;
  Parties parties_;
  std::optional<ReviewEvent> event_;
  std::vector<JsonObject> responses_;
};

}  // namespace

std::vector<JsonObject> reviewResponses(const Interchange& interchange, const X12Options& options) {
  std::vector<JsonObject> responses;
  for (const auto& group : interchange.groups) {
    for (const auto& set : group.sets) {
      if (set.code != "278") continue;
      const Segment& bht = interchange.segments[set.first + 1];
      if (bht.id() == "BHT" && bht.at(2) == "13")
        throw gw::sdk::Error(GW_ERR_UNSUPPORTED,
                             bht.label() + ": a 278 request (BHT02 13); x12 reads the insurer's 278 responses (BHT02 11)",
                             bht.elementLabel(2));
      if (bht.id() != "BHT" || bht.at(2) != "11")
        refuse(bht, "a 278 response starts with BHT02 11 (response)", bht.id() == "BHT" ? bht.elementLabel(2) : bht.label());
      std::string created = fhirDate(bht.at(4));
      if (created.empty()) created = fhirDate(interchange.segments[group.first].at(4));
      ReviewedEvents events(interchange, setPosition(interchange, group, set),
                            created.empty() ? "1970-01-01" : created, "1" + options.billingProviderTaxId);
      for (std::size_t i = set.first + 2; i < set.last; ++i) events.segment(interchange.segments[i]);
      for (auto& response : events.take()) responses.push_back(response);
    }
  }
  return responses;
}

}  // namespace gw::x12
