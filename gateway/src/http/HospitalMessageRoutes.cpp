#include "http/HospitalMessageRoutes.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>

#include <memory>

#include "http/ApiKey.hpp"
#include "http/Authorization.hpp"
#include "http/HttpError.hpp"
#include "intake/BatchIntake.hpp"
#include "intake/MessageIntake.hpp"
#include "plugin/PluginHost.hpp"
#include "store/InboundMessageRepository.hpp"

namespace gw {

namespace {

Poco::JSON::Object::Ptr describe(const InboundMessage& m) {
  Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  item->set("id", m.id);
  item->set("hospital", m.hospital);
  item->set("message_id", m.messageId);
  item->set("received_at", m.receivedAt);
  item->set("status", m.status);
  item->set("reason", m.reason);
  item->set("adapter", m.adapter);
  item->set("content_type", m.contentType);
  item->set("bytes", static_cast<Poco::UInt64>(m.body.size()));
  item->set("sha256", m.bodySha256);
  return item;
}

}  // namespace

void addHospitalMessageRoutes(Router& router, GatewayContext& context, PluginHost& plugins, GroupCommit& commits) {
  auto intake = std::make_shared<MessageIntake>(context.db, commits, context.audit, context.metrics);

  router.add("POST", "/v1/hospitals/{hospital}/messages", [&context, &plugins, intake](Request& request) {
    auto config = context.config.get();
    const std::string hospital = request.param("hospital");
    requirePartner(request, config->hospitals, hospital, "hospital", context.audit);
    IntakeRequest message{hospital, request.http().getContentType(), request.readBody(), request.clientAddress()};
    auto routes = plugins.snapshot();  // held until the answer is sent
    IntakeResponse answer = intake->receive(message, *config, *routes);
    request.response().set("X-Gateway-Outcome", answer.outcome);
    if (answer.duplicate) request.response().set("X-Gateway-Duplicate", "true");
    request.send(answer.httpStatus, answer.contentType, answer.body);
  });

  // An HL7 v2 batch (FHS/BHS … BTS/FTS, ER7): each message processed on its own, answered with an
  // acknowledgement batch; 200 whenever the batch was read, the outcomes are in the ACKs.
  router.add("POST", "/v1/hospitals/{hospital}/batches", [&context, &plugins, intake](Request& request) {
    auto config = context.config.get();
    const std::string hospital = request.param("hospital");
    requirePartner(request, config->hospitals, hospital, "hospital", context.audit);
    IntakeRequest batch{hospital, request.http().getContentType(), request.readBody(), request.clientAddress()};
    if (!isHl7Batch(batch.body))
      throw HttpError(400, "not_a_batch",
                      "the body is not an HL7 v2 batch: it must start with FHS or BHS (send single messages to "
                      "/v1/hospitals/" + hospital + "/messages)");
    auto routes = plugins.snapshot();
    BatchOutcome outcome = receiveHl7Batch(*intake, batch, *config, *routes);
    request.response().set("X-Gateway-Batch", outcome.summary());
    request.send(200, "application/hl7-v2", outcome.ackBatch);
  });

  router.add("GET", "/v1/admin/messages", [&context](Request& request) {
    requireAdmin(request, *context.config.get(), context.audit);
    const std::string status = request.query("status", "failed");
    if (status != "failed" && status != "rejected" && status != "accepted")
      throw HttpError(400, "bad_status", "status must be failed, rejected or accepted");
    int limit = 100;
    if (!Poco::NumberParser::tryParse(request.query("limit", "100"), limit) || limit < 1 || limit > 1000)
      throw HttpError(400, "bad_limit", "limit must be a number from 1 to 1000");
    Poco::Data::Session s = context.db.session();
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& m : InboundMessageRepository(context.db).list(s, status, request.query("hospital"), limit))
      items->add(describe(m));
    Poco::JSON::Object body;
    body.set("messages", items);
    request.sendJson(200, body);
  });

  router.add("POST", "/v1/admin/messages/{id}/replay", [&context, &plugins, intake](Request& request) {
    auto config = context.config.get();
    requireAdmin(request, *config, context.audit);
    Poco::Int64 id = 0;
    if (!Poco::NumberParser::tryParse64(request.param("id"), id)) throw HttpError(400, "bad_id", "id must be a number");
    auto routes = plugins.snapshot();
    ReplayResult result = intake->replay(id, *config, *routes, "admin");
    if (!result.found) throw HttpError(404, "not_found", "no message " + std::to_string(id));
    Poco::JSON::Object body;
    body.set("id", id);
    body.set("status", result.status);
    body.set("reason", result.reason);
    request.sendJson(200, body);
  });
}

}  // namespace gw
