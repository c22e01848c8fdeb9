#include "claims/Coverage.hpp"

#include <gw/kit/Profile.hpp>

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cctype>

#include "common/StoreValues.hpp"

namespace gw {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

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
std::vector<Payer> ownCoverage(ClaimStore& store, const GatewayConfig& config, const std::string& patientRef,
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
std::string insurerOrganization(ClaimStore& store, const PartnerConfig& insurer) {
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
  types->add(codeableConcept("http://terminology.hl7.org/CodeSystem/organization-type", "ins"));
  org->set("type", types);
  org->set("name", insurer.name.empty() ? insurer.id : insurer.name);
  store.save(org);
  return "Organization/insurer-" + insurer.id;
}

// A family plan listing the patient as a dependant: its Coverage, made (once) from the membership.
std::vector<Payer> familyCoverage(ClaimStore& store, const GatewayConfig& config, const Object::Ptr& patient,
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
      coverage->set("relationship", codeableConcept("http://terminology.hl7.org/CodeSystem/subscriber-relationship",
                                           member.relationship));
      Object::Ptr period = jsonObject();
      period->set("start", plan.from);
      if (!plan.to.empty()) period->set("end", plan.to);
      coverage->set("period", period);
      Array::Ptr payors = new Array;
      payors->add(referenceTo(orgRef));
      coverage->set("payor", payors);
      Object::Ptr planClass = jsonObject();
      planClass->set("type", codeableConcept("http://terminology.hl7.org/CodeSystem/coverage-class", "plan"));
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

}  // namespace

bool covers(const std::string& from, const std::string& to, const std::string& date) {
  return (from.empty() || from.substr(0, 10) <= date) && (to.empty() || date <= to.substr(0, 10));
}

Payers payersOn(ClaimStore& store, const GatewayConfig& config, const std::string& patientRef,
                const Object::Ptr& patient, const std::string& date) {
  Payers found{ownCoverage(store, config, patientRef, patient, date), "own"};
  if (found.payers.empty()) found = {familyCoverage(store, config, patient, patientRef, date), "family"};
  if (found.payers.empty()) found.source = "self-pay";
  if (found.payers.size() > 2) found.payers.resize(2);  // primary and secondary
  return found;
}

}  // namespace gw
