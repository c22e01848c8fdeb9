#include "http/PreauthorizationRoutes.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "claims/ClaimOutbox.hpp"
#include "claims/Money.hpp"
#include "claims/PreauthorizationBuilder.hpp"
#include "common/Json.hpp"
#include "common/StoreValues.hpp"
#include "http/Authorization.hpp"
#include "http/HttpError.hpp"
#include "store/ResourceRepository.hpp"
#include "store/Sql.hpp"

namespace gw {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

// A pre-authorisation as the group and its hospital see it, with its lifecycle and the claims that rely on it;
// null when `id` is not one (or, for a hospital, not one of its own).
Object::Ptr preauthorizationView(Database& db, Poco::Data::Session& s, const std::string& id,
                                 const std::string& hospital = "") {
  auto rows = runSql(db, s,
                     "SELECT insurer, hospital, patient_id, encounter_id, status, total_minor, currency, "
                     "COALESCE(preauth_ref, ''), guarantee_minor, COALESCE(guarantee_until, ''), created_at, updated_at "
                     "FROM claim WHERE id = ? AND claim_use = 'preauthorization'",
                     {id});
  if (rows.empty() || (!hospital.empty() && text(rows.front(), 1) != hospital)) return nullptr;
  const SqlRow& row = rows.front();
  const std::string currency = text(row, 6);
  Object::Ptr view = jsonObject();
  view->set("id", id);
  view->set("status", text(row, 4));
  view->set("insurer", text(row, 0));
  view->set("hospital", text(row, 1));
  view->set("patient", "Patient/" + text(row, 2));
  if (!text(row, 3).empty()) view->set("encounter", "Encounter/" + text(row, 3));
  view->set("requested", fromMinorUnits(integer(row, 5), currency) + " " + currency);
  if (row.at(8)) view->set("guarantee", fromMinorUnits(integer(row, 8), currency) + " " + currency);
  if (!text(row, 9).empty()) view->set("valid_until", text(row, 9));
  if (!text(row, 7).empty()) view->set("authorization", text(row, 7));
  view->set("created_at", text(row, 10));
  view->set("updated_at", text(row, 11));
  Array::Ptr lifecycle = new Array;
  for (const auto& event : runSql(db, s, "SELECT state, at, detail FROM claim_event WHERE claim_id = ? ORDER BY seq", {id})) {
    Object::Ptr item = jsonObject();
    item->set("state", text(event, 0));
    item->set("at", text(event, 1));
    item->set("detail", text(event, 2));
    lifecycle->add(item);
  }
  view->set("lifecycle", lifecycle);
  Array::Ptr claims = new Array;
  for (const auto& claim : runSql(db, s, "SELECT id, status FROM claim WHERE preauthorization_id = ? ORDER BY created_at", {id})) {
    Object::Ptr item = jsonObject();
    item->set("claim", "Claim/" + text(claim, 0));
    item->set("status", text(claim, 1));
    claims->add(item);
  }
  view->set("claims", claims);
  return view;
}

// The pre-authorisations of the patient records a hospital knows by `identifier` ("system|value", e.g. its MRN),
// that hospital's only, newest first.
Array::Ptr preauthorizationsOf(Database& db, Poco::Data::Session& s, const std::string& hospital,
                               const std::string& identifier) {
  const auto bar = identifier.find('|');
  if (bar == std::string::npos || bar == 0 || bar + 1 == identifier.size())
    throw HttpError(400, "bad_search", "identifier must be system|value");
  Array::Ptr found = new Array;
  ResourceRepository resources(db);
  for (const auto& patient :
       resources.findAllByIdentifier(s, "Patient", identifier.substr(0, bar), identifier.substr(bar + 1)))
    for (const auto& row : runSql(db, s,
                                  "SELECT id FROM claim WHERE patient_id = ? AND hospital = ? AND "
                                  "claim_use = 'preauthorization' ORDER BY created_at DESC",
                                  {patient, hospital}))
      found->add(preauthorizationView(db, s, text(row, 0), hospital));
  return found;
}

}  // namespace

