#include "claims/RemittanceApplier.hpp"

#include <gw/kit/Profile.hpp>

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <optional>
#include <set>

#include "claims/ClaimOutbox.hpp"
#include "claims/Money.hpp"
#include "common/Json.hpp"
#include "common/StoreValues.hpp"
#include "http/ApiKey.hpp"
#include "store/Sql.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// The claim a response answers: request.reference "Claim/<id>" or request.identifier in our claim system.
std::string claimIdOf(const Object::Ptr& response) {
  Object::Ptr request = response->getObject("request");
  if (!request) return "";
  const std::string reference = request->optValue<std::string>("reference", "");
  if (reference.rfind("Claim/", 0) == 0) return reference.substr(6);
  Object::Ptr identifier = request->getObject("identifier");
  if (identifier && identifier->optValue<std::string>("system", "") == kit::profile::kClaimSystem)
    return identifier->optValue<std::string>("value", "");
  return "";
}

// What the insurer says it pays: payment.amount, else the "benefit" total; an empty Money when it says nothing.
Object::Ptr paidMoneyOf(const Object::Ptr& response) {
  if (Object::Ptr payment = response->getObject("payment"))
    if (Object::Ptr amount = payment->getObject("amount")) return amount;
  if (Array::Ptr totals = response->getArray("total")) {
    for (std::size_t i = 0; i < totals->size(); ++i) {
      Object::Ptr total = totals->getObject(static_cast<unsigned>(i));
      Object::Ptr category = total->getObject("category");
      Array::Ptr codings = category ? category->getArray("coding") : nullptr;
      if (codings && codings->size() > 0 &&
          codings->getObject(0)->optValue<std::string>("code", "") == "benefit")
        if (Object::Ptr amount = total->getObject("amount")) return amount;
    }
  }
  return nullptr;
}

// The patient's part as the insurer states it: the totals of category copay and deductible (X12 CLP05 arrives
// as copay), summed; nothing when it states neither or an amount is not exact in `currency`.
std::optional<std::int64_t> statedPatientPartOf(const Object::Ptr& response, const std::string& currency) {
  Array::Ptr totals = response->getArray("total");
  std::optional<std::int64_t> sum;
  for (std::size_t i = 0; totals && i < totals->size(); ++i) {
    Object::Ptr total = totals->getObject(static_cast<unsigned>(i));
    Object::Ptr category = total ? total->getObject("category") : nullptr;
    Array::Ptr codings = category ? category->getArray("coding") : nullptr;
    const std::string code = codings && codings->size() > 0 ? codings->getObject(0)->optValue<std::string>("code", "") : "";
    if (code != "copay" && code != "deductible") continue;
    Object::Ptr amount = total->getObject("amount");
    auto minor = amount ? toMinorUnits(amount->get("value"), currency) : std::nullopt;
    if (!minor || amount->optValue<std::string>("currency", currency) != currency) return std::nullopt;
    sum = sum.value_or(0) + *minor;
  }
  return sum;
}

// What identifies a response as the insurer sent it: its identifiers (X12: the CLP's place; FHIR: the
// insurer's ClaimResponse.identifier), else the SHA-256 of its content without the id and meta an insurer
// may mint afresh each time it sends the same answer.
std::string responseKeyOf(const Object::Ptr& response) {
  std::vector<std::string> identifiers;
  if (Array::Ptr list = response->getArray("identifier"))
    for (std::size_t i = 0; i < list->size(); ++i)
      if (Object::Ptr identifier = list->getObject(static_cast<unsigned>(i)))
        identifiers.push_back(identifier->optValue<std::string>("system", "") + "|" +
                              identifier->optValue<std::string>("value", ""));
  if (!identifiers.empty()) {
    std::sort(identifiers.begin(), identifiers.end());
    std::string key = "identifier:";
    for (const auto& identifier : identifiers) key += (key.back() == ':' ? "" : " ") + identifier;
    return key;
  }
  Object::Ptr content = new Object(*response);  // a shallow copy: only top-level members are removed
  content->remove("id");
  content->remove("meta");
  return "sha256:" + sha256Hex(toJson(content));
}

