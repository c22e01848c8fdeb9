// Walks each 835 transaction set: header (BPR, TRN, N1*PR), claims (CLP, CAS, NM1*QC), lines (SVC,
// CAS, LQ) and provider-level adjustments (PLB).
#include "Remittance835Reader.hpp"

#include "Cents.hpp"
#include "ResponseBundle.hpp"

#include <gw/kit/Issues.hpp>
#include <gw/plugin.hpp>

namespace gw::x12 {

namespace {

[[noreturn]] void refuse(const Segment& segment, const std::string& text) {
  throw gw::sdk::Error(GW_ERR_INVALID, segment.label() + ": " + text, segment.label());
}

// A refusal about one element: the location names it, so the 999 reply can point IK4 at it.
[[noreturn]] void refuseElement(const Segment& segment, std::size_t index, const std::string& text) {
  throw gw::sdk::Error(GW_ERR_INVALID, segment.label() + ": " + text, segment.elementLabel(index));
}

// An amount the host applies or explains money with (paid, adjusted, patient responsibility, PLB): never
// left out, whatever the partner's validation.
std::string amountAt(const Segment& segment, std::size_t index, bool required) {
  const std::string& text = segment.at(index);
  if (text.empty() && !required) return {};
  if (text.empty()) refuseElement(segment, index, segment.elementName(index) + " is missing: an amount is required");
  if (!centsOf(text)) refuseElement(segment, index, segment.elementName(index) + " \"" + text + "\" is not an amount");
  return text;
}

// A charge (CLP03, SVC02) repeats what the claim billed, which the gateway knows from its own Claim, and
// identifies nothing: lenient, a missing or unreadable one is reported and left out (""), strict refuses it.
std::string chargeAt(const Segment& segment, std::size_t index, kit::Issues& issues) {
  const std::string& text = segment.at(index);
  if (centsOf(text)) return text;
  const std::string element = segment.elementName(index);
  issues.defect("segment " + std::to_string(segment.position) + " " + element, text.empty() ? "required" : "value",
                segment.label() + ": " + element + " (charge) " + (text.empty() ? "is missing" : "is not an amount") +
                    (issues.lenient() ? ": the submitted amount is left out" : ""),
                text);
  return {};
}

// What in an 835 says a claim was institutional (837I / UB-04). CLP08 does not: it carries the facility
// type for institutional claims but the place of service for professional ones, from overlapping code
// lists (11 is both "hospital inpatient" and "office").
bool saysInstitutional(const Segment& s, char component) {
  if (s.id() == "CLP") return s.at(6) == "MA" || !s.at(11).empty();  // Medicare Part A; a DRG (CLP11)
  if (s.id() == "MIA") return true;                                      // inpatient adjudication
  if (s.id() == "SVC") return s.components(1, component).front() == "NU" || !s.at(4).empty();  // revenue codes
  return false;
}

std::string claimStatusText(const std::string& code) {
  if (code == "1") return "processed as primary";
  if (code == "2") return "processed as secondary";
  if (code == "3") return "processed as tertiary";
  if (code == "4") return "denied";
  if (code == "19") return "processed as primary, forwarded to additional payer(s)";
  if (code == "20") return "processed as secondary, forwarded to additional payer(s)";
  if (code == "21") return "processed as tertiary, forwarded to additional payer(s)";
  if (code == "22") return "reversal of previous payment";
  if (code == "23") return "not our claim, forwarded to additional payer(s)";
  if (code == "25") return "predetermination pricing only, no payment";
  return "status " + code;
}

JsonObject adjudication(const JsonObject& category, const std::string& amount, const std::string& currency) {
  JsonObject entry = newObject();
  entry->set("category", category);
  entry->set("amount", money(amount, currency));
  return entry;
}

// One CAS segment: a group code, then up to six (reason, amount, quantity) triplets.
void addAdjustments(const Segment& cas, JsonArray into, const std::string& currency) {
  const std::string& group = cas.at(1);
  for (std::size_t i = 2; i < cas.elements.size() && i <= 17; i += 3) {
    if (cas.at(i).empty()) continue;
    JsonObject entry = adjudication(concept(kAdjustmentGroupSystem, group), amountAt(cas, i + 1, true), currency);
    entry->set("reason", concept(kAdjustmentReasonSystem, cas.at(i)));
    into->add(entry);
  }
}

// What one 835 transaction set says about the payment as a whole.
struct PaymentHeader {
  std::string total, method, handling, date, trace, payer;
  std::string productionDate, groupDate;
  std::string position;  // "<ISA06>/<ISA13>/<GS06>/<ST02>": where this set sits in what the payer sent
};

// The ClaimResponses of one 835 transaction set, built as its CLP, SVC, CAS and PLB segments go by.
class PaidClaims {
 public:
  PaidClaims(const Interchange& interchange, const TransactionSet& set, const PaymentHeader& header,
             const std::string& currency, kit::Issues& issues)
      : interchange_(interchange), set_(set), header_(header), currency_(currency), issues_(issues) {}

