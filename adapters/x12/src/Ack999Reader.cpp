// Walks AK1 (group), AK2 (set), IK3/AK3 (segment errors), IK4/AK4 (element errors), IK5/AK5 (verdict).
#include "Ack999Reader.hpp"

#include <gw/kit/Profile.hpp>

#include "ResponseBundle.hpp"

#include <gw/plugin.hpp>

#include <cctype>

namespace gw::x12 {

namespace {

constexpr const char* kSegmentErrorSystem = "https://x12.org/codes/implementation-segment-syntax-error-codes";
constexpr const char* kElementErrorSystem = "https://x12.org/codes/implementation-data-element-syntax-error-codes";
constexpr const char* kSetErrorSystem = "https://x12.org/codes/implementation-transaction-set-syntax-error-codes";

std::string withoutLeadingZeros(const std::string& number) {
  std::size_t first = number.find_first_not_of('0');
  return first == std::string::npos ? (number.empty() ? number : "0") : number.substr(first);
}

bool isNumber(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

JsonObject error(const char* system, const std::string& code, const std::string& text) {
  JsonObject entry = newObject();
  JsonObject codeConcept = concept(system, code.empty() ? std::string("unknown") : code);
  codeConcept->set("text", text);
  entry->set("code", codeConcept);
  return entry;
}

// The ClaimResponses of one functional group of a 999, one per AK2, as its segments go by.
class AcknowledgedSets {
 public:
  AcknowledgedSets(const Interchange& interchange, const std::string& created, const std::string& insurer)
      : interchange_(interchange), created_(created), insurer_(insurer) {}

  void group(const Segment& ak1) {
    if (!isNumber(ak1.at(2)))
      throw gw::sdk::Error(GW_ERR_INVALID, ak1.label() + ": AK102 group control number \"" + ak1.at(2) + "\" is not a number",
                           ak1.label());
    groupControl_ = withoutLeadingZeros(ak1.at(2));
    groupVersion_ = ak1.at(3);
  }

  void set(const Segment& ak2) {
    finish();
    if (groupControl_.empty())
      throw gw::sdk::Error(GW_ERR_INVALID, ak2.label() + ": AK2 before AK1", ak2.label());
    if (!isNumber(ak2.at(2)))
      throw gw::sdk::Error(GW_ERR_INVALID, ak2.label() + ": AK202 \"" + ak2.at(2) + "\" is not a transaction set control number",
                           ak2.label());
    // Only the 837 claims and 278 pre-authorisation requests this adapter sent have a Claim to answer: a 999
    // about enrollments (834) or anything else acknowledges business the gateway never sent, whatever its verdict.
    if (ak2.at(1) != "837" && ak2.at(1) != "278")
      throw gw::sdk::Error(GW_ERR_UNSUPPORTED,
                           ak2.label() + ": the acknowledgement is for " +
                               (ak2.at(1).empty() ? std::string("an unnamed transaction set") : ak2.at(1) + " transaction sets") +
                               "; x12 reads acknowledgements of the 837 claims and 278 requests it sent",
                           ak2.label());
    ak2_ = &ak2;
    errors_ = new Poco::JSON::Array;
    segmentContext_.clear();
  }

  void segmentError(const Segment& ik3) {
    if (!ak2_) return;
    segmentContext_ = ik3.at(1) + " at position " + ik3.at(2) + (ik3.at(3).empty() ? "" : " in loop " + ik3.at(3));
    errors_->add(error(kSegmentErrorSystem, ik3.at(4), "segment " + segmentContext_ + ": error " + ik3.at(4)));
  }

  void elementError(const Segment& ik4) {
    if (!ak2_) return;
    std::string text = "element " + ik4.at(1) + (segmentContext_.empty() ? "" : " of segment " + segmentContext_) +
                       ": error " + ik4.at(3) + (ik4.at(4).empty() ? "" : " (bad value \"" + ik4.at(4) + "\")");
    errors_->add(error(kElementErrorSystem, ik4.at(3), text));
  }

  void verdict(const Segment& ik5) {
    if (!ak2_) return;
    const std::string& code = ik5.at(1);
    bool accepted = code == "A" || code == "E";
    std::vector<std::string> reasons;
    for (std::size_t i = 2; i <= 6; ++i)
      if (!ik5.at(i).empty()) reasons.push_back(ik5.at(i));
    if (!accepted && errors_->size() == 0)  // a rejection always says why, even without IK3/IK4
      for (const auto& reason : reasons) errors_->add(error(kSetErrorSystem, reason, "transaction set error " + reason));
    if (!accepted && errors_->size() == 0) errors_->add(error(kSetErrorSystem, code, "transaction set rejected (" + code + ")"));

    JsonObject response = newObject();
    response->set("resourceType", "ClaimResponse");
    const std::string st02 = withoutLeadingZeros(ak2_->at(2));
    response->set("id", nameUuid("999|" + interchange_.control + "|" + groupControl_ + "|" + st02));
    response->set("status", "active");
    bool institutional = ak2_->at(3).rfind("005010X223", 0) == 0 || groupVersion_.rfind("005010X223", 0) == 0;
    response->set("type", concept(kClaimTypeSystem, institutional ? "institutional" : "professional"));
    response->set("use", ak2_->at(1) == "278" ? "preauthorization" : "claim");
    // A 999 names no patient; FHIR requires one. The host ignores it and finds the claim by page/position.
    JsonObject patient = newObject();
    patient->set("display", "not stated in a 999 acknowledgement");
    response->set("patient", patient);
    response->set("created", created_);
    JsonObject insurer = newObject();
    insurer->set("display", insurer_);
    response->set("insurer", insurer);
    JsonObject request = newObject();
    JsonObject identifier = newObject();
    identifier->set("system", kit::profile::kOutboxPageSystem);
    identifier->set("value", groupControl_ + "/" + st02);
    request->set("identifier", identifier);
    response->set("request", request);
    response->set("outcome", accepted ? "queued" : "error");
    std::string disposition = std::string("transaction set ") + ak2_->at(2) + " of group " + groupControl_ + " " +
                              (code == "A" ? "accepted" : code == "E" ? "accepted with errors" : "rejected (" + code + ")");
    response->set("disposition", disposition);
    if (errors_->size() > 0) response->set("error", errors_);
    responses_.push_back(response);
    ak2_ = nullptr;
  }

  // An AK2 that never got its IK5 is not an acknowledgement of anything.
  void finish() {
    if (ak2_)
      throw gw::sdk::Error(GW_ERR_INVALID, ak2_->label() + ": AK2 without IK5/AK5 verdict", ak2_->label());
  }

  std::vector<JsonObject> take() {
    finish();
    return responses_;
  }

 private:
  const Interchange& interchange_;
  std::string created_, insurer_;
  std::string groupControl_, groupVersion_;
  const Segment* ak2_ = nullptr;
  JsonArray errors_;
  std::string segmentContext_;
  std::vector<JsonObject> responses_;
};

}  // namespace

std::vector<JsonObject> acknowledgementResponses(const Interchange& interchange) {
  std::vector<JsonObject> responses;
  for (const auto& group : interchange.groups) {
    const Segment& gs = interchange.segments[group.first];
    std::string created = fhirDate(gs.at(4));
    AcknowledgedSets builder(interchange, created.empty() ? "1970-01-01" : created,
                       gs.at(2).empty() ? std::string("insurer") : gs.at(2));
    for (const auto& set : group.sets) {
      if (set.code != "999" && set.code != "997") continue;
      for (std::size_t i = set.first; i <= set.last; ++i) {
        const Segment& s = interchange.segments[i];
        if (s.id() == "AK1") builder.group(s);
        else if (s.id() == "AK2") builder.set(s);
        else if (s.id() == "IK3" || s.id() == "AK3") builder.segmentError(s);
        else if (s.id() == "IK4" || s.id() == "AK4") builder.elementError(s);
        else if (s.id() == "IK5" || s.id() == "AK5") builder.verdict(s);
      }
      builder.finish();
    }
    for (auto& response : builder.take()) responses.push_back(response);
  }
  return responses;
}

}  // namespace gw::x12