// A row of the ledger (migration 009): what one applied response did to its claim.
struct LedgerEntry {
  std::string key;
  std::optional<std::int64_t> paid, patient;
  std::string invoice, released;
};

// The claim's latest payment that still stands (not reversed), if any.
std::optional<LedgerEntry> standingPayment(Database& db, Poco::Data::Session& s, const std::string& claimId) {
  auto rows = runSql(db, s,
                     "SELECT response_key, paid_minor, patient_minor, invoice_id, released_claim_id FROM remittance_response "
                     "WHERE claim_id = ? AND reversed_by IS NULL AND paid_minor IS NOT NULL ORDER BY seq DESC LIMIT 1",
                     {claimId});
  if (rows.empty()) return std::nullopt;
  const SqlRow& row = rows.front();
  LedgerEntry entry{text(row, 0), std::nullopt, std::nullopt, text(row, 3), text(row, 4)};
  if (row.at(1)) entry.paid = integer(row, 1);
  if (row.at(2)) entry.patient = integer(row, 2);
  return entry;
}

// The insurer's words: disposition, process notes and error codes, for the claim's history.
std::string reasonsOf(const Object::Ptr& response) {
  std::string reasons = response->optValue<std::string>("disposition", "");
  auto add = [&reasons](const std::string& text) {
    if (!text.empty()) reasons += (reasons.empty() ? "" : "; ") + text;
  };
  if (Array::Ptr notes = response->getArray("processNote"))
    for (std::size_t i = 0; i < notes->size(); ++i) add(notes->getObject(static_cast<unsigned>(i))->optValue<std::string>("text", ""));
  if (Array::Ptr errors = response->getArray("error"))
    for (std::size_t i = 0; i < errors->size(); ++i) {
      Object::Ptr code = errors->getObject(static_cast<unsigned>(i))->getObject("code");
      Array::Ptr codings = code ? code->getArray("coding") : nullptr;
      if (codings && codings->size() > 0) add("error " + codings->getObject(0)->optValue<std::string>("code", ""));
    }
  return reasons;
}

// Removes every "reference" below `value` that is not one of `allowed` (identifiers and displays stay).
void keepOnlyReferences(const Poco::Dynamic::Var& value, const std::set<std::string>& allowed) {
  if (value.type() == typeid(Object::Ptr)) {
    Object::Ptr object = value.extract<Object::Ptr>();
    if (object->has("reference") && !allowed.count(object->optValue<std::string>("reference", "")))
      object->remove("reference");
    for (const auto& [key, member] : *object) keepOnlyReferences(member, allowed);
  } else if (value.type() == typeid(Array::Ptr)) {
    Array::Ptr array = value.extract<Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) keepOnlyReferences(array->get(static_cast<unsigned>(i)), allowed);
  }
}

// What an insurer decided on a pre-authorisation: the decision extension when it sends one (the x12 adapter
// does, from HCR01), else read from the outcome and the amount it guarantees.
struct PreauthDecision {
  std::string status;  // approved | partially_approved | pended | denied | revoked
  std::optional<std::int64_t> guarantee;
  std::string until;      // preAuthPeriod.end (a date)
  std::string reference;  // preAuthRef
};

PreauthDecision preauthDecisionOf(const Object::Ptr& response, const std::optional<std::int64_t>& amount,
                                  std::int64_t requested) {
  PreauthDecision decision;
  decision.reference = response->optValue<std::string>("preAuthRef", "");
  if (Object::Ptr period = response->getObject("preAuthPeriod"))
    decision.until = period->optValue<std::string>("end", "").substr(0, 10);
  std::string stated;
  if (Array::Ptr extensions = response->getArray("extension"))
    for (std::size_t i = 0; i < extensions->size(); ++i) {
      Object::Ptr extension = extensions->getObject(static_cast<unsigned>(i));
      if (extension && extension->optValue<std::string>("url", "") ==
                           std::string(kit::profile::kExtensionBase) + "preauth-decision")
        stated = extension->optValue<std::string>("valueCode", "");
    }
  const std::string outcome = response->optValue<std::string>("outcome", "");
  if (response->optValue<std::string>("status", "") == "cancelled") {
    decision.status = "revoked";
  } else if (stated == "approved" || stated == "partially-approved" || stated == "pended" || stated == "denied") {
    decision.status = stated == "partially-approved" ? "partially_approved" : stated;
  } else if (outcome == "error") {
    decision.status = "denied";
  } else if (outcome == "queued" || outcome == "partial") {
    decision.status = "pended";
  } else {
    decision.status = !amount ? "approved" : *amount <= 0 ? "denied" : *amount < requested ? "partially_approved" : "approved";
  }
  // Approving a request without naming an amount guarantees what was asked for.
  if (decision.status == "approved" || decision.status == "partially_approved")
    decision.guarantee = amount ? *amount : requested;
  return decision;
}

