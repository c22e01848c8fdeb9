#include "claims/RemittanceApplier.hpp"

#include <gw/kit/Profile.hpp>

#include <Poco/JSON/Array.h>

#include <set>

#include "claims/ClaimOutbox.hpp"
#include "claims/Money.hpp"
#include "common/Json.hpp"
#include "common/StoreValues.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;
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

// What the insurer says it pays: payment.amount, else the "benefit" total.
std::optional<std::int64_t> paidOf(const Object::Ptr& response, const std::string& currency) {
  if (Object::Ptr payment = response->getObject("payment"))
    if (Object::Ptr amount = payment->getObject("amount")) return toMinorUnits(amount->get("value"), currency);
  if (Array::Ptr totals = response->getArray("total")) {
    for (std::size_t i = 0; i < totals->size(); ++i) {
      Object::Ptr total = totals->getObject(static_cast<unsigned>(i));
      Object::Ptr category = total->getObject("category");
      Array::Ptr codings = category ? category->getArray("coding") : nullptr;
      if (codings && codings->size() > 0 &&
          codings->getObject(0)->optValue<std::string>("code", "") == "benefit")
        if (Object::Ptr amount = total->getObject("amount")) return toMinorUnits(amount->get("value"), currency);
    }
  }
  return std::nullopt;
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
  ResourceRepository resources(db_);
  for (const auto& response : responses) {
    RemittanceOutcome outcome;
    outcome.claimId = claimIdOf(response);
    std::string id = outcome.claimId, owner, patient, currency, status;
    Poco::Int64 total = 0;
    int sequence = 0;
    std::vector<std::string> found;
    s << db_.sql("SELECT insurer FROM claim WHERE id = ?"), use(id), into(found), now;
    if (outcome.claimId.empty() || found.empty() || found.front() != insurer) {
      outcome.status = "refused";
      outcome.reason = outcome.claimId.empty() ? "the response names no claim (request)"
                                               : "claim " + outcome.claimId + " is not a claim of insurer " + insurer;
      outcomes.push_back(outcome);
      continue;
    }
    s << db_.sql("SELECT patient_id, currency, total_minor, sequence, encounter_id FROM claim WHERE id = ?"), use(id),
        into(patient), into(currency), into(total), into(sequence), into(owner), now;

    const std::string result = response->optValue<std::string>("outcome", "");
    const std::string reasons = reasonsOf(response);
    auto paid = paidOf(response, currency);
    const bool cancelled = response->optValue<std::string>("status", "") == "cancelled";
    if (cancelled || (paid && *paid < 0)) {
      status = "reversed";
    } else if (result == "queued") {
      status = "accepted";
    } else if (result == "error") {
      status = "denied";
      paid = 0;
    } else if (!paid) {
      status = "adjudicated";
    } else {
      status = *paid >= total ? "paid" : *paid > 0 ? "partially_paid" : "denied";
    }

    // Keep the insurer's answer as a resource of its own, pointing at our claim.
    Object::Ptr stored = parseJsonObject(toJson(response), "ClaimResponse");
    stored->set("id", newId());
    Object::Ptr request = jsonObject();
    request->set("reference", "Claim/" + outcome.claimId);
    stored->set("request", request);
    // It concerns our claim's patient, whatever patient the insurer named; any other reference it
    // makes is dropped, so that an insurer cannot attach its answer to someone else's records.
    stored->set("patient", referenceTo("Patient/" + patient));
    keepOnlyReferences(stored, {"Claim/" + outcome.claimId, "Patient/" + patient});
    resources.save(s, stored, 0, insurer);

    std::string detail = reasons;
    if (paid) {
      Poco::Int64 paidMinor = *paid;
      Poco::Int64 patientMinor = status == "reversed" ? 0 : total - paidMinor;
      s << db_.sql("UPDATE claim SET paid_minor = ?, patient_minor = ? WHERE id = ?"), use(paidMinor),
          use(patientMinor), use(id), now;
      detail = "paid " + fromMinorUnits(paidMinor, currency) + " " + currency + " of " + fromMinorUnits(total, currency) +
               (reasons.empty() ? "" : "; " + reasons);
      // What the insurer did not pay: the secondary payer's turn, or the patient's (self-pay).
      if (patientMinor > 0 && status != "reversed" && sequence == 1) {
        std::vector<std::string> held;
        s << db_.sql("SELECT id FROM claim WHERE encounter_id = ? AND sequence = 2 AND status = 'held'"), use(owner),
            into(held), now;
        if (!held.empty()) {
          std::string secondary = held.front(), secondaryInsurer, at = stored->optValue<std::string>("created", "");
          s << db_.sql("SELECT insurer FROM claim WHERE id = ?"), use(secondary), into(secondaryInsurer), now;
          std::string ready = "ready", timestamp = utcTimestamp();
          s << db_.sql("INSERT INTO claim_outbox (insurer, claim_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"),
              use(secondaryInsurer), use(secondary), use(ready), use(timestamp), use(timestamp), now;
          recordClaimState(db_, s, secondary, "built", "released: the primary paid " + fromMinorUnits(paidMinor, currency) + " " +
                                                           currency);
        } else {
          Object::Ptr invoice = jsonObject();
          invoice->set("resourceType", std::string("Invoice"));
          invoice->set("id", newId());
          invoice->set("status", std::string("issued"));
          invoice->set("subject", referenceTo("Patient/" + patient));
          Object::Ptr money = moneyJson(patientMinor, currency);
          invoice->set("totalGross", money);
          invoice->set("totalNet", money);
          Object::Ptr note = jsonObject();
          note->set("text", "patient responsibility after claim " + outcome.claimId);
          Array::Ptr notes = new Array;
          notes->add(note);
          invoice->set("note", notes);
          resources.save(s, invoice, 0);
          detail += "; patient owes " + fromMinorUnits(patientMinor, currency) + " " + currency + " (self-pay)";
        }
      }
    }
    recordClaimState(db_, s, outcome.claimId, status, detail);
    outcome.status = status;
    outcome.reason = detail;
    outcomes.push_back(outcome);
  }
  return outcomes;
}

}  // namespace gw