  void start(const Segment& clp, std::size_t ordinal) {
    finish();
    clp_ = &clp;
    response_ = newObject();
    items_ = new Poco::JSON::Array;
    claimAdjustments_ = new Poco::JSON::Array;
    notes_ = new Poco::JSON::Array;
    line_ = nullptr;
    institutional_ = false;
    patientName_.clear();
    patientId_.clear();
    ordinal_ = ordinal;
    // CLP01 names our claim and CLP02 says whether money is paid or taken back: without them the claim
    // can be neither matched nor applied, whatever the partner's validation.
    if (clp.at(1).empty()) refuseElement(clp, 1, "CLP01 patient control number is missing: the claim cannot be matched");
    if (clp.at(2).empty()) refuseElement(clp, 2, "CLP02 claim status is missing");
    amountAt(clp, 4, true);
    amountAt(clp, 5, false);
    billed_ = chargeAt(clp, 3, issues_);
    institutional_ = saysInstitutional(clp, interchange_.delimiters.component);
  }

  void segment(const Segment& s) {
    const char component = interchange_.delimiters.component;
    if (!response_) {
      // Lines and adjustments belong to a claim: outside one (before the first CLP, after PLB) they
      // would be lost, so the remittance is refused instead.
      if (s.id() == "SVC" || s.id() == "CAS" || s.id() == "LQ") refuse(s, s.id() + " outside a claim (no CLP before it)");
      return;
    }
    institutional_ = institutional_ || saysInstitutional(s, component);
    if (s.id() == "CAS") {
      addAdjustments(s, line_ ? line_->getArray("adjudication") : claimAdjustments_, currency_);
    } else if (s.id() == "NM1" && s.at(1) == "QC") {
      patientName_ = s.at(3) + (s.at(4).empty() ? "" : ", " + s.at(4));
      patientId_ = s.at(9);
    } else if (s.id() == "SVC") {
      std::vector<std::string> procedure = s.components(1, component);
      line_ = newObject();
      line_->set("itemSequence", static_cast<int>(items_->size() + 1));
      JsonArray adjudications = new Poco::JSON::Array;
      if (std::string charge = chargeAt(s, 2, issues_); !charge.empty())
        adjudications->add(adjudication(concept(kAdjudicationSystem, "submitted"), charge, currency_));
      adjudications->add(adjudication(concept(kAdjudicationSystem, "benefit"), amountAt(s, 3, true), currency_));
      line_->set("adjudication", adjudications);
      items_->add(line_);
      std::string code = procedure.size() > 1 ? procedure[0] + " " + procedure[1] : procedure[0];
      notes_->add(processNote(notes_->size() + 1, "line " + std::to_string(items_->size()) + ": " + code + " billed " +
                                                s.at(2) + ", paid " + s.at(3)));
    } else if (s.id() == "LQ") {
      notes_->add(processNote(notes_->size() + 1, "remark " + s.at(2) + (line_ ? " on line " + std::to_string(items_->size()) : "")));
    }
  }

  void providerAdjustment(const Segment& plb) {
    plbs_.push_back(&plb);
  }