// `?` with `value` added to `parameters`, or NULL.
std::string orNull(const std::optional<std::int64_t>& value, std::vector<SqlParameter>& parameters) {
  if (!value) return "NULL";
  parameters.emplace_back(*value);
  return "?";
}

// A claim's own event, its status unchanged.
void recordClaimEvent(Database& db, Poco::Data::Session& s, const std::string& claimId, const std::string& detail) {
  runSql(db, s, "INSERT INTO claim_event (claim_id, state, at, detail) SELECT id, status, ?, ? FROM claim WHERE id = ?",
         {utcTimestamp(), detail, claimId});
}

}  // namespace

std::vector<RemittanceOutcome> RemittanceApplier::apply(Poco::Data::Session& s, const std::string& insurer,
                                                        const std::string& bundleJson) {
  std::vector<RemittanceOutcome> outcomes;
  Object::Ptr bundle = parseJsonObject(bundleJson, "the remittance");
  std::vector<Object::Ptr> responses;
  if (bundle->optValue<std::string>("resourceType", "") == "ClaimResponse") {
    responses.push_back(bundle);
  } else if (Array::Ptr entries = bundle->getArray("entry")) {
    for (std::size_t i = 0; i < entries->size(); ++i) {
      Object::Ptr resource = entries->getObject(static_cast<unsigned>(i))->getObject("resource");
      if (resource && resource->optValue<std::string>("resourceType", "") == "ClaimResponse") responses.push_back(resource);
    }
  }
  for (const auto& response : responses) outcomes.push_back(applyOne(s, insurer, response));
  return outcomes;
}

