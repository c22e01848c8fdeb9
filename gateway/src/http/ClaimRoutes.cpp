#include "http/ClaimRoutes.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/DateTime.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>
#include <Poco/Timespan.h>

#include <map>
#include <regex>
#include <tuple>

#include "claims/ClaimAging.hpp"
#include "claims/ClaimBuilder.hpp"
#include "claims/Money.hpp"
#include "claims/Settlement.hpp"
#include "common/Json.hpp"
#include "common/StoreValues.hpp"
#include "http/Authorization.hpp"
#include "http/HttpError.hpp"

namespace gw {

namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;
using Poco::JSON::Array;
using Poco::JSON::Object;


Object::Ptr claimSummary(Poco::Data::RecordSet& rows) {
  Object::Ptr claim = jsonObject();
  claim->set("id", rows.value(0).convert<std::string>());
  claim->set("insurer", rows.value(1).convert<std::string>());
  claim->set("hospital", rows.value(2).convert<std::string>());
  claim->set("encounter", "Encounter/" + rows.value(3).convert<std::string>());
  claim->set("patient", "Patient/" + rows.value(4).convert<std::string>());
  claim->set("sequence", rows.value(5).convert<int>());
  claim->set("status", rows.value(6).convert<std::string>());
  const std::string currency = rows.value(8).convert<std::string>();
  claim->set("total", fromMinorUnits(rows.value(7).convert<Poco::Int64>(), currency) + " " + currency);
  if (!rows.value(9).isEmpty()) claim->set("paid", fromMinorUnits(rows.value(9).convert<Poco::Int64>(), currency) + " " + currency);
  if (!rows.value(10).isEmpty())
    claim->set("patient_responsibility", fromMinorUnits(rows.value(10).convert<Poco::Int64>(), currency) + " " + currency);
  claim->set("created_at", rows.value(11).convert<std::string>());
  claim->set("updated_at", rows.value(12).convert<std::string>());
  return claim;
}

const char* kClaimColumns =
    "id, insurer, hospital, encounter_id, patient_id, sequence, status, total_minor, currency, paid_minor, "
    "patient_minor, created_at, updated_at";

bool isDate(const std::string& text) { return std::regex_match(text, std::regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")); }

}  // namespace

void addClaimRoutes(Router& router, GatewayContext& context, GroupCommit& commits) {
  router.add("POST", "/v1/admin/encounters/{id}/bill", [&context, &commits](Request& request) {
    auto config = context.config.get();
    requireAdmin(request, *config, context.audit);
    const std::string encounter = request.param("id");
    ClaimBuildResult result;
    try {
      commits.run([&](Poco::Data::Session& s) {
        result = ClaimBuilder(context.db).build(s, *config, encounter);
        context.audit.append(s, {"admin", "claims.build", "Encounter/" + encounter, "ok",
                                 result.status == "billed" ? result.coverage : result.status});
      });
    } catch (const ClaimBuildError& e) {
      throw HttpError(422, "cannot_bill", e.what());
    }
    Object body;
    body.set("encounter", "Encounter/" + encounter);
    body.set("status", result.status);
    body.set("coverage", result.coverage);
    Array::Ptr claims = new Array;
    for (const auto& id : result.claims) claims->add("Claim/" + id);
    body.set("claims", claims);
    if (!result.invoice.empty()) body.set("invoice", "Invoice/" + result.invoice);
    body.set("items", result.items);
    if (!result.currency.empty()) body.set("total", fromMinorUnits(result.totalMinor, result.currency) + " " + result.currency);
    request.sendJson(200, body);
  });

  router.add("GET", "/v1/claims/{id}", [&context](Request& request) {
    const std::string actor = requireGroupOrAdmin(request, *context.config.get(), context.audit);
    std::string id = request.param("id");
    Poco::Data::Session s = context.db.session();
    Poco::Data::Statement select(s);
    select << context.db.sql(std::string("SELECT ") + kClaimColumns + " FROM claim WHERE id = ?"), use(id);
    select.execute();
    Poco::Data::RecordSet rows(select);
    if (!rows.moveFirst()) throw HttpError(404, "not_found", "no claim " + id);
    Object::Ptr claim = claimSummary(rows);
    Poco::Data::Statement events(s);
    events << context.db.sql("SELECT state, at, detail FROM claim_event WHERE claim_id = ? ORDER BY seq"), use(id);
    events.execute();
    Poco::Data::RecordSet eventRows(events);
    Array::Ptr lifecycle = new Array;
    for (bool more = eventRows.moveFirst(); more; more = eventRows.moveNext()) {
      Object::Ptr event = jsonObject();
      event->set("state", eventRows.value(0).convert<std::string>());
      event->set("at", eventRows.value(1).convert<std::string>());
      event->set("detail", eventRows.value(2).convert<std::string>());
      lifecycle->add(event);
    }
    claim->set("lifecycle", lifecycle);
    context.audit.append(fromClient(request, {actor, "claims.read", "Claim/" + id, "ok", ""}));
    request.sendJson(200, *claim);
  });

  // Aging: ?status=offered&older_than=3600 lists claims in that state not updated for an hour.
  router.add("GET", "/v1/claims", [&context](Request& request) {
    const std::string actor = requireGroupOrAdmin(request, *context.config.get(), context.audit);
    std::string status = request.query("status");
    int olderThan = 0;
    if (!Poco::NumberParser::tryParse(request.query("older_than", "0"), olderThan) || olderThan < 0)
      throw HttpError(400, "bad_age", "older_than must be a number of seconds");
    std::string before = utcTimestamp(Poco::DateTime() - Poco::Timespan(olderThan, 0));
    Poco::Data::Session s = context.db.session();
    Poco::Data::Statement select(s);
    select << context.db.sql(std::string("SELECT ") + kClaimColumns +
                             " FROM claim WHERE (? = '' OR status = ?) AND updated_at <= ? ORDER BY updated_at LIMIT 1000"),
        use(status), use(status), use(before);
    select.execute();
    Poco::Data::RecordSet rows(select);
    Array::Ptr claims = new Array;
    for (bool more = rows.moveFirst(); more; more = rows.moveNext()) claims->add(claimSummary(rows));
    context.audit.append(fromClient(request, {actor, "claims.list", "claims", "ok",
                                              "status=" + status + " older_than=" + std::to_string(olderThan) + ": " +
                                                  std::to_string(claims->size()) + " claims"}));
    Object body;
    body.set("claims", claims);
    request.sendJson(200, body);
  });

  // Claims aging per insurer (all configured insurers, or ?insurer=ID): claims by age band and state with their
  // amounts, the claims offered and not acknowledged past the insurer's ack_days, its outbox and its last pull.
  router.add("GET", "/v1/aging", [&context](Request& request) {
    auto config = context.config.get();
    requireGroupOrAdmin(request, *config, context.audit);
    const std::string only = request.query("insurer");
    if (!only.empty() && !config->insurer(only)) throw HttpError(404, "not_found", "no insurer " + only);
    Poco::Data::Session s = context.db.session();
    const Poco::DateTime now;
    Array::Ptr insurers = new Array;
    for (const auto& insurer : config->insurers) {
      if (!only.empty() && insurer.id != only) continue;
      InsurerAging aging = agingOf(context.db, s, insurer.id, insurer.payer.ackDays, now);
      Object::Ptr item = jsonObject();
      item->set("insurer", insurer.id);
      item->set("last_pull", aging.lastPull.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(aging.lastPull));
      item->set("outbox_ready", aging.ready);
      item->set("outbox_on_lease", aging.onLease);
      item->set("ack_days", insurer.payer.ackDays);
      Array::Ptr overdue = new Array;
      for (const auto& id : aging.overdue) overdue->add("Claim/" + id);
      item->set("overdue_acknowledgement", overdue);
      Array::Ptr bands = new Array;
      for (const auto& cell : aging.cells) {
        Object::Ptr band = jsonObject();
        band->set("age_days", cell.band);
        band->set("state", cell.state);
        band->set("claims", cell.claims);
        band->set("amount", fromMinorUnits(cell.amountMinor, cell.currency) + " " + cell.currency);
        bands->add(band);
      }
      item->set("by_age", bands);
      insurers->add(item);
    }
    Object body;
    body.set("as_of", utcTimestamp(now));
    body.set("insurers", insurers);
    request.sendJson(200, body);
  });

  // The settlement per hospital and period, by payer class (README: "Settlements"); CSV with Accept: text/csv.
  router.add("GET", "/v1/settlements", [&context](Request& request) {
    requireGroupOrAdmin(request, *context.config.get(), context.audit);
    std::string hospital = request.query("hospital"), from = request.query("from"), to = request.query("to");
    if (hospital.empty() || !isDate(from) || !isDate(to))
      throw HttpError(400, "bad_period", "settlements need hospital=ID&from=YYYY-MM-DD&to=YYYY-MM-DD");
    Poco::Data::Session s = context.db.session();
    std::vector<SettlementLine> lines = settlement(context.db, s, hospital, from, to);
    // The columns, in the order of the CSV header, each an amount but `items`.
    using Column = std::pair<const char*, std::int64_t SettlementLine::*>;
    static const std::vector<Column> kColumns = {
        {"billed", &SettlementLine::billed},           {"outstanding", &SettlementLine::outstanding},
        {"allowed", &SettlementLine::allowed},         {"paid", &SettlementLine::paid},
        {"patient_responsibility", &SettlementLine::patient}, {"adjustments", &SettlementLine::adjustments},
        {"group_billed", &SettlementLine::groupBilled}, {"hospital_billed", &SettlementLine::hospitalBilled},
        {"group_paid", &SettlementLine::groupPaid},    {"hospital_paid", &SettlementLine::hospitalPaid}};
    if (request.http().get("Accept", "").find("text/csv") != std::string::npos) {
      std::string text = "hospital,from,to,payer_class,currency,items";
      for (const auto& [name, member] : kColumns) text += std::string(",") + name;
      text += "\n";
      for (const auto& line : lines) {
        text += hospital + "," + from + "," + to + "," + line.payerClass + "," + line.currency + "," +
                std::to_string(line.items);
        for (const auto& [name, member] : kColumns) text += "," + fromMinorUnits(line.*member, line.currency);
        text += "\n";
      }
      request.send(200, "text/csv; charset=utf-8", text);
      return;
    }
    Array::Ptr byClass = new Array;
    std::map<std::string, SettlementLine> totals;  // by currency
    for (const auto& line : lines) {
      Object::Ptr item = jsonObject();
      item->set("payer_class", line.payerClass);
      item->set("currency", line.currency);
      item->set("items", line.items);
      for (const auto& [name, member] : kColumns) item->set(name, fromMinorUnits(line.*member, line.currency));
      byClass->add(item);
      SettlementLine& sum = totals[line.currency];
      sum.items += line.items;
      for (const auto& [name, member] : kColumns) sum.*member += line.*member;
    }
    Array::Ptr sums = new Array;
    for (const auto& [currency, sum] : totals) {
      Object::Ptr item = jsonObject();
      item->set("currency", currency);
      item->set("items", sum.items);
      for (const auto& [name, member] : kColumns) item->set(name, fromMinorUnits(sum.*member, currency));
      sums->add(item);
    }
    Object body;
    body.set("hospital", hospital);
    body.set("from", from);
    body.set("to", to);
    body.set("by_payer_class", byClass);
    body.set("totals", sums);
    request.sendJson(200, body);
  });
}

}  // namespace gw