  // Ends the claim in progress, if any.
  void finish() {
    if (!response_) return;
    const Segment& clp = *clp_;
    const std::string& status = clp.at(2);
    std::string id = nameUuid("835|" + interchange_.control + "|" + set_.control + "|" + std::to_string(ordinal_));
    response_->set("resourceType", "ClaimResponse");
    response_->set("id", id);
    JsonArray identifiers = new Poco::JSON::Array;
    if (!clp.at(7).empty()) {
      JsonObject identifier = newObject();
      identifier->set("system", "urn:gw:x12:payer-claim-control-number");
      identifier->set("value", clp.at(7));
      identifiers->add(identifier);
    }
    // The CLP's own place in the interchange: the same 835 sent again names the same places, so the gateway
    // applies each claim payment once (a reversal and its correction share CLP07, never their place).
    JsonObject place = newObject();
    place->set("system", "urn:gw:x12:remittance-claim");
    place->set("value", header_.position + "/" + std::to_string(ordinal_));
    identifiers->add(place);
    response_->set("identifier", identifiers);
    response_->set("status", status == "22" ? "cancelled" : "active");
    response_->set("type", concept(kClaimTypeSystem, institutional_ ? "institutional" : "professional"));
    response_->set("use", "claim");
    JsonObject patient = newObject();
    if (!patientId_.empty()) {
      JsonObject identifier = newObject();
      identifier->set("system", "urn:gw:x12:member-id");
      identifier->set("value", patientId_);
      patient->set("identifier", identifier);
    }
    patient->set("display", patientName_.empty() ? std::string("patient of claim ") + clp.at(1) : patientName_);
    response_->set("patient", patient);
    // When the payer paid: BPR16, else the production date (DTM*405), else the group's date (GS04).
    std::string created = fhirDate(header_.date);
    if (created.empty()) created = fhirDate(header_.productionDate);
    if (created.empty()) created = fhirDate(header_.groupDate);
    response_->set("created", created.empty() ? std::string("1970-01-01") : created);
    JsonObject insurer = newObject();
    insurer->set("display", header_.payer.empty() ? std::string("payer") : header_.payer);
    response_->set("insurer", insurer);
    response_->set("request", referenceTo("Claim/" + clp.at(1)));
    response_->set("outcome", "complete");
    std::string disposition =
        claimStatusText(status) + ": " + (billed_.empty() ? "" : "billed " + billed_ + ", ") + "paid " + clp.at(4);
    if (!clp.at(5).empty()) disposition += ", patient responsibility " + clp.at(5);
    response_->set("disposition", disposition);
    if (items_->size() > 0) response_->set("item", items_);
    if (claimAdjustments_->size() > 0) response_->set("adjudication", claimAdjustments_);
    JsonArray totals = new Poco::JSON::Array;
    if (!billed_.empty()) totals->add(adjudication(concept(kAdjudicationSystem, "submitted"), billed_, currency_));
    totals->add(adjudication(concept(kAdjudicationSystem, "benefit"), clp.at(4), currency_));
    if (!clp.at(5).empty())
      totals->add(adjudication(concept(kAdjudicationSystem, "copay", "patient responsibility (CLP05)"), clp.at(5), currency_));
    response_->set("total", totals);
    JsonObject payment = newObject();
    // complete/partial compares paid with billed: without the charge it is not said.
    auto paid = centsOf(clp.at(4)), billed = centsOf(billed_);
    JsonObject type = billed ? concept("http://terminology.hl7.org/CodeSystem/ex-paymenttype",
                                       *paid >= *billed ? "complete" : "partial")
                             : newObject();
    if (!header_.method.empty()) {
      JsonObject method = newObject();
      method->set("system", "https://x12.org/codes/payment-method-codes");
      method->set("code", header_.method);
      if (!type->has("coding")) type->set("coding", JsonArray(new Poco::JSON::Array));
      type->getArray("coding")->add(method);
    }
    type->set("text", "BPR " + header_.handling + " " + (header_.method.empty() ? "" : header_.method + " ") +
                          "payment of " + header_.total + " for the remittance");
    payment->set("type", type);
    if (std::string date = fhirDate(header_.date); !date.empty()) payment->set("date", date);
    payment->set("amount", money(clp.at(4), currency_));
    if (!header_.trace.empty()) {
      JsonObject trace = newObject();
      trace->set("system", "urn:gw:x12:trn-trace-number");
      trace->set("value", header_.trace);
      payment->set("identifier", trace);
    }
    response_->set("payment", payment);
    if (notes_->size() > 0) response_->set("processNote", notes_);
    responses_.push_back(response_);
    response_ = nullptr;
  }

