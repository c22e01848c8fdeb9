// FinancialMapping.cpp: GT1 to RelatedPerson (guarantor), IN1 to Coverage with its payer
// Organization, FT1 to ChargeItem (HL7 v2-to-FHIR GT1[RelatedPerson], IN1[Coverage], FT1).
#include "CodeTables.hpp"
#include "Datatypes.hpp"

#include <gw/kit/Profile.hpp>
#include "SegmentMappers.hpp"

namespace gw::hl7v2 {

namespace {

// Table 0063 (relationship) to the FHIR subscriber-relationship codes Coverage uses.
std::string subscriberRelationship(const std::string& code) {
  if (code == "SEL" || code == "01" || code == "18") return "self";
  if (code == "SPO" || code == "02") return "spouse";
  if (code == "CHD" || code == "19" || code == "03") return "child";
  if (code == "PAR" || code == "FTH" || code == "MTH") return "parent";
  if (code == "DOM") return "common";
  return code.empty() ? "" : "other";
}

Json relationshipConcept(const MappingContext& ctx, const Repetition& rel) {
  if (!rel.text(3).empty()) return codeableConcept(ctx, rel);
  return codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0063", rel.text(1), rel.text(2));
}

std::string addPayer(MappingContext& ctx, const Segment& in1) {
  Json org = Json::object();
  org.set("resourceType", "Organization");
  Json ids = Json::array();
  std::string conditional;
  for (std::size_t r = 0; r < in1.repetitionCount(3); ++r) {
    Json id = identifierFromCx(ctx, in1.repetition(3, r), "NIIP");
    if (conditional.empty() && !id.isEmpty())
      conditional = "Organization?identifier=" + encodeQueryValue(id.get("system")->text()) + "|" +
                    encodeQueryValue(id.get("value")->text());
    ids.push(std::move(id));
  }
  org.set("identifier", ids);
  org.set("name", in1.text(4));
  Json types = Json::array();
  types.push(codeableConceptOf("http://terminology.hl7.org/CodeSystem/organization-type", "ins", "Insurance Company"));
  org.set("type", types);
  org.set("address", Json::array().push(address(in1.repetition(5))));
  if (!org.get("identifier") && !org.get("name")) return "";
  std::string key = conditional.empty() ? ctx.nextKey("Organization/payer") : "Organization/" + conditional;
  return ctx.bundle.add(key, std::move(org), conditional);
}

}  // namespace

void mapGt1(MappingContext& ctx, const Segment& gt1) {
  if (ctx.patientUrl.empty() || gt1.text(3).empty()) return;
  Json person = Json::object();
  person.set("resourceType", "RelatedPerson");
  person.set("identifier", eachRepetition(gt1, 2, [&](const Repetition& r) { return identifierFromCx(ctx, r, "GT"); }));
  person.set("patient", referenceTo(ctx.patientUrl));
  Json relationships = Json::array();
  relationships.push(codeableConceptOf("http://terminology.hl7.org/CodeSystem/v3-RoleClass", "GUAR", "guarantor"));
  if (!gt1.text(11).empty()) relationships.push(relationshipConcept(ctx, gt1.repetition(11)));
  person.set("relationship", relationships);
  person.set("name", eachRepetition(gt1, 3, [](const Repetition& r) { return humanName(r); }));
  person.set("telecom", telecomOf(gt1, 6, 7));
  person.set("gender", administrativeGender(ctx, gt1, 9));
  person.set("birthDate", dateOf(ctx, gt1, 8));
  person.set("address", eachRepetition(gt1, 5, [](const Repetition& r) { return address(r); }));
  ctx.bundle.add(ctx.nextKey("RelatedPerson"), std::move(person));
}

void mapIn1(MappingContext& ctx, const Segment& in1) {
  bool valued = false;
  for (const auto& f : in1.fields) valued = valued || !f.isEmpty();
  if (!valued || ctx.patientUrl.empty()) return;
  std::string payer = addPayer(ctx, in1);
  if (payer.empty()) return;  // Coverage needs a payer
  Json coverage = Json::object();
  coverage.set("resourceType", "Coverage");
  if (!in1.text(36).empty()) {
    Json policy = Json::object();
    policy.set("type", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0203", "SN", "Subscriber Number"));
    policy.set("system", kit::profile::partnerSystem(ctx.options.partnerId, "policy"));
    policy.set("value", in1.text(36));
    coverage.append("identifier", policy);
  }
  coverage.set("status", "active");
  if (!in1.text(15).empty())
    coverage.set("type", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0086", in1.text(15), in1.text(15, 2)));
  std::string relationship = subscriberRelationship(tableCode(ctx, in1, 17, table::kRelationship));
  if (relationship == "self" || relationship.empty()) {
    coverage.set("policyHolder", referenceTo(ctx.patientUrl));
    coverage.set("subscriber", referenceTo(ctx.patientUrl));
  } else if (!in1.text(16).empty()) {
    // The insured is another family member (a family plan): a RelatedPerson of the patient.
    Json insured = Json::object();
    insured.set("resourceType", "RelatedPerson");
    insured.set("patient", referenceTo(ctx.patientUrl));
    insured.append("relationship", relationshipConcept(ctx, in1.repetition(17)));
    insured.append("name", humanName(in1.repetition(16)));
    insured.set("birthDate", dateOf(ctx, in1, 18));
    insured.append("address", address(in1.repetition(19)));
    std::string insuredUrl = ctx.bundle.add(ctx.nextKey("RelatedPerson/insured"), std::move(insured));
    coverage.set("policyHolder", referenceTo(insuredUrl));
    coverage.set("subscriber", referenceTo(insuredUrl));
  }
  coverage.set("subscriberId", in1.text(36).empty() ? in1.text(49) : in1.text(36));
  coverage.set("beneficiary", referenceTo(ctx.patientUrl));
  if (!relationship.empty())
    coverage.set("relationship", codeableConceptOf("http://terminology.hl7.org/CodeSystem/subscriber-relationship",
                                                   relationship));
  Json period = Json::object();
  period.set("start", dateOf(ctx, in1, 12));
  period.set("end", dateOf(ctx, in1, 13));
  coverage.set("period", period);
  coverage.append("payor", referenceTo(payer, in1.text(4)));
  auto addClass = [&](const char* type, const std::string& value, const std::string& name) {
    if (value.empty()) return;
    Json c = Json::object();
    c.set("type", codeableConceptOf("http://terminology.hl7.org/CodeSystem/coverage-class", type));
    c.set("value", value);
    c.set("name", name);
    coverage.append("class", c);
  };
  addClass("plan", in1.text(2), in1.text(2, 2));
  addClass("group", in1.text(8), in1.text(9, 1));
  // Coverage order: IN1-22 (coordination of benefits priority) when numeric, else the set id.
  std::string order = positiveInt(in1.text(22));
  if (order.empty()) order = positiveInt(in1.text(1));
  if (!order.empty()) coverage.set("order", Json::number(order));
  ctx.bundle.add(ctx.nextKey("Coverage"), std::move(coverage));
}

void mapFt1(MappingContext& ctx, const Segment& ft1) {
  if (ctx.patientUrl.empty()) return;
  Json charge = Json::object();
  charge.set("resourceType", "ChargeItem");
  if (!ft1.text(2).empty()) {
    Json id = Json::object();
    id.set("system", kit::profile::partnerSystem(ctx.options.partnerId, "transaction"));
    id.set("value", ft1.text(2));
    charge.append("identifier", id);
  }
  charge.set("status", "billable");
  Json code = codeableConcept(ctx, ft1.repetition(7));
  if (code.isEmpty()) code = codeableConcept(ctx, ft1.repetition(25));
  if (code.isEmpty()) code.set("text", ft1.text(6).empty() ? "charge" : ft1.text(6));
  charge.set("code", code);
  charge.set("subject", referenceTo(ctx.patientUrl));
  if (!ctx.encounterUrl.empty()) charge.set("context", referenceTo(ctx.encounterUrl));
  std::string when = dateTimeOf(ctx, ft1, 4);
  charge.set("occurrenceDateTime", when);
  for (std::size_t r = 0; r < ft1.repetitionCount(20); ++r) {
    std::string url = practitionerFromXcn(ctx, ft1.repetition(20, r));
    if (url.empty()) continue;
    Json performer = Json::object();
    performer.set("actor", referenceTo(url));
    charge.append("performer", performer);
  }
  if (!ft1.text(13).empty() || !ft1.text(13, 2).empty()) {
    Json department = Json::object();
    department.set("display", ft1.text(13, 2).empty() ? ft1.text(13) : ft1.text(13, 2));
    charge.set("costCenter", department);
  }
  if (!ft1.text(10).empty()) {
    Json quantity = Json::object();
    quantity.set("value", Json::number(decimal(ft1.text(10), "FT1-10")));
    charge.set("quantity", quantity);
  }
  // CP: component 1 is MO (amount & currency as subcomponents).
  const Repetition& extended = ft1.repetition(11);
  charge.set("priceOverride", money(extended.text(1, 1), extended.text(1, 2).empty() ? ctx.options.currency
                                                                                     : extended.text(1, 2), "FT1-11"));
  const Repetition& unit = ft1.repetition(12);
  Json unitPrice = money(unit.text(1, 1), unit.text(1, 2).empty() ? ctx.options.currency : unit.text(1, 2), "FT1-12");
  if (!unitPrice.isEmpty()) {
    Json ext = Json::object();
    ext.set("url", std::string(kit::profile::kExtensionBase) + "unit-price");
    ext.set("valueMoney", unitPrice);
    charge.append("extension", ext);
  }
  for (std::size_t r = 0; r < ft1.repetitionCount(19); ++r)
    charge.append("reason", codeableConcept(ctx, ft1.repetition(19, r)));
  if (!ft1.text(25).empty() && !ft1.text(7).empty()) {
    Json ext = Json::object();
    ext.set("url", std::string(kit::profile::kExtensionBase) + "procedure-code");
    ext.set("valueCodeableConcept", codeableConcept(ctx, ft1.repetition(25)));
    charge.append("extension", ext);
  }
  ctx.bundle.add(ctx.nextKey("ChargeItem"), std::move(charge));
}

}  // namespace gw::hl7v2
