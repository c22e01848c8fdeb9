// OrderMapping.cpp: OBR (and its ORC) to DiagnosticReport for results (ORU^R01, HL7 v2-to-FHIR
// OBR[DiagnosticReport]) and to ServiceRequest for orders (ORM^O01, ORC/OBR[ServiceRequest]).
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

// Table 0119 order control to ServiceRequest.status.
std::string requestStatus(const std::string& control) {
  if (control == "CA" || control == "DC" || control == "OC" || control == "CR") return "revoked";
  if (control == "HD") return "on-hold";
  if (control == "NW" || control == "XO" || control == "SC" || control == "RP" || control == "RE") return "active";
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

void mapObr(MappingContext& ctx, const Segment& obr, const Segment* orc) {
  ctx.reportKey.clear();
  if (ctx.event == "ORU^R01") {
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
  } else if (ctx.event == "ORM^O01" && !ctx.patientUrl.empty()) {
    Json request = Json::object();
    request.set("resourceType", "ServiceRequest");
    request.set("identifier", orderIdentifiers(ctx, obr, orc));
    request.set("status", requestStatus(orc ? orc->text(1) : ""));
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
