#include "http/DataQualityRoutes.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>

#include <regex>

#include "common/StoreValues.hpp"
#include "http/Authorization.hpp"
#include "http/HttpError.hpp"
#include "store/InboundMessageRepository.hpp"
#include "store/MessageIssueRepository.hpp"

namespace gw {

namespace {

// `from` and `to` as an ISO 8601 date or date-time, turned into the stored timestamp form; "" stays open.
std::string boundary(Request& request, const std::string& name) {
  const std::string value = request.query(name);
  if (value.empty()) return {};
  static const std::regex shape(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)");
  Poco::DateTime time;
  int zone = 0;
  const bool parsed = Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FORMAT, value, time, zone) ||
                      Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, value, time, zone) ||
                      Poco::DateTimeParser::tryParse("%Y-%m-%d", value, time, zone);
  if (!std::regex_match(value, shape) || !parsed)
    throw HttpError(400, "bad_" + name, name + " must be a date (2026-12-01) or a date-time (2026-12-01T08:00:00Z)");
  time.makeUTC(zone);
  return utcTimestamp(time);
}

}  // namespace

void addDataQualityRoutes(Router& router, GatewayContext& context) {
  router.add("GET", "/v1/admin/data-quality", [&context](Request& request) {
    requireAdmin(request, *context.config.get(), context.audit);
    const std::string hospital = request.query("hospital");
    const std::string from = boundary(request, "from");
    const std::string to = boundary(request, "to");
    Poco::Data::Session s = context.db.session();
    Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
    for (const IssueCount& count : MessageIssueRepository(context.db).counts(s, hospital, from, to)) {
      Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      item->set("hospital", count.hospital);
      item->set("field", count.field);
      item->set("severity", count.severity);
      item->set("code", count.code);
      item->set("issues", count.issues);
      item->set("messages", count.messages);
      fields->add(item);
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("hospital", hospital);
    body.set("from", from);
    body.set("to", to);
    body.set("fields", fields);
    request.sendJson(200, body);
  });

  router.add("GET", "/v1/admin/messages/{id}/issues", [&context](Request& request) {
    requireAdmin(request, *context.config.get(), context.audit);
    Poco::Int64 id = 0;
    if (!Poco::NumberParser::tryParse64(request.param("id"), id)) throw HttpError(400, "bad_id", "id must be a number");
    Poco::Data::Session s = context.db.session();
    auto message = InboundMessageRepository(context.db).byId(s, id);
    if (!message) throw HttpError(404, "not_found", "no message " + std::to_string(id));
    // A message accepted without warnings: FHIR wants at least one issue, an informational one says so.
    request.send(200, "application/fhir+json",
                 message->issues.empty()
                     ? R"({"resourceType":"OperationOutcome","issue":[{"severity":"information","code":"informational","diagnostics":"no issues"}]})"
                     : message->issues);
  });
}

}  // namespace gw