RemittanceOutcome RemittanceApplier::applyOne(Poco::Data::Session& s, const std::string& insurer,
                                              const Object::Ptr& response) {
  RemittanceOutcome outcome;
  outcome.claimId = claimIdOf(response);
  const std::string id = outcome.claimId;
  auto refused = [&outcome](const std::string& reason) {
    outcome.status = "refused";
    outcome.reason = reason;
    return outcome;
  };
  auto claim = runSql(db_, s,
                      "SELECT insurer, patient_id, currency, total_minor, sequence, encounter_id, claim_use FROM claim "
                      "WHERE id = ?",
                      {id});
  if (id.empty()) return refused("the response names no claim (request)");
  if (claim.empty() || text(claim.front(), 0) != insurer) return refused("claim " + id + " is not a claim of insurer " + insurer);
  const std::string key = responseKeyOf(response);
  auto first = runSql(db_, s, "SELECT status, reason FROM remittance_response WHERE insurer = ? AND response_key = ?",
                      {insurer, key});
  if (!first.empty()) {
    outcome.status = text(first.front(), 0);
    outcome.reason = text(first.front(), 1);
    outcome.duplicate = true;
    return outcome;
  }
  const std::string patient = text(claim.front(), 1), currency = text(claim.front(), 2), encounter = text(claim.front(), 5);
  const std::int64_t total = integer(claim.front(), 3);
  const std::int64_t sequence = integer(claim.front(), 4);
  const bool preauthorization = text(claim.front(), 6) == "preauthorization";

  // The amount, exact and in the claim's currency; anything else is refused and changes nothing.
  std::optional<std::int64_t> paid;
  if (Object::Ptr money = paidMoneyOf(response)) {
    const std::string paidCurrency = money->optValue<std::string>("currency", currency);
    paid = toMinorUnits(money->get("value"), currency);
    if (paidCurrency != currency || !paid)
      return refused("the payment " + money->get("value").toString() + " " + paidCurrency +
                     " is not an exact amount in the claim's currency " + currency);
  }
  const std::string result = response->optValue<std::string>("outcome", "");
  const std::string reasons = reasonsOf(response);
  const bool reversal = response->optValue<std::string>("status", "") == "cancelled" || (paid && *paid < 0);

  LedgerEntry applied{key, std::nullopt, std::nullopt, "", ""};
  std::string status, detail = reasons;
  ResourceRepository resources(db_);
  if (preauthorization) {
    // The insurer's decision on a pre-authorisation, and the guarantee of payment that comes with it.
    PreauthDecision decision = preauthDecisionOf(response, paid, total);
    status = decision.status;
    std::vector<SqlParameter> parameters{decision.reference};
    const std::string guarantee = orNull(decision.guarantee, parameters);
    parameters.insert(parameters.end(), {decision.until, id});
    runSql(db_, s,
           "UPDATE claim SET preauth_ref = NULLIF(?, ''), guarantee_minor = " + guarantee +
               ", guarantee_until = NULLIF(?, '') WHERE id = ?",
           parameters);
    detail = status;
    if (decision.guarantee) detail += ": guarantee of payment " + fromMinorUnits(*decision.guarantee, currency) + " " + currency;
    if (!decision.until.empty()) detail += " until " + decision.until;
    if (!decision.reference.empty()) detail += " (" + decision.reference + ")";
    if (!reasons.empty()) detail += "; " + reasons;
  } else if (reversal) {
    // A reversal undoes the claim's latest standing payment, exactly: its amounts, its patient Invoice and
    // the secondary claim it released; the claim is left as the payment before it left it.
    auto payment = standingPayment(db_, s, id);
    if (!payment) return refused("nothing to reverse: claim " + id + " has no payment on record");
    if (paid && *paid != -*payment->paid)
      return refused("the reversal of " + fromMinorUnits(*paid, currency) + " " + currency +
                     " does not undo the payment of " + fromMinorUnits(*payment->paid, currency) + " " + currency);
    runSql(db_, s, "UPDATE remittance_response SET reversed_by = ? WHERE insurer = ? AND response_key = ?",
           {key, insurer, payment->key});
    detail = "reversed the payment of " + fromMinorUnits(*payment->paid, currency) + " " + currency +
             (reasons.empty() ? "" : "; " + reasons);
    if (!payment->invoice.empty()) {
      if (auto stored = resources.current(s, "Invoice", payment->invoice)) {
        Object::Ptr invoice = parseJsonObject(stored->body, "Invoice");
        invoice->set("status", std::string("cancelled"));
        invoice->set("cancelledReason", "the insurer reversed its payment of Claim/" + id);
        resources.save(s, invoice, 0);
        detail += "; Invoice/" + payment->invoice + " cancelled";
      }
    }
    if (!payment->released.empty()) {
      auto recalled = runSql(db_, s, "DELETE FROM claim_outbox WHERE claim_id = ? AND status = 'ready' RETURNING claim_id",
                             {payment->released});
      if (!recalled.empty()) {
        recordClaimState(db_, s, payment->released, "held", "held again: the primary's payment was reversed");
        detail += "; secondary Claim/" + payment->released + " held again";
      } else {
        recordClaimEvent(db_, s, payment->released, "the primary's payment was reversed after this claim was sent");
        detail += "; secondary Claim/" + payment->released + " was already sent to its insurer";
      }
    }
    std::vector<SqlParameter> parameters;
    auto before = standingPayment(db_, s, id);
    const std::string paidValue = orNull(before ? before->paid : std::nullopt, parameters);
    const std::string patientValue = orNull(before ? before->patient : std::nullopt, parameters);
    parameters.emplace_back(id);
    runSql(db_, s, "UPDATE claim SET paid_minor = " + paidValue + ", patient_minor = " + patientValue + " WHERE id = ?",
           parameters);
    status = "reversed";
  } else {
    if (result == "queued") {
      status = "accepted";
    } else if (result == "error") {
      status = "denied";
      paid = 0;
    } else if (!paid) {
      status = "adjudicated";
    } else {
      status = *paid >= total ? "paid" : *paid > 0 ? "partially_paid" : "denied";
    }
    if (paid) {
      // The patient owes what the insurer says (its contractual adjustments are the hospital's write-off),
      // else everything the insurer did not pay; a denial leaves the patient the whole amount.
      auto stated = status == "denied" ? std::nullopt : statedPatientPartOf(response, currency);
      const std::int64_t patientMinor = stated ? *stated : total - *paid;
      applied.paid = *paid;
      applied.patient = patientMinor;
      runSql(db_, s, "UPDATE claim SET paid_minor = ?, patient_minor = ? WHERE id = ?", {*paid, patientMinor, id});
      detail = "paid " + fromMinorUnits(*paid, currency) + " " + currency + " of " + fromMinorUnits(total, currency) +
               (reasons.empty() ? "" : "; " + reasons);
      // What the insurer did not pay: the secondary payer's turn, or the patient's (self-pay).
      if (patientMinor > 0 && sequence == 1) {
        auto held = runSql(db_, s, "SELECT id, insurer FROM claim WHERE encounter_id = ? AND sequence = 2 AND status = 'held'",
                           {encounter});
        if (!held.empty()) {
          applied.released = text(held.front(), 0);
          const std::string ready = "ready", timestamp = utcTimestamp();
          runSql(db_, s, "INSERT INTO claim_outbox (insurer, claim_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                 {text(held.front(), 1), applied.released, ready, timestamp, timestamp});
          recordClaimState(db_, s, applied.released, "built",
                           "released: the primary paid " + fromMinorUnits(*paid, currency) + " " + currency);
        } else {
          Object::Ptr invoice = jsonObject();
          invoice->set("resourceType", std::string("Invoice"));
          applied.invoice = newId();
          invoice->set("id", applied.invoice);
          invoice->set("status", std::string("issued"));
          invoice->set("subject", referenceTo("Patient/" + patient));
          Object::Ptr money = moneyJson(patientMinor, currency);
          invoice->set("totalGross", money);
          invoice->set("totalNet", money);
          Object::Ptr note = jsonObject();
          note->set("text", "patient responsibility after claim " + id);
          Array::Ptr notes = new Array;
          notes->add(note);
          invoice->set("note", notes);
          resources.save(s, invoice, 0);
          detail += "; patient owes " + fromMinorUnits(patientMinor, currency) + " " + currency + " (self-pay)";
        }
      }
    }
  }

  // Keep the insurer's answer as a resource of its own, pointing at our claim.
  Object::Ptr stored = parseJsonObject(toJson(response), "ClaimResponse");
  stored->set("id", newId());
  Object::Ptr request = jsonObject();
  request->set("reference", "Claim/" + id);
  stored->set("request", request);
  // It concerns our claim's patient, whatever patient the insurer named; any other reference it
  // makes is dropped, so that an insurer cannot attach its answer to someone else's records.
  stored->set("patient", referenceTo("Patient/" + patient));
  keepOnlyReferences(stored, {"Claim/" + id, "Patient/" + patient});
  resources.save(s, stored, 0, insurer);

  std::vector<SqlParameter> parameters{insurer, key, id, status, detail};
  const std::string paidValue = orNull(applied.paid, parameters);
  const std::string patientValue = orNull(applied.patient, parameters);
  parameters.insert(parameters.end(), {applied.invoice, applied.released, utcTimestamp()});
  runSql(db_, s,
         "INSERT INTO remittance_response (insurer, response_key, claim_id, status, reason, paid_minor, patient_minor, "
         "invoice_id, released_claim_id, applied_at) VALUES (?, ?, ?, ?, ?, " + paidValue + ", " + patientValue +
             ", NULLIF(?, ''), NULLIF(?, ''), ?)",
         parameters);
  recordClaimState(db_, s, id, status, detail);
  outcome.status = status;
  outcome.reason = detail;
  return outcome;
}

}  // namespace gw
