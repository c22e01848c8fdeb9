// DocumentMapping.cpp: MDM^T01-T11 (TXA and the OBX after it) to a DocumentReference (HL7 v2-to-FHIR
// TXA[DocumentReference]): TXA gives the metadata, the OBX the content (text lines as one text/plain
// attachment, each ED value as its own attachment). T01, T03, T05, T07, T09 and T11 carry no content.
#include "CodeTables.hpp"
#include "Datatypes.hpp"
#include "EncapsulatedData.hpp"
#include "SegmentMappers.hpp"

#include <gw/kit/Text.hpp>

namespace gw::hl7v2 {

namespace {

// HL7 table 0271 (document completion status) to DocumentReference.docStatus.
std::string docStatus(const std::string& completion) {
  if (completion == "AU" || completion == "LA") return "final";
  if (completion == "CA") return "entered-in-error";
  return completion.empty() ? "" : "preliminary";
}

Json attachmentContent(Json attachment) {
  Json content = Json::object();
  content.set("attachment", std::move(attachment));
  return content;
}

void addAuthors(MappingContext& ctx, Json& document, const Segment& txa, int field) {
  for (std::size_t r = 0; r < txa.repetitionCount(field); ++r) {
    std::string url = practitionerFromXcn(ctx, txa.repetition(field, r));
    if (!url.empty()) document.append("author", referenceTo(url));
  }
}

}  // namespace

void mapDocument(MappingContext& ctx, const std::vector<Segment>& segments, std::size_t first) {
  const Segment& txa = segments[first];
  Json document = Json::object();
  document.set("resourceType", "DocumentReference");
  std::string conditional;
  Json number = identifierFromEi(ctx, txa.repetition(12), "document");
  if (number.isEmpty()) {
    ctx.issues.defect("TXA-12", "required", "TXA-12: the unique document number is missing");
  } else {
    conditional = "DocumentReference?identifier=" + encodeQueryValue(number.get("system")->text()) + "|" +
                  encodeQueryValue(number.get("value")->text());
    document.set("masterIdentifier", number);
  }
  document.set("status", ctx.event == "MDM^T11" ? "entered-in-error" : "current");  // T11: cancel notification
  document.set("docStatus", docStatus(tableCode(ctx, txa, 17, table::kDocumentCompletion)));
  Json type = txa.text(2, 3).empty()
                  ? codeableConceptOf("http://terminology.hl7.org/CodeSystem/v2-0270", txa.text(2), txa.text(2, 2))
                  : codeableConcept(ctx, txa.repetition(2));
  document.set("type", type);
  document.set("subject", referenceTo(ctx.patientUrl));
  std::string date = instantOfText(ctx, txa.text(4), "TXA-4");
  document.set("date", date.empty() ? instantOfText(ctx, txa.text(6), "TXA-6") : date);
  addAuthors(ctx, document, txa, 9);  // originator
  addAuthors(ctx, document, txa, 5);  // primary activity provider
  const Repetition& authenticator = txa.text(22).empty() ? txa.repetition(10) : txa.repetition(22);
  std::string authenticatorUrl = practitionerFromXcn(ctx, authenticator);
  if (!authenticatorUrl.empty()) document.set("authenticator", referenceTo(authenticatorUrl));
  // T09/T10 replace the document TXA-13 names.
  Json parent = identifierFromEi(ctx, txa.repetition(13), "document");
  if (!parent.isEmpty() && (ctx.event == "MDM^T09" || ctx.event == "MDM^T10")) {
    Json target = Json::object();
    target.set("identifier", parent);
    Json relates = Json::object();
    relates.set("code", "replaces");
    relates.set("target", target);
    document.append("relatesTo", relates);
  }

  std::string text;
  for (std::size_t i = first + 1; i < segments.size() && segments[i].name != "TXA"; ++i) {
    const Segment& obx = segments[i];
    if (obx.name != "OBX") continue;
    if (obx.text(2) == "ED" && !obx.text(5, 5).empty()) {
      Json attachment = Json::object();
      attachment.set("contentType", mediaType(obx.repetition(5)));
      attachment.set("data", edData(obx.repetition(5), "OBX-5"));
      document.append("content", attachmentContent(std::move(attachment)));
      continue;
    }
    std::string lines = textLines(obx, 5);
    if (!lines.empty()) text += (text.empty() ? "" : "\n") + lines;
  }
  if (!text.empty()) {
    Json attachment = Json::object();
    attachment.set("contentType", "text/plain; charset=utf-8");
    attachment.set("data", kit::base64Encoded(text));
    document.append("content", attachmentContent(std::move(attachment)));
  }
  if (!document.get("content")) {
    // A notification without the document itself (T01, T03, …): content is required, so it names the file.
    Json attachment = Json::object();
    const std::string title = txa.text(16).empty() ? (txa.text(2, 2).empty() ? txa.text(2) : txa.text(2, 2)) : txa.text(16);
    attachment.set("title", title.empty() ? "document" : title);
    document.append("content", attachmentContent(std::move(attachment)));
  }
  if (!ctx.encounterUrl.empty()) {
    Json context = Json::object();
    context.append("encounter", referenceTo(ctx.encounterUrl));
    document.set("context", context);
  }
  ctx.bundle.add(ctx.nextKey("DocumentReference"), std::move(document), conditional);
}

}  // namespace gw::hl7v2
