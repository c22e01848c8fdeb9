// OrderMapping.cpp: OBR (and its ORC) to DiagnosticReport for results (ORU, OUL; HL7 v2-to-FHIR
// OBR[DiagnosticReport]) and to ServiceRequest for orders and their acknowledgements (ORM, OML, ORL;
// ORC/OBR[ServiceRequest]).
#include "Datatypes.hpp"
#include "SegmentMappers.hpp"

namespace gw::hl7v2 {

namespace {

// Table 0123 result status to DiagnosticReport.status.
std::string reportStatus(const std::string& code) {
  if (code == "F") return "final";
  if (code == "C") return "corrected";
  if (code == "P") return "preliminary";
  if (code == "X") return "cancelled";
  if (code == "A" || code == "R") return "partial";
  if (code == "O" || code == "I" || code == "S") return "registered";
  return "unknown";
}

// ORC-5 (table 0038 order status) to ServiceRequest.status; "" when it does not settle one.
std::string orderStatus(const std::string& status) {
  if (status == "CM") return "completed";
  if (status == "CA" || status == "DC" || status == "RP") return "revoked";
  if (status == "ER") return "entered-in-error";
  if (status == "HD") return "on-hold";
  if (status == "A" || status == "IP" || status == "SC") return "active";
  return "";
}

// ServiceRequest.status. An order says what is asked (ORC-1, table 0119 order control); the filler's answer
// (ORL) says where the order stands (ORC-5), else whether it was accepted (OK) or could not be (UA, UC, …).
std::string requestStatus(const std::string& event, const Segment* orc) {
  if (!orc) return "unknown";
  if (event.rfind("ORL^", 0) == 0 && !orderStatus(orc->text(5)).empty()) return orderStatus(orc->text(5));
  const std::string& control = orc->text(1);
  if (control == "CA" || control == "DC" || control == "OC" || control == "CR" || control == "DR" || control == "OD")
    return "revoked";
  if (control.size() == 2 && control[0] == 'U') return "revoked";  // UA, UC, UD, …: unable to do as asked
  if (control == "HD" || control == "OH") return "on-hold";
  if (control == "NW" || control == "XO" || control == "SC" || control == "RP" || control == "RE" || control == "OK" ||
      control == "OR" || control == "XR" || control == "SN" || control == "NA")
    return "active";
  return "unknown";
}

Json orderIdentifiers(const MappingContext& ctx, const Segment& obr, const Segment* orc) {
  Json ids = Json::array();
  const Repetition& placer = obr.text(2).empty() && orc ? orc->repetition(2) : obr.repetition(2);
  const Repetition& filler = obr.text(3).empty() && orc ? orc->repetition(3) : obr.repetition(3);
  Json p = identifierFromEi(ctx, placer, "placer-order");
  if (!p.isEmpty()) p.set("type", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0203", "PLAC"));
  ids.push(p);
  Json f = identifierFromEi(ctx, filler, "filler-order");
  if (!f.isEmpty()) f.set("type", codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0203", "FILL"));
  ids.push(f);
  return ids;
}

Json orderCode(const MappingContext& ctx, const Segment& obr) {
  Json code = codeableConcept(ctx, obr.repetition(4));
  if (code.isEmpty()) code.set("text", "order without OBR-4 code");
  return code;
}

}  // namespace

bool isResultEvent(const std::string& event) { return event.rfind("ORU^", 0) == 0 || event.rfind("OUL^", 0) == 0; }

bool isOrderEvent(const std::string& event) {
  return event.rfind("ORM^", 0) == 0 || event.rfind("OML^", 0) == 0 || event.rfind("ORL^", 0) == 0;
}

void mapObr(MappingContext& ctx, const Segment& obr, const Segment* orc) {
  ctx.reportKey.clear();
  if (isResultEvent(ctx.event)) {
    Json report = Json::object();
    report.set("resourceType", "DiagnosticReport");
    report.set("identifier", orderIdentifiers(ctx, obr, orc));
    report.set("status", reportStatus(obr.text(25)));
    report.set("code", orderCode(ctx, obr));
    if (!ctx.patientUrl.empty()) report.set("subject", referenceTo(ctx.patientUrl));
    if (!ctx.encounterUrl.empty()) report.set("encounter", referenceTo(ctx.encounterUrl));
    report.set("effectiveDateTime", dateTimeOf(ctx, obr, 7));
    report.set("issued", instantOfText(ctx, obr.text(22), "OBR-22"));
    ctx.reportKey = ctx.nextKey("DiagnosticReport");
    ctx.bundle.add(ctx.reportKey, std::move(report));
  } else if (isOrderEvent(ctx.event) && !ctx.patientUrl.empty()) {
    Json request = Json::object();
    request.set("resourceType", "ServiceRequest");
    request.set("identifier", orderIdentifiers(ctx, obr, orc));
    request.set("status", requestStatus(ctx.event, orc));
    request.set("intent", "order");
    request.set("code", orderCode(ctx, obr));
    request.set("subject", referenceTo(ctx.patientUrl));
    if (!ctx.encounterUrl.empty()) request.set("encounter", referenceTo(ctx.encounterUrl));
    if (orc) request.set("authoredOn", dateTimeOf(ctx, *orc, 9));
    const Repetition& orderedBy = orc && !orc->text(12).empty() ? orc->repetition(12) : obr.repetition(16);
    std::string requester = practitionerFromXcn(ctx, orderedBy);
    if (!requester.empty()) request.set("requester", referenceTo(requester));
    ctx.bundle.add(ctx.nextKey("ServiceRequest"), std::move(request));
  }
}

}  // namespace gw::hl7v2
