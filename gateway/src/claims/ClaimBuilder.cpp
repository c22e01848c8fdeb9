#include "claims/ClaimBuilder.hpp"

#include <gw/kit/Profile.hpp>

#include <Poco/DateTime.h>
#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "claims/ClaimStore.hpp"
#include "claims/Coverage.hpp"
#include "claims/Money.hpp"
#include "store/Sql.hpp"
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

std::string idOf(const std::string& reference) {
  auto slash = reference.find('/');
  return slash == std::string::npos ? reference : reference.substr(slash + 1);
}

const SharePeriod* shareOn(const HospitalContract& contract, const std::string& date) {
  for (const auto& period : contract.periods)
    if (covers(period.from, period.to, date)) return &period;
  return nullptr;
}

bool codeMatches(const std::string& pattern, const std::string& code) {
  if (!pattern.empty() && pattern.back() == '*') return code.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  return pattern == code;
}

// A pre-authorisation's guarantee of payment.
struct Guarantee {
  std::string claimId;    // the pre-authorisation (a Claim)
  std::string reference;  // the insurer's authorisation number
  std::int64_t amount = 0;
};

// The latest approved pre-authorisation by `insurer` for one of `patientRefs` whose guarantee holds on `date`,
// made for this encounter or for none in particular, in `currency`.
std::optional<Guarantee> findGuarantee(Database& db, Poco::Data::Session& s, const std::vector<std::string>& patientRefs,
                                       const std::string& insurer, const std::string& encounterId,
                                       const std::string& date, const std::string& currency) {
  for (const auto& ref : patientRefs) {
    auto rows = runSql(db, s,
                       "SELECT id, COALESCE(preauth_ref, ''), guarantee_minor FROM claim WHERE patient_id = ? AND insurer = ? "
                       "AND claim_use = 'preauthorization' AND status IN ('approved', 'partially_approved') AND currency = ? "
                       "AND guarantee_minor IS NOT NULL AND (guarantee_until IS NULL OR guarantee_until >= ?) "
                       "AND (encounter_id = '' OR encounter_id = ?) ORDER BY created_at DESC, id LIMIT 1",
                       {ref.substr(ref.find('/') + 1), insurer, currency, date, encounterId});
    if (!rows.empty()) return Guarantee{text(rows.front(), 0), text(rows.front(), 1), integer(rows.front(), 2)};
  }
  return std::nullopt;
}

struct PricedItem {
  std::string chargeId;
  Object::Ptr charge;
  std::int64_t amount = 0;
  std::string currency;
  std::string category = "default";
  std::int64_t group = 0;
  std::string date;
};

}  // namespace

