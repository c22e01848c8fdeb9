#include "http/InsurerClaimRoutes.hpp"

#include <gw/kit/Profile.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>

#include <map>

#include "claims/ClaimAging.hpp"
#include "claims/ClaimOutbox.hpp"
#include "claims/ClaimPage.hpp"
#include "claims/RemittanceApplier.hpp"
#include "common/Json.hpp"
#include "common/ReasonText.hpp"
#include "http/Authorization.hpp"
#include "http/HttpError.hpp"

namespace gw {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::shared_ptr<const AdapterInstance> insurerAdapter(PluginHost& plugins, const std::string& insurer) {
  auto routes = plugins.snapshot();
  auto adapter = routes->partner(insurer);
  if (!adapter) throw HttpError(503, "unrouted", "insurer '" + insurer + "' cannot be served now: " +
                                                     routes->unroutedReason(insurer));
  return adapter;
}

// Claim ids and outcomes from a decoded Bundle of ClaimResponse: "queued" means received, "error" refused.
// A response names its claim by reference ("Claim/<id>") or by page and position (X12 999); positions are
// looked up together, one query per page.
void acknowledgementsOf(Database& db, const std::string& insurer, const std::string& bundleJson,
                        std::vector<std::string>& accepted, std::vector<std::string>& refused) {
  Object::Ptr bundle = parseJsonObject(bundleJson, "the acknowledgement");
  Array::Ptr entries = bundle->getArray("entry");
  struct Answer {
    std::string claim;         // by reference
    std::string pagePosition;  // or by "<page>/<position>"
    bool refused;
  };
  std::vector<Answer> answers;
  std::vector<std::string> pagePositions;
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    Object::Ptr response = entries->getObject(static_cast<unsigned>(i))->getObject("resource");
    if (!response) continue;
    Answer answer{"", "", response->optValue<std::string>("outcome", "") == "error"};
    const std::string reference = referenceAt(response, "request");
    if (reference.rfind("Claim/", 0) == 0) {
      answer.claim = reference.substr(6);
    } else if (Object::Ptr request = response->getObject("request")) {
      Object::Ptr identifier = request->getObject("identifier");
      if (identifier && identifier->optValue<std::string>("system", "") == kit::profile::kOutboxPageSystem) {
        answer.pagePosition = identifier->optValue<std::string>("value", "");
        pagePositions.push_back(answer.pagePosition);
      }
    }
    answers.push_back(std::move(answer));
  }
  std::map<std::string, std::string> byPosition;
  if (!pagePositions.empty()) {
    Poco::Data::Session s = db.session();
    byPosition = claimsAtPagePositions(db, s, insurer, pagePositions);
  }
  for (auto& answer : answers) {
    if (answer.claim.empty() && !answer.pagePosition.empty()) {
      auto found = byPosition.find(answer.pagePosition);
      if (found != byPosition.end()) answer.claim = found->second;
    }
    if (answer.claim.empty()) continue;
    (answer.refused ? refused : accepted).push_back(answer.claim);
  }
}

// What an insurer sent that its adapter cannot decode is answered in the insurer's own format (X12: a 999
// pointing at the segment and element, or a TA1 for a broken envelope; FHIR: an OperationOutcome), through its
// adapter; JSON only when the adapter cannot. Nothing was applied; the refusal is audited.
void answerUndecodable(Request& request, GatewayContext& context, GroupCommit& commits, const AdapterInstance& adapter,
                       const std::string& insurer, const std::string& action, const std::string& body,
                       const std::string& contentType, const AdapterCallResult& decoded) {
  const int status = decoded.status == GW_ERR_UNSUPPORTED ? 422 : 400;
  const std::string reason = decoded.error + (decoded.errorLocation.empty() ? "" : " (at " + decoded.errorLocation + ")");
  AdapterCallResult answer = adapter.acknowledge(decoded.screenedOut ? std::string_view() : std::string_view(body),
                                                 contentType, GW_ACK_REJECT, decoded.errorLocation, decoded.error);
  commits.run([&](Poco::Data::Session& s) {
    context.audit.append(s, fromClient(request, {"insurer:" + insurer, action, "", "rejected", withoutValues(reason)}));
  });
  if (!answer.ok()) throw HttpError(status, action == "claims.ack" ? "bad_acknowledgement" : "bad_remittance", reason);
  request.send(status, answer.contentType.empty() ? "text/plain" : answer.contentType, answer.output);
}

