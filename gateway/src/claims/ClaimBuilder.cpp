#include "claims/ClaimBuilder.hpp"

#include <gw/kit/Profile.hpp>

#include <Poco/DateTime.h>
#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cctype>

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

bool covers(const std::string& from, const std::string& to, const std::string& date) {
  return (from.empty() || from.substr(0, 10) <= date) && (to.empty() || date <= to.substr(0, 10));
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

Object::Ptr coding(const std::string& system, const std::string& code) {
  Object::Ptr c = jsonObject();
  c->set("system", system);
  c->set("code", code);
  Array::Ptr codings = new Array;
  codings->add(c);
  Object::Ptr concept = jsonObject();
  concept->set("coding", codings);
  return concept;
}

// What the builder knows about one loaded resource.
class Store {
 public:
  Store(Database& db, Poco::Data::Session& s) : repo_(db), s_(s) {}
  Object::Ptr load(const std::string& type, const std::string& id) {
    auto stored = repo_.current(s_, type, id);
    return stored ? parseJsonObject(stored->body, type + "/" + id) : nullptr;
  }
  Object::Ptr load(const std::string& reference) {
    auto slash = reference.find('/');
    if (slash == std::string::npos) return nullptr;
    return load(reference.substr(0, slash), reference.substr(slash + 1));
  }
  std::vector<std::string> referencing(const std::string& type, const std::string& path, const std::string& target) {
    return repo_.findReferencing(s_, type, path, target);
  }
  std::optional<std::string> byIdentifier(const std::string& type, const std::string& system, const std::string& value) {
    return repo_.findByIdentifier(s_, type, system, value);
  }
  // "Patient/…" of every hospital's record of the person `patient` is (the same group patient id).
  std::vector<std::string> samePerson(const std::string& patientRef, const Object::Ptr& patient) {
    std::vector<std::string> refs{patientRef};
    for (const auto& identifier : ResourceRepository::identifiersOf(patient))
      if (identifier.system == kit::profile::kGroupPatientSystem)
        for (const auto& id : repo_.findAllByIdentifier(s_, "Patient", identifier.system, identifier.value))
          if ("Patient/" + id != patientRef) refs.push_back("Patient/" + id);
    return refs;
  }
  void save(const Object::Ptr& resource) { repo_.save(s_, resource, 0); }

 private:
  ResourceRepository repo_;
  Poco::Data::Session& s_;
};

struct Payer {
  std::string insurer;         // configured insurer id
  std::string coverage;        // Coverage id
  std::string insurerOrg;      // Organization reference used as Claim.insurer
  int order = 1;
};

const PartnerConfig* insurerFor(const GatewayConfig& config, const Object::Ptr& organization) {
  if (!organization) return nullptr;
  const auto identifiers = ResourceRepository::identifiersOf(organization);
  const std::string name = lower(organization->optValue<std::string>("name", ""));
  for (const auto& insurer : config.insurers) {
    for (const auto& token : insurer.payer.identifiers)
      for (const auto& id : identifiers)
        if (id.system == token.system && id.value == token.value) return &insurer;
    for (const auto& candidate : insurer.payer.names)
      if (!name.empty() && lower(candidate) == name) return &insurer;
  }
  return nullptr;
}

// The patient's own active coverages on `date` whose payer is a configured insurer, by order: those
// any hospital recorded for the same person.
std::vector<Payer> ownCoverage(Store& store, const GatewayConfig& config, const std::string& patientRef,
                               const Object::Ptr& patient, const std::string& date) {
  std::vector<Payer> payers;
  std::vector<std::string> coverageIds;
  for (const auto& ref : store.samePerson(patientRef, patient))
    for (const auto& id : store.referencing("Coverage", "beneficiary", ref)) coverageIds.push_back(id);
  for (const auto& id : coverageIds) {
    Object::Ptr coverage = store.load("Coverage", id);
    if (!coverage || coverage->optValue<std::string>("status", "") != "active") continue;
    Object::Ptr period = coverage->getObject("period");
    if (period && !covers(period->optValue<std::string>("start", ""), period->optValue<std::string>("end", ""), date))
      continue;
    Array::Ptr payors = coverage->getArray("payor");
    if (!payors || payors->size() == 0) continue;
    const std::string payorRef = payors->getObject(0)->optValue<std::string>("reference", "");
    const PartnerConfig* insurer = insurerFor(config, store.load(payorRef));
    if (!insurer) continue;
    payers.push_back({insurer->id, id, payorRef, coverage->optValue<int>("order", 1)});
  }
  std::stable_sort(payers.begin(), payers.end(), [](const Payer& a, const Payer& b) { return a.order < b.order; });
  return payers;
}

// The group's Organization for a configured insurer (created once).
std::string insurerOrganization(Store& store, const PartnerConfig& insurer) {
  const std::string system = kit::profile::kInsurerSystem;
  if (auto id = store.byIdentifier("Organization", system, insurer.id)) return "Organization/" + *id;
  Object::Ptr org = jsonObject();
  org->set("resourceType", std::string("Organization"));
  org->set("id", "insurer-" + insurer.id);
  Object::Ptr identifier = jsonObject();
  identifier->set("system", system);
  identifier->set("value", insurer.id);
  Array::Ptr identifiers = new Array;
  identifiers->add(identifier);
  org->set("identifier", identifiers);
  Array::Ptr types = new Array;
  types->add(coding("http://terminology.hl7.org/CodeSystem/organization-type", "ins"));
  org->set("type", types);
  org->set("name", insurer.name.empty() ? insurer.id : insurer.name);
  store.save(org);
  return "Organization/insurer-" + insurer.id;
}

// A family plan listing the patient as a dependant: its Coverage, made (once) from the membership.
std::vector<Payer> familyCoverage(Store& store, const GatewayConfig& config, const Object::Ptr& patient,
                                  const std::string& patientRef, const std::string& date) {
  const auto identifiers = ResourceRepository::identifiersOf(patient);
  for (const auto& plan : config.memberships) {
    if (!covers(plan.from, plan.to, date)) continue;
    for (const auto& member : plan.members) {
      bool listed = false;
      for (const auto& id : identifiers)
        listed = listed || (id.system == member.identifier.system && id.value == member.identifier.value);
      if (!listed) continue;
      const PartnerConfig* insurer = config.insurer(plan.insurer);
      if (!insurer) continue;
      const std::string orgRef = insurerOrganization(store, *insurer);
      const std::string key = plan.plan + "|" + member.identifier.system + "|" + member.identifier.value;
      const std::string id = store.byIdentifier("Coverage", kit::profile::kMembershipSystem, key).value_or(newId());
      Object::Ptr coverage = jsonObject();
      coverage->set("resourceType", std::string("Coverage"));
      coverage->set("id", id);
      Array::Ptr ids = new Array;
      Object::Ptr membership = jsonObject();
      membership->set("system", std::string(kit::profile::kMembershipSystem));
      membership->set("value", key);
      ids->add(membership);
      coverage->set("identifier", ids);
      coverage->set("status", std::string("active"));
      if (auto subscriber = store.byIdentifier("Patient", plan.subscriber.system, plan.subscriber.value)) {
        coverage->set("policyHolder", referenceTo("Patient/" + *subscriber));
        coverage->set("subscriber", referenceTo("Patient/" + *subscriber));
      }
      coverage->set("subscriberId", plan.subscriber.value);
      coverage->set("beneficiary", referenceTo(patientRef));
      coverage->set("dependent", plan.policy);
      coverage->set("relationship", coding("http://terminology.hl7.org/CodeSystem/subscriber-relationship",
                                           member.relationship));
      Object::Ptr period = jsonObject();
      period->set("start", plan.from);
      if (!plan.to.empty()) period->set("end", plan.to);
      coverage->set("period", period);
      Array::Ptr payors = new Array;
      payors->add(referenceTo(orgRef));
      coverage->set("payor", payors);
      Object::Ptr planClass = jsonObject();
      planClass->set("type", coding("http://terminology.hl7.org/CodeSystem/coverage-class", "plan"));
      planClass->set("value", plan.plan);
      Array::Ptr classes = new Array;
      classes->add(planClass);
      coverage->set("class", classes);
      store.save(coverage);
      return {{insurer->id, id, orgRef, 1}};
    }
  }
  return {};
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
  Store store(db_, s);
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

  std::vector<Payer> payers = ownCoverage(store, config, patientRef, patient, serviceDate);
  result.coverage = "own";
  if (payers.empty()) {
    payers = familyCoverage(store, config, patient, patientRef, serviceDate);
    result.coverage = "family";
  }
  if (payers.size() > 2) payers.resize(2);  // primary and secondary
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
    claim->set("type", coding("http://terminology.hl7.org/CodeSystem/claim-type", inpatient ? "institutional" : "professional"));
    claim->set("use", std::string("claim"));
    claim->set("patient", referenceTo(patientRef));
    if (period) claim->set("billablePeriod", period);
    claim->set("created", at);
    claim->set("insurer", referenceTo(payers[p].insurerOrg));
    claim->set("provider", referenceTo(provider));
    claim->set("priority", coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal"));
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
      line->set("productOrService", code ? code : coding(kit::profile::kChargeSystem, "unspecified"));
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
    std::string status = p == 0 ? "built" : "held";
    int sequence = static_cast<int>(p + 1);
    Poco::Int64 total = result.totalMinor;
    std::string timestamp = at;
    s << db_.sql("INSERT INTO claim (id, insurer, hospital, encounter_id, patient_id, coverage_id, sequence, status, "
                 "total_minor, currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(id), use(insurer), use(hospitalKey), use(encounterKey), use(patientKey), use(coverage), use(sequence),
        use(status), use(total), use(currency), use(timestamp), use(timestamp), now;
    std::string detail = p == 0 ? "primary" : "secondary, waiting for the primary's remittance";
    s << db_.sql("INSERT INTO claim_event (claim_id, state, at, detail) VALUES (?, ?, ?, ?)"), use(id), use(status),
        use(timestamp), use(detail), now;
    if (p == 0) {
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