ClaimBuildResult ClaimBuilder::build(Poco::Data::Session& s, const GatewayConfig& config,
                                     const std::string& encounterId) {
  ClaimStore store(db_, s);
  ClaimBuildResult result;
  Object::Ptr encounter = store.load("Encounter", encounterId);
  if (!encounter) throw ClaimBuildError("Encounter/" + encounterId + " does not exist");
  const std::string encounterRef = "Encounter/" + encounterId;
  const std::string patientRef = referenceAt(encounter, "subject");
  Object::Ptr patient = store.load(patientRef);
  if (!patient) throw ClaimBuildError(encounterRef + " has no stored subject patient");

  // The hospital is the one whose message brought the encounter.
  std::string hospitalId;
  {
    std::string id = encounterId;
    std::vector<std::string> hospitals;
    s << db_.sql("SELECT m.hospital FROM fhir_resource r JOIN inbound_message m ON m.id = r.source_message "
                 "WHERE r.resource_type = 'Encounter' AND r.id = ? ORDER BY r.version DESC"),
        use(id), into(hospitals), now;
    if (!hospitals.empty()) hospitalId = hospitals.front();
  }
  const PartnerConfig* hospital = config.hospital(hospitalId);
  if (!hospital) throw ClaimBuildError(encounterRef + " did not come from a configured hospital");

  Object::Ptr period = encounter->getObject("period");
  std::string serviceDate = period ? period->optValue<std::string>("start", "").substr(0, 10) : "";

  // Unbilled charges of the encounter, priced and split by the hospital's contract.
  std::vector<PricedItem> items;
  for (const auto& chargeId : store.referencing("ChargeItem", "context", encounterRef)) {
    std::string key = chargeId;
    int billed = 0;
    s << db_.sql("SELECT COUNT(*) FROM billed_item WHERE charge_item_id = ?"), use(key), into(billed), now;
    if (billed) continue;
    Object::Ptr charge = store.load("ChargeItem", chargeId);
    if (!charge || charge->optValue<std::string>("status", "billable") != "billable") continue;
    PricedItem item;
    item.chargeId = chargeId;
    item.charge = charge;
    Object::Ptr price = charge->getObject("priceOverride");
    if (!price || !price->has("value")) throw ClaimBuildError("ChargeItem/" + chargeId + " has no amount (priceOverride)");
    item.currency = price->optValue<std::string>("currency", hospital->contract.currency);
    auto amount = toMinorUnits(price->get("value"), item.currency);
    if (!amount)
      throw ClaimBuildError("ChargeItem/" + chargeId + " priceOverride.value " + price->get("value").toString() +
                            " is not an exact amount of " + item.currency);
    item.amount = *amount;
    item.date = charge->optValue<std::string>("occurrenceDateTime", serviceDate).substr(0, 10);
    if (item.date.empty()) item.date = utcTimestamp().substr(0, 10);
    const SharePeriod* share = shareOn(hospital->contract, item.date);
    if (!share)
      throw ClaimBuildError("hospital '" + hospital->id + "' has no revenue-share contract covering " + item.date);
    Share groupShare = share->groupShare;
    if (Object::Ptr code = charge->getObject("code"); code && code->getArray("coding")) {
      Array::Ptr codings = code->getArray("coding");
      for (const auto& category : share->categories) {
        for (std::size_t i = 0; i < codings->size() && item.category == "default"; ++i)
          for (const auto& pattern : category.codes)
            if (codeMatches(pattern, codings->getObject(static_cast<unsigned>(i))->optValue<std::string>("code", ""))) {
              item.category = category.name;
              groupShare = category.groupShare;
            }
      }
    }
    item.group = groupPart(item.amount, groupShare);
    items.push_back(item);
  }
  if (items.empty()) {
    // Nothing left to bill: either the encounter was billed before (answer with its claims, so that a
    // second request reads "already billed", not "no coverage") or it has no billable charges.
    auto billed = runSql(db_, s, "SELECT DISTINCT claim_id FROM billed_item WHERE encounter_id = ? ORDER BY claim_id",
                         {encounterId});
    result.status = billed.empty() ? "nothing_to_bill" : "already_billed";
    result.coverage = "none";
    for (const auto& row : billed)
      if (row.at(0)) result.claims.push_back(*row.at(0));
    return result;
  }
  result.currency = items.front().currency;
  for (const auto& item : items) {
    if (item.currency != result.currency)
      throw ClaimBuildError("charges of " + encounterRef + " are in more than one currency (" + result.currency +
                            ", " + item.currency + ")");
    result.totalMinor += item.amount;
  }
  result.items = static_cast<int>(items.size());
  if (serviceDate.empty()) serviceDate = items.front().date;

  Payers found = payersOn(store, config, patientRef, patient, serviceDate);
  std::vector<Payer>& payers = found.payers;
  result.coverage = found.source;
  const std::string at = utcTimestamp();

  auto recordItem = [&](const PricedItem& item, const std::string& claimId, const std::string& payerClass,
                        const std::string& payer) {
    std::string hospitalKey = hospital->id, encounterKey = encounterId, chargeKey = item.chargeId,
                claimKey = claimId, payerClassKey = payerClass, payerKey = payer, date = item.date,
                category = item.category, currency = item.currency;
    Poco::Int64 amount = item.amount, group = item.group, rest = item.amount - item.group;
    Poco::Nullable<std::string> claimColumn;
    if (!claimId.empty()) claimColumn = claimKey;
    s << db_.sql("INSERT INTO billed_item (hospital, encounter_id, charge_item_id, claim_id, payer_class, payer, "
                 "service_date, category, amount_minor, currency, group_minor, hospital_minor) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(hospitalKey), use(encounterKey), use(chargeKey), use(claimColumn), use(payerClassKey), use(payerKey),
        use(date), use(category), use(amount), use(currency), use(group), use(rest), now;
  };

  if (payers.empty()) {
    // Self-pay: a patient invoice, no claim.
    result.coverage = "self-pay";
    Object::Ptr invoice = jsonObject();
    result.invoice = newId();
    invoice->set("resourceType", std::string("Invoice"));
    invoice->set("id", result.invoice);
    invoice->set("status", std::string("issued"));
    invoice->set("subject", referenceTo(patientRef));
    invoice->set("date", at);
    Array::Ptr lines = new Array;
    for (std::size_t i = 0; i < items.size(); ++i) {
      Object::Ptr line = jsonObject();
      line->set("sequence", static_cast<int>(i + 1));
      line->set("chargeItemReference", referenceTo("ChargeItem/" + items[i].chargeId));
      Object::Ptr component = jsonObject();
      component->set("type", std::string("base"));
      component->set("amount", moneyJson(items[i].amount, items[i].currency));
      Array::Ptr components = new Array;
      components->add(component);
      line->set("priceComponent", components);
      lines->add(line);
      recordItem(items[i], "", "self_pay", "self");
    }
    invoice->set("lineItem", lines);
    invoice->set("totalNet", moneyJson(result.totalMinor, result.currency));
    invoice->set("totalGross", moneyJson(result.totalMinor, result.currency));
    store.save(invoice);
    return result;
  }

  // Diagnoses: the encounter's own list, then conditions recorded against it.
  std::vector<std::string> conditions;
  if (Array::Ptr diagnoses = encounter->getArray("diagnosis"))
    for (std::size_t i = 0; i < diagnoses->size(); ++i)
      if (auto ref = referenceAt(diagnoses->getObject(static_cast<unsigned>(i)), "condition"); !ref.empty())
        conditions.push_back(ref);
  for (const auto& id : store.referencing("Condition", "encounter", encounterRef))
    if (std::find(conditions.begin(), conditions.end(), "Condition/" + id) == conditions.end())
      conditions.push_back("Condition/" + id);

  // The provider: the first participant that is a group practitioner, else the first participant.
  std::string provider;
  if (Array::Ptr participants = encounter->getArray("participant")) {
    for (std::size_t i = 0; i < participants->size(); ++i) {
      const std::string ref = referenceAt(participants->getObject(static_cast<unsigned>(i)), "individual");
      if (ref.rfind("Practitioner/", 0) != 0) continue;
      Object::Ptr practitioner = store.load(ref);
      bool group = false;
      if (practitioner)
        for (const auto& id : ResourceRepository::identifiersOf(practitioner))
          group = group || id.system == kit::profile::kGroupPractitionerSystem;
      if (group || provider.empty()) provider = ref;
      if (group) break;
    }
  }
  if (provider.empty()) provider = referenceAt(encounter, "serviceProvider");
  if (provider.empty()) throw ClaimBuildError(encounterRef + " names no practitioner or provider to bill as");

  const bool inpatient = [&] {
    Object::Ptr cls = encounter->getObject("class");
    return cls && cls->optValue<std::string>("code", "") == "IMP";
  }();

  // The primary insurer's guarantee of payment for this person, if one holds on the service date: the claim
  // names its pre-authorisation, and a total over the guarantee holds the claim for review before it is sent.
  std::optional<Guarantee> guarantee = findGuarantee(db_, s, store.samePerson(patientRef, patient), payers.front().insurer,
                                                     encounterId, serviceDate, result.currency);
  const bool overGuarantee = guarantee && result.totalMinor > guarantee->amount;

  std::vector<std::string> claimIds;
  for (std::size_t p = 0; p < payers.size(); ++p) claimIds.push_back(newId());
  for (std::size_t p = 0; p < payers.size(); ++p) {
    Object::Ptr claim = jsonObject();
    claim->set("resourceType", std::string("Claim"));
    claim->set("id", claimIds[p]);
    Array::Ptr identifiers = new Array;
    Object::Ptr identifier = jsonObject();
    identifier->set("system", std::string(kit::profile::kClaimSystem));
    identifier->set("value", claimIds[p]);
    identifiers->add(identifier);
    claim->set("identifier", identifiers);
    claim->set("status", std::string("active"));
    claim->set("type", codeableConcept("http://terminology.hl7.org/CodeSystem/claim-type", inpatient ? "institutional" : "professional"));
    claim->set("use", std::string("claim"));
    claim->set("patient", referenceTo(patientRef));
    if (period) claim->set("billablePeriod", period);
    claim->set("created", at);
    claim->set("insurer", referenceTo(payers[p].insurerOrg));
    claim->set("provider", referenceTo(provider));
    claim->set("priority", codeableConcept("http://terminology.hl7.org/CodeSystem/processpriority", "normal"));
    if (std::string facility = referenceAt(encounter, "serviceProvider"); !facility.empty()) {
      Object::Ptr extension = jsonObject();
      extension->set("url", std::string(kit::profile::kExtensionBase) + "facility-organization");
      extension->set("valueReference", referenceTo(facility));
      Array::Ptr extensions = new Array;
      extensions->add(extension);
      claim->set("extension", extensions);
    }
    Array::Ptr insurance = new Array;
    for (std::size_t q = 0; q < payers.size(); ++q) {
      Object::Ptr entry = jsonObject();
      entry->set("sequence", static_cast<int>(q + 1));
      entry->set("focal", q == p);
      entry->set("coverage", referenceTo("Coverage/" + payers[q].coverage));
      if (q == 0 && guarantee && !guarantee->reference.empty()) {
        Array::Ptr references = new Array;
        references->add(guarantee->reference);
        entry->set("preAuthRef", references);
      }
      insurance->add(entry);
    }
    claim->set("insurance", insurance);
    if (!conditions.empty()) {
      Array::Ptr diagnosis = new Array;
      for (std::size_t i = 0; i < conditions.size(); ++i) {
        Object::Ptr entry = jsonObject();
        entry->set("sequence", static_cast<int>(i + 1));
        entry->set("diagnosisReference", referenceTo(conditions[i]));
        diagnosis->add(entry);
      }
      claim->set("diagnosis", diagnosis);
    }
    Array::Ptr lines = new Array;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const PricedItem& item = items[i];
      Object::Ptr line = jsonObject();
      line->set("sequence", static_cast<int>(i + 1));
      if (!conditions.empty()) {
        Array::Ptr pointers = new Array;
        for (std::size_t d = 0; d < conditions.size() && d < 4; ++d) pointers->add(static_cast<int>(d + 1));
        line->set("diagnosisSequence", pointers);
      }
      Object::Ptr code = item.charge->getObject("code");
      line->set("productOrService", code ? code : codeableConcept(kit::profile::kChargeSystem, "unspecified"));
      line->set("servicedDate", item.date);
      if (Object::Ptr quantity = item.charge->getObject("quantity")) line->set("quantity", quantity);
      line->set("net", moneyJson(item.amount, item.currency));
      Array::Ptr encounters = new Array;
      encounters->add(referenceTo(encounterRef));
      line->set("encounter", encounters);
      Object::Ptr split = jsonObject();
      split->set("url", std::string(kit::profile::kExtensionBase) + "revenue-share");
      Array::Ptr parts = new Array;
      for (auto [party, minor] : {std::pair{"group", item.group}, std::pair{"hospital", item.amount - item.group}}) {
        Object::Ptr part = jsonObject();
        part->set("url", std::string(party));
        part->set("valueMoney", moneyJson(minor, item.currency));
        parts->add(part);
      }
      Object::Ptr category = jsonObject();
      category->set("url", std::string("category"));
      category->set("valueString", item.category);
      parts->add(category);
      split->set("extension", parts);
      Array::Ptr lineExtensions = new Array;
      lineExtensions->add(split);
      line->set("extension", lineExtensions);
      lines->add(line);
    }
    claim->set("item", lines);
    claim->set("total", moneyJson(result.totalMinor, result.currency));
    store.save(claim);

    // Its state: the primary is offered at once; a secondary waits for the primary's remittance.
    std::string id = claimIds[p], insurer = payers[p].insurer, hospitalKey = hospital->id, encounterKey = encounterId,
                patientKey = idOf(patientRef), coverage = payers[p].coverage, currency = result.currency;
    std::string status = p != 0 ? "held" : overGuarantee ? "over_guarantee" : "built";
    int sequence = static_cast<int>(p + 1);
    Poco::Int64 total = result.totalMinor;
    std::string timestamp = at;
    Poco::Nullable<std::string> preauthorization;
    if (p == 0 && guarantee) preauthorization = guarantee->claimId;
    s << db_.sql("INSERT INTO claim (id, insurer, hospital, encounter_id, patient_id, coverage_id, sequence, status, "
                 "total_minor, currency, created_at, updated_at, preauthorization_id) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(id), use(insurer), use(hospitalKey), use(encounterKey), use(patientKey), use(coverage), use(sequence),
        use(status), use(total), use(currency), use(timestamp), use(timestamp), use(preauthorization), now;
    std::string detail = p == 0 ? "primary" : "secondary, waiting for the primary's remittance";
    if (p == 0 && guarantee) detail += "; pre-authorisation " + guarantee->reference + " (Claim/" + guarantee->claimId + ")";
    if (p == 0 && overGuarantee)
      detail += ": held, the total " + fromMinorUnits(result.totalMinor, result.currency) + " " + result.currency +
                " is over the guarantee of payment " + fromMinorUnits(guarantee->amount, result.currency) + " " +
                result.currency + "; POST /v1/admin/claims/" + id + "/release sends it";
    s << db_.sql("INSERT INTO claim_event (claim_id, state, at, detail) VALUES (?, ?, ?, ?)"), use(id), use(status),
        use(timestamp), use(detail), now;
    if (p == 0 && !overGuarantee) {
      std::string ready = "ready";
      s << db_.sql("INSERT INTO claim_outbox (insurer, claim_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"),
          use(insurer), use(id), use(ready), use(timestamp), use(timestamp), now;
    }
    result.claims.push_back(id);
  }
  for (const auto& item : items) recordItem(item, claimIds.front(), "insurer", payers.front().insurer);
  return result;
}

}  // namespace gw