void addPreauthorizationRoutes(Router& router, GatewayContext& context, GroupCommit& commits) {
  // The group (or an operator) asks the patient's insurer to pre-authorise planned care (README, "Pre-authorisation").
  router.add("POST", "/v1/preauthorizations", [&context, &commits](Request& request) {
    auto config = context.config.get();
    const std::string actor = requireGroupOrAdmin(request, *config, context.audit);
    Object::Ptr body;
    try {
      body = parseJsonObject(request.readBody(), "the request");
    } catch (const JsonError& e) {
      throw HttpError(400, "bad_request", e.what());
    }
    PreauthorizationResult result;
    try {
      commits.run([&](Poco::Data::Session& s) {
        result = PreauthorizationBuilder(context.db).build(s, *config, body);
        context.audit.append(s, fromClient(request, {actor, "preauthorization.request", "Claim/" + result.id, "ok",
                                                     result.insurer}));
      });
    } catch (const ClaimBuildError& e) {
      throw HttpError(422, "cannot_preauthorize", e.what());
    }
    Object answer;
    answer.set("id", result.id);
    answer.set("status", std::string("built"));
    answer.set("insurer", result.insurer);
    answer.set("coverage", result.coverage);
    answer.set("requested", fromMinorUnits(result.totalMinor, result.currency) + " " + result.currency);
    request.sendJson(201, answer);
  });

  router.add("GET", "/v1/preauthorizations/{id}", [&context](Request& request) {
    const std::string actor = requireGroupOrAdmin(request, *context.config.get(), context.audit);
    const std::string id = request.param("id");
    Poco::Data::Session s = context.db.session();
    Object::Ptr view = preauthorizationView(context.db, s, id);
    if (!view) throw HttpError(404, "not_found", "no pre-authorisation " + id);
    context.audit.append(fromClient(request, {actor, "preauthorization.read", "Claim/" + id, "ok", ""}));
    request.sendJson(200, *view);
  });

  // The hospital finds the pre-authorisations of its patient by the identifier it gave the patient (its MRN).
  router.add("GET", "/v1/hospitals/{hospital}/preauthorizations", [&context](Request& request) {
    auto config = context.config.get();
    const std::string hospital = request.param("hospital");
    requirePartner(request, config->hospitals, hospital, "hospital", context.audit);
    const std::string identifier = request.query("identifier");
    Poco::Data::Session s = context.db.session();
    Array::Ptr found = preauthorizationsOf(context.db, s, hospital, identifier);
    context.audit.append(fromClient(request, {"hospital:" + hospital, "preauthorization.search", "Patient", "ok",
                                              std::to_string(found->size()) + " found"}));
    Object answer;
    answer.set("preauthorizations", found);
    request.sendJson(200, answer);
  });

  // The hospital where the care is planned follows the same state, for its own pre-authorisations only.
  router.add("GET", "/v1/hospitals/{hospital}/preauthorizations/{id}", [&context](Request& request) {
    auto config = context.config.get();
    const std::string hospital = request.param("hospital"), id = request.param("id");
    requirePartner(request, config->hospitals, hospital, "hospital", context.audit);
    Poco::Data::Session s = context.db.session();
    Object::Ptr view = preauthorizationView(context.db, s, id, hospital);
    if (!view) throw HttpError(404, "not_found", "no pre-authorisation " + id + " for hospital " + hospital);
    context.audit.append(fromClient(request, {"hospital:" + hospital, "preauthorization.read", "Claim/" + id, "ok", ""}));
    request.sendJson(200, *view);
  });

  // A final claim over its guarantee of payment waits for an operator; released, it goes to the insurer.
  router.add("POST", "/v1/admin/claims/{id}/release", [&context, &commits](Request& request) {
    requireAdmin(request, *context.config.get(), context.audit);
    const std::string id = request.param("id");
    bool released = false;
    commits.run([&](Poco::Data::Session& s) {
      auto held = runSql(context.db, s, "SELECT insurer FROM claim WHERE id = ? AND status = 'over_guarantee'", {id});
      if (held.empty()) return;
      const std::string at = utcTimestamp();
      runSql(context.db, s,
             "INSERT INTO claim_outbox (insurer, claim_id, status, created_at, updated_at) VALUES (?, ?, 'ready', ?, ?)",
             {text(held.front(), 0), id, at, at});
      recordClaimState(context.db, s, id, "built", "released by an operator over its guarantee of payment");
      context.audit.append(s, fromClient(request, {"admin", "claims.release", "Claim/" + id, "ok", ""}));
      released = true;
    });
    if (!released) throw HttpError(409, "not_held", "claim " + id + " is not held over its guarantee of payment");
    Object answer;
    answer.set("claim", "Claim/" + id);
    answer.set("status", std::string("built"));
    request.sendJson(200, answer);
  });
}

}  // namespace gw
