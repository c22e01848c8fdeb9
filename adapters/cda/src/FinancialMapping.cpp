// FinancialMapping.cpp: money and insurance: every fee item (an MO value: 住院病案首页 fee categories,
// 处方药品金额) becomes a ChargeItem in its own currency (元 = CNY) on the Encounter; the front page's
// total (住院总费用) and self-paid amount (自付金额) are Encounter extensions; 医疗保险类别 /
// 医疗付费方式 and C-CDA policy activities become Coverage.
#include "MappingContext.hpp"

#include <gw/kit/Profile.hpp>

#include <map>

namespace gw::cda {

namespace {

using kit::referenceTo;

const char* const kTotalCharge = "HDSD00.11.142";  // 住院总费用
const char* const kSelfPaid = "HDSD00.11.143";     // 住院总费用-自付金额

void addEncounterMoney(MappingContext& c, const char* name, Json money) {
  Json* encounter = c.bundle.find("Encounter");
  if (!encounter || money.isEmpty()) return;
  Json extension = Json::object();
  extension.set("url", std::string(kit::profile::kExtensionBase) + name);
  extension.set("valueMoney", money);
  encounter->append("extension", extension);
}

// A fee nested (entryRelationship COMP) in another fee is "of which" (西药费-抗菌药物费用 within 西药费):
// it becomes partOf that ChargeItem and not-billable, so that a sum over billable items counts it once.
void mapCharges(MappingContext& c) {
  std::map<Node, std::string> chargeUrls;
  for (Node o : descendants(c.kind.root, "observation")) {
    Node value = child(o, "value");
    if (xsiType(value) != "MO") continue;
    Node codeNode = child(o, "code");
    std::string code = attr(codeNode, "code");
    Json money = c.money(value);
    if (money.isEmpty()) continue;
    if (code == kTotalCharge) {
      addEncounterMoney(c, "total-charge", money);
      continue;
    }
    if (code == kSelfPaid) {
      addEncounterMoney(c, "patient-paid", money);
      continue;
    }
    Json item = Json::object();
    item.set("resourceType", "ChargeItem");
    Json identifier = Json::object();
    identifier.set("system", kit::profile::partnerSystem(c.options.partnerId, "charge"));
    identifier.set("value", c.kind.messageId + ":" + (code.empty() ? std::to_string(c.counter + 1) : code));
    item.append("identifier", identifier);
    // An "of which" amount is already inside its parent: not billable by itself (claims sum billable items).
    std::string parentUrl;
    for (Node outer = ancestor(o, "observation"); outer && parentUrl.empty(); outer = ancestor(outer, "observation"))
      if (auto it = chargeUrls.find(outer); it != chargeUrls.end()) parentUrl = it->second;
    item.set("status", parentUrl.empty() ? "billable" : "not-billable");
    if (!parentUrl.empty()) item.append("partOf", referenceTo(parentUrl));
    Json concept = c.concept(codeNode);
    concept.set("text", displayName(codeNode));
    item.set("code", concept);
    item.set("subject", referenceTo(c.patientUrl));
    if (!c.encounterUrl.empty()) item.set("context", referenceTo(c.encounterUrl));
    item.set("priceOverride", money);
    chargeUrls[o] = c.bundle.add(c.nextKey("ChargeItem"), item, MappingContext::conditional("ChargeItem", identifier));
  }
}

Json coverage(MappingContext& c, Json type) {
  Json resource = Json::object();
  resource.set("resourceType", "Coverage");
  resource.set("status", "active");
  resource.set("type", type);
  resource.set("beneficiary", referenceTo(c.patientUrl));
  return resource;
}

// C-CDA Policy Activity (2.16.840.1.113883.10.20.22.4.61): policy id, coverage type, payer, member.
void mapCcdaPolicies(MappingContext& c) {
  for (Node act : descendants(c.kind.root, "act")) {
    bool policy = false;
    for (Node t : children(act, "templateId"))
      if (attr(t, "root") == "2.16.840.1.113883.10.20.22.4.61") policy = true;
    if (!policy) continue;
    Json resource = coverage(c, c.concept(child(act, "code")));
    for (const V3Id& id : ids(act)) resource.append("identifier", c.identifier(id));
    for (Node participant : children(act, "participant")) {
      if (attr(participant, "typeCode") != "COV") continue;
      Node role = child(participant, "participantRole");
      for (const V3Id& id : ids(role))
        if (!id.extension.empty() && !isPlaceholder(id.extension)) resource.set("subscriberId", id.extension);
      resource.set("relationship", c.concept(child(role, "code")));
    }
    for (Node performer : children(act, "performer")) {
      Node org = path(performer, {"assignedEntity", "representedOrganization"});
      std::string name = text(child(org, "name"));
      if (name.empty()) continue;
      Json payor = Json::object();
      for (const V3Id& id : ids(path(performer, {"assignedEntity"}))) payor.set("identifier", c.identifier(id));
      payor.set("display", name);
      resource.append("payor", payor);
      break;  // the first performer is the payer; a second one is the guarantor
    }
    if (!resource.get("payor")) {
      Json unknown = Json::object();
      unknown.set("display", "unknown payer");
      resource.append("payor", unknown);
    }
    Json key;
    if (const Json* ids = resource.get("identifier")) key = ids->items().front();
    c.bundle.add(c.nextKey("Coverage"), resource, key.isEmpty() ? "" : MappingContext::conditional("Coverage", key));
  }
}

}  // namespace

void addCoverage(MappingContext& c, Node typeCode, const std::string& display) {
  Json type = c.concept(typeCode);
  if (type.isEmpty() && !display.empty()) type.set("text", display);
  if (type.isEmpty()) return;
  Json resource = coverage(c, type);
  // Chinese social insurance: the fund of the insurance type pays; name it by the type.
  std::string name = displayName(typeCode);
  if (name.empty()) name = display;
  Json payor = Json::object();
  payor.set("display", name.empty() ? "医疗保险" : name);
  resource.append("payor", payor);
  c.bundle.add(c.nextKey("Coverage"), resource);
}

void mapFinancialEntries(MappingContext& c) {
  mapCharges(c);
  if (c.kind.family == Family::CcdaDocument) {
    mapCcdaPolicies(c);
    return;
  }
  // WS/T 500 医疗付费方式 (DE07.00.007.00): a CD, often with only a displayName.
  for (Node o : descendants(c.kind.root, "observation")) {
    if (attr(child(o, "code"), "code") != "DE07.00.007.00") continue;
    Node value = child(o, "value");
    addCoverage(c, value, displayName(value));
  }
}

}  // namespace gw::cda