Array::Ptr toArray(const std::vector<std::string>& values) {
  Array::Ptr array = new Array;
  for (const auto& v : values) array->add(v);
  return array;
}

}  // namespace

void addInsurerClaimRoutes(Router& router, GatewayContext& context, PluginHost& plugins, GroupCommit& commits) {
  // A page of claims, or of pre-authorisation requests (an X12 insurer gets a 278 for those, an 837 for claims):
  // the same lease, cursor and acknowledgement.
  auto pullPage = [&context, &plugins, &commits](Request& request, const std::string& kind) {
    auto config = context.config.get();
    const std::string insurer = request.param("insurer");
    requirePartner(request, config->insurers, insurer, "insurer", context.audit);
    const PartnerConfig& partner = *config->insurer(insurer);
    Poco::Int64 after = 0;
    int limit = partner.payer.maxPage;
    if (!Poco::NumberParser::tryParse64(request.query("after", "0"), after) || after < 0)
      throw HttpError(400, "bad_cursor", "after must be a cursor from X-Next-Cursor (a whole number)");
    if (!Poco::NumberParser::tryParse(request.query("limit", std::to_string(limit)), limit) || limit < 1 ||
        limit > partner.payer.maxPage)
      throw HttpError(400, "bad_limit", "limit must be from 1 to " + std::to_string(partner.payer.maxPage));
    auto adapter = insurerAdapter(plugins, insurer);
    // One transaction leases the page, numbers it and reads it (the claims' stored JSON as it is).
    OutboxPage page;
    std::vector<std::string> ids;
    std::string canonical;
    commits.run([&](Poco::Data::Session& s) {
      page = ClaimOutbox(context.db).lease(s, insurer, after, limit, partner.payer.leaseSeconds, kind);
      recordPull(context.db, s, insurer, kind);
      ids.clear();
      for (const auto& entry : page.entries) ids.push_back(entry.claimId);
      if (!ids.empty()) canonical = claimPageBundle(context.db, s, insurer, ids);
    });
    request.response().set("X-Next-Cursor", std::to_string(page.nextCursor));
    request.response().set("X-Claim-Count", std::to_string(ids.size()));
    if (ids.empty()) {
      request.response().setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
      request.response().send();
      return;
    }
    AdapterCallResult rendered = adapter->encode(canonical);
    if (!rendered.ok())  // the claims stay leased and come back when the lease expires
      throw HttpError(500, "render_failed", "the " + adapter->adapterName() + " adapter could not render the page: " +
                                                rendered.error);
    std::vector<AuditEvent> pulled;  // a row per claim, in one shared commit and one insert for the page
    for (const auto& id : ids) pulled.push_back(fromClient(request, {"insurer:" + insurer, "claims.pull", "Claim/" + id, "ok", kind}));
    commits.run([&](Poco::Data::Session& s) { context.audit.appendAll(s, pulled); });
    request.send(200, rendered.contentType.empty() ? "application/octet-stream" : rendered.contentType,
                 rendered.output);
  };
  router.add("GET", "/v1/insurers/{insurer}/claims",
             [pullPage](Request& request) { pullPage(request, "claim"); });
  router.add("GET", "/v1/insurers/{insurer}/preauthorizations",
             [pullPage](Request& request) { pullPage(request, "preauthorization"); });

  router.add("POST", "/v1/insurers/{insurer}/claims/ack", [&context, &plugins, &commits](Request& request) {
    auto config = context.config.get();
    const std::string insurer = request.param("insurer");
    requirePartner(request, config->insurers, insurer, "insurer", context.audit);
    const std::string body = request.readBody();
    std::vector<std::string> accepted, refused;
    Object::Ptr plain;
    try {
      plain = parseJsonObject(body, "the body");
    } catch (const JsonError&) {
    }
    if (plain && plain->getArray("claims")) {
      // The gateway's own form: {"claims": [ids], "accepted": true}
      Array::Ptr claims = plain->getArray("claims");
      for (std::size_t i = 0; i < claims->size(); ++i)
        (plain->optValue<bool>("accepted", true) ? accepted : refused).push_back(claims->getElement<std::string>(static_cast<unsigned>(i)));
    } else {
      // The insurer's own acknowledgement format, through its adapter.
      auto adapter = insurerAdapter(plugins, insurer);
      const std::string contentType = request.http().getContentType();
      AdapterCallResult decoded = adapter->decode(body, contentType);
      if (!decoded.ok()) {
        answerUndecodable(request, context, commits, *adapter, insurer, "claims.ack", body, contentType, decoded);
        return;
      }
      acknowledgementsOf(context.db, insurer, decoded.output, accepted, refused);
    }
    OutboxAck done, rejected;
    commits.run([&](Poco::Data::Session& s) {
      ClaimOutbox outbox(context.db);
      done = outbox.acknowledge(s, insurer, accepted, true, "acknowledged by " + insurer);
      rejected = outbox.acknowledge(s, insurer, refused, false, "refused by " + insurer);
      std::vector<AuditEvent> events;
      for (const auto& id : done.settled)
        events.push_back(fromClient(request, {"insurer:" + insurer, "claims.ack", "Claim/" + id, "ok", "acknowledged"}));
      for (const auto& id : rejected.settled)
        events.push_back(fromClient(request, {"insurer:" + insurer, "claims.ack", "Claim/" + id, "rejected", "refused"}));
      // Ids that are not this insurer's claims (another insurer's, or none): refused, and on record.
      for (const auto* unknown : {&done.unknown, &rejected.unknown})
        for (const auto& id : *unknown)
          events.push_back(fromClient(request, {"insurer:" + insurer, "claims.ack", "Claim/" + id, "denied",
                                                "not a claim of this insurer"}));
      context.audit.appendAll(s, events);
    });
    std::vector<std::string> unknown = done.unknown;
    unknown.insert(unknown.end(), rejected.unknown.begin(), rejected.unknown.end());
    // Claims settled before are answered as the first time (issue 20: the same acknowledgement again).
    std::vector<std::string> acknowledgedIds = done.settled, rejectedIds = rejected.settled, repeatedIds;
    for (const auto* ack : {&done, &rejected})
      for (const auto& [id, how] : ack->repeated) {
        (how == "acknowledged" ? acknowledgedIds : rejectedIds).push_back(id);
        repeatedIds.push_back(id);
      }
    Object body2;
    body2.set("acknowledged", toArray(acknowledgedIds));
    body2.set("rejected", toArray(rejectedIds));
    body2.set("unknown", toArray(unknown));
    if (!repeatedIds.empty()) body2.set("repeated", toArray(repeatedIds));
    request.sendJson(200, body2);
  });

  router.add("POST", "/v1/insurers/{insurer}/remittances", [&context, &plugins, &commits](Request& request) {
    auto config = context.config.get();
    const std::string insurer = request.param("insurer");
    requirePartner(request, config->insurers, insurer, "insurer", context.audit);
    const std::string body = request.readBody();
    const std::string contentType = request.http().getContentType();
    auto adapter = insurerAdapter(plugins, insurer);
    AdapterCallResult decoded = adapter->decode(body, contentType);
    if (!decoded.ok()) {
      answerUndecodable(request, context, commits, *adapter, insurer, "claims.remittance", body, contentType, decoded);
      return;
    }
    std::vector<RemittanceOutcome> outcomes;
    commits.run([&](Poco::Data::Session& s) {
      outcomes = RemittanceApplier(context.db).apply(s, insurer, decoded.output);
      std::vector<std::string> answered;
      std::vector<AuditEvent> events;
      for (const auto& o : outcomes) {
        if (o.status != "refused" && !o.duplicate) answered.push_back(o.claimId);
        const char* result = o.status == "refused" ? "rejected" : o.duplicate ? "duplicate" : "ok";
        events.push_back(fromClient(request, {"insurer:" + insurer, "claims.remittance", "Claim/" + o.claimId, result,
                                              o.status}));
      }
      ClaimOutbox(context.db).acknowledge(s, insurer, answered, true, "answered by a remittance");
      context.audit.appendAll(s, events);
    });
    Array::Ptr results = new Array;
    bool anyTaken = false;  // applied now or before
    for (const auto& o : outcomes) {
      Object::Ptr item = jsonObject();
      item->set("claim", o.claimId);
      item->set("status", o.status);
      item->set("reason", o.reason);
      if (o.duplicate) item->set("duplicate", true);
      results->add(item);
      anyTaken = anyTaken || o.status != "refused";
    }
    Object answer;
    answer.set("results", results);
    // Nothing in the request was applied (no claim of this insurer, or none at all): a refusal, not a 200.
    request.sendJson(anyTaken ? 200 : 422, answer);
  });
}

}  // namespace gw