  // Provider-level adjustments (PLB) go to the claim they reference (PLB03-2 = CLP01), else to the
  // first claim of the set, marked as not that claim's own.
  std::vector<JsonObject> take() {
    finish();
    const char component = interchange_.delimiters.component;
    for (const Segment* plb : plbs_) {
      for (std::size_t i = 3; i + 1 < plb->elements.size(); i += 2) {
        std::vector<std::string> reason = plb->components(i, component);
        std::string amount = amountAt(*plb, i + 1, true);
        std::string reference = reason.size() > 1 ? reason[1] : "";
        JsonObject target;
        for (const auto& response : responses_)
          if (stringAt(objectAt(response, "request"), "reference") == "Claim/" + reference) target = response;
        std::string text = "provider-level adjustment (PLB) " + reason[0] +
                           (reference.empty() ? "" : " " + reference) + ": " + amount;
        if (!target && !responses_.empty()) {
          target = responses_.front();
          text += " (for the whole remittance, not this claim)";
        }
        if (!target) continue;
        JsonArray notes = arrayAt(target, "processNote");
        if (!notes) {
          notes = new Poco::JSON::Array;
          target->set("processNote", notes);
        }
        notes->add(processNote(notes->size() + 1, text));
      }
    }
    return responses_;
  }

 private:
  const Interchange& interchange_;
  const TransactionSet& set_;
  const PaymentHeader& header_;
  std::string currency_;
  kit::Issues& issues_;
  const Segment* clp_ = nullptr;
  std::string billed_;  // CLP03, or "" when left out
  JsonObject response_, line_;
  JsonArray items_, claimAdjustments_, notes_;
  bool institutional_ = false;
  std::string patientName_, patientId_;
  std::size_t ordinal_ = 0;
  std::vector<const Segment*> plbs_;
  std::vector<JsonObject> responses_;
};

}  // namespace

std::vector<JsonObject> remittanceResponses(const Interchange& interchange, const std::string& currency,
                                            kit::Issues& issues) {
  std::vector<JsonObject> responses;
  for (const auto& group : interchange.groups) {
    for (const auto& set : group.sets) {
      if (set.code != "835") continue;
      PaymentHeader header;
      header.groupDate = interchange.segments[group.first].at(4);
      header.position = setPosition(interchange, group, set);
      for (std::size_t i = set.first; i <= set.last; ++i) {
        const Segment& s = interchange.segments[i];
        if (s.id() == "BPR") {
          header.handling = s.at(1);
          header.total = amountAt(s, 2, true);
          header.method = s.at(4);
          header.date = s.at(16);
        } else if (s.id() == "TRN" && header.trace.empty()) {
          header.trace = s.at(2);
        } else if (s.id() == "DTM" && s.at(1) == "405") {
          header.productionDate = s.at(2);
        } else if (s.id() == "N1" && s.at(1) == "PR") {
          header.payer = s.at(2);
        } else if (s.id() == "CLP") {
          break;
        }
      }
      PaidClaims builder(interchange, set, header, currency, issues);
      std::size_t ordinal = 0;
      for (std::size_t i = set.first; i <= set.last; ++i) {
        const Segment& s = interchange.segments[i];
        if (s.id() == "CLP") builder.start(s, ++ordinal);
        else if (s.id() == "PLB") {
          builder.finish();
          builder.providerAdjustment(s);
        } else if (s.id() == "SE") builder.finish();
        else builder.segment(s);
      }
      for (auto& response : builder.take()) responses.push_back(response);
    }
  }
  return responses;
}

}  // namespace gw::x12
