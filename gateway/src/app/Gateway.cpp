#include "app/Gateway.hpp"

#include <Poco/DateTimeParser.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>

#include <sys/statvfs.h>

#include <cstdint>

#include "config/ConfigError.hpp"
#include "http/AdminPartnerRoutes.hpp"
#include "claims/ClaimAging.hpp"
#include "http/ClaimRoutes.hpp"
#include "http/PreauthorizationRoutes.hpp"
#include "http/InsurerClaimRoutes.hpp"
#include "http/FhirReadRoutes.hpp"
#include "http/AdminPluginRoutes.hpp"
#include "http/AdminTranslateRoutes.hpp"
#include "http/HealthRoutes.hpp"
#include "http/DataQualityRoutes.hpp"
#include "http/HospitalMessageRoutes.hpp"
#include "http/HipSoapRoutes.hpp"
#include "store/Migrations.hpp"
#include <gw/kit/DenyAllEntityLoader.hpp>

namespace gw {

namespace {

// Bytes free to an unprivileged writer on the file system that holds `file`; all of them when unknown.
std::uint64_t freeBytesBeside(const std::string& file) {
  struct statvfs fs {};
  if (::statvfs(Poco::Path(file).parent().toString().c_str(), &fs) != 0) return UINT64_MAX;
  return static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
}

}  // namespace

Gateway::Gateway(GatewayConfig config) : config_(std::move(config)) {
  auto snapshot = config_.get();
  Poco::Logger& log = Poco::Logger::get("gateway");
  db_ = std::make_unique<Database>(snapshot->store);
  MigrationReport report = migrate(*db_);
  if (!report.applied.empty())
    log.information("store (%s) migrated from schema %d to %d", std::string(db_->backendName()), report.fromVersion,
                    report.toVersion);
  commits_ = std::make_unique<GroupCommit>(*db_);
  audit_ = std::make_unique<AuditLog>(*db_, snapshot->audit.enabled);
  context_ = std::make_unique<GatewayContext>(GatewayContext{config_, *db_, metrics_, *audit_, {}, {}});
  context_->readiness.push_back({"store", [this](std::string& why) {
                                   if (!db_->ping()) {
                                     why = "the store does not answer";
                                     return false;
                                   }
                                   // A SQLite store answers reads on a full disk, but cannot commit a message.
                                   const auto store = config_.get()->store;
                                   if (store.backend != StoreBackend::sqlite) return true;
                                   const std::uint64_t needed = 2 * config_.get()->server.maxBodyBytes + (16u << 20);
                                   const std::uint64_t left = freeBytesBeside(store.sqlitePath);
                                   if (left >= needed) return true;
                                   why = "the store's disk has " + std::to_string(left >> 20) + " MiB free";
                                   return false;
                                 }});
  metrics_.addCollector([this](std::string& out) {
    out += "# HELP gateway_store_errors_total Store operations that failed.\n# TYPE gateway_store_errors_total counter\n";
    out += "gateway_store_errors_total " + std::to_string(db_->errorCount()) + "\n";
  });
  kit::installDenyAllEntityLoader();  // before any plugin can touch libxml2
  plugins_ = std::make_unique<PluginHost>(snapshot->plugins);
  plugins_->configure(snapshot);
  // Ready once the folder has been scanned. An unrouted partner does not make the gateway unready: that would
  // take every healthy partner out of the load balancer too; it is listed in /v1/admin/plugins and counted.
  context_->readiness.push_back({"plugins", [this](std::string& why) {
                                   if (plugins_->snapshot()->scans() > 0) return true;
                                   why = "the plugin folder has not been scanned yet";
                                   return false;
                                 }});
  metrics_.addCollector([this](std::string& out) {
    auto routing = plugins_->snapshot();
    out += "# HELP gateway_plugins_loaded Plugins loaded and in use.\n# TYPE gateway_plugins_loaded gauge\n";
    out += "gateway_plugins_loaded " + std::to_string(routing->plugins().size()) + "\n";
    out += "# HELP gateway_plugin_files_refused Files in the plugin folder that were refused.\n"
           "# TYPE gateway_plugin_files_refused gauge\n";
    out += "gateway_plugin_files_refused " + std::to_string(routing->refusals().size()) + "\n";
    out += "# HELP gateway_partners_unrouted Configured partners without an adapter instance.\n"
           "# TYPE gateway_partners_unrouted gauge\n";
    out += "gateway_partners_unrouted " + std::to_string(routing->unrouted().size()) + "\n";
    out += "# HELP gateway_plugin_libraries_mapped Plugin copies still mapped, old versions held by requests included.\n"
           "# TYPE gateway_plugin_libraries_mapped gauge\n";
    out += "gateway_plugin_libraries_mapped " + std::to_string(PluginLibrary::alive()) + "\n";
    out += plugins_->health().metrics();
  });
  // Per insurer: what waits in its outbox, what is overdue for an acknowledgement, and how long since it last
  // pulled (an insurer that has stopped pulling is an alert, not a surprise at month end).
  metrics_.addCollector([this](std::string& out) {
    auto config = config_.get();
    if (config->insurers.empty()) return;
    std::string backlog, overdue, age;
    try {
      Poco::Data::Session s = db_->session();
      const Poco::DateTime now;
      for (const auto& insurer : config->insurers) {
        InsurerFollowUp aging = followUpOf(*db_, s, insurer.id, insurer.payer.ackDays, now);
        const std::string label = "{insurer=\"" + Metrics::escapeLabel(insurer.id) + "\"";
        backlog += "gateway_insurer_outbox" + label + ",state=\"ready\"} " + std::to_string(aging.ready) + "\n";
        backlog += "gateway_insurer_outbox" + label + ",state=\"on_lease\"} " + std::to_string(aging.onLease) + "\n";
        overdue += "gateway_insurer_claims_overdue_acknowledgement" + label + "} " +
                   std::to_string(aging.overdue.size()) + "\n";
        int zone = 0;
        Poco::DateTime pulled;
        if (!aging.lastPull.empty() &&
            Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, aging.lastPull, pulled, zone))
          age += "gateway_insurer_last_pull_age_seconds" + label + "} " +
                 std::to_string((now - pulled).totalSeconds()) + "\n";
      }
    } catch (const std::exception&) {
      return;  // the store is down: gateway_store_errors_total and /ready say so
    }
    out += "# HELP gateway_insurer_outbox Claims and pre-authorisations waiting for the insurer (ready) or pulled "
           "and not yet acknowledged (on_lease).\n# TYPE gateway_insurer_outbox gauge\n" + backlog;
    out += "# HELP gateway_insurer_claims_overdue_acknowledgement Claims offered and not acknowledged for longer "
           "than the insurer's ack_days.\n# TYPE gateway_insurer_claims_overdue_acknowledgement gauge\n" + overdue;
    out += "# HELP gateway_insurer_last_pull_age_seconds Seconds since the insurer last pulled a page (absent: "
           "never).\n# TYPE gateway_insurer_last_pull_age_seconds gauge\n" + age;
  });
  addHealthRoutes(router_, *context_);
  addAdminPartnerRoutes(router_, *context_);
  addFhirReadRoutes(router_, *context_);
  addAdminPluginRoutes(router_, *context_, *plugins_);
  addAdminTranslateRoutes(router_, *context_, *plugins_);
  addHospitalMessageRoutes(router_, *context_, *plugins_, *commits_);
  addHipSoapRoutes(router_, *context_, *plugins_, *commits_);
  addDataQualityRoutes(router_, *context_);
  addInsurerClaimRoutes(router_, *context_, *plugins_, *commits_);
  addClaimRoutes(router_, *context_, *commits_);
  addPreauthorizationRoutes(router_, *context_, *commits_);
  server_ = std::make_unique<HttpServer>(snapshot->server, router_, metrics_);
  // Hospitals' MLLP listeners and folder pickups feed the same intake; they start in start().
  transportIntake_ = std::make_unique<MessageIntake>(*db_, *commits_, *audit_, metrics_);
  const IntakeServices services{*context_, *plugins_, *transportIntake_};
  mllp_ = std::make_unique<mllp::MllpListeners>(services);
  pickups_ = std::make_unique<pickup::FolderPickups>(services);
  context_->listeners = [this] { return mllp_->status(); };
  metrics_.addCollector([this](std::string& out) {
    mllp_->renderMetrics(out);
    pickups_->renderMetrics(out);
  });
  metrics_.addCollector([this](std::string& out) {
    const ConnectionGuard& guard = server_->guard();
    out += "# HELP gateway_connections_refused_total Connections closed when accepted: the source address had "
           "server.max_connections_per_address, or the server had threads + queue.\n"
           "# TYPE gateway_connections_refused_total counter\n";
    out += "gateway_connections_refused_total{reason=\"per_address\"} " + std::to_string(guard.refusedForAddress()) +
           "\n";
    out += "gateway_connections_refused_total{reason=\"total\"} " + std::to_string(guard.refusedForTotal()) + "\n";
    out += "# HELP gateway_request_deadlines_passed_total Requests that did not arrive whole within "
           "server.request_timeout_seconds (answered 408 or closed).\n"
           "# TYPE gateway_request_deadlines_passed_total counter\n";
    out += "gateway_request_deadlines_passed_total " + std::to_string(guard.deadlinesPassed()) + "\n";
  });
}

Gateway::~Gateway() { stop(); }

void Gateway::start() {
  plugins_->startWatching();
  server_->start();
  auto snapshot = config_.get();
  mllp_->apply(*snapshot, true);
  pickups_->apply(*snapshot, true);
  Poco::Logger::get("gateway").information("listening on %s:%hu (%d threads), store %s", snapshot->server.host,
                                           port(), snapshot->server.threads, std::string(db_->backendName()));
}

void Gateway::stop() {
  if (stopped_) return;
  stopped_ = true;
  mllp_->stop();  // each open connection answers the message it is processing, then closes
  pickups_->stop();  // each finishes the file in hand
  server_->stop(config_.get()->server.drainSeconds);
  plugins_->stopWatching();
  commits_.reset();  // commits what is queued, then stops its writer
  db_->close();
  Poco::Logger::get("gateway").information("stopped");
}

bool Gateway::reload(const std::string& path, std::string& errors) {
  Poco::Logger& log = Poco::Logger::get("gateway");
  try {
    GatewayConfig fresh = loadConfig(path);
    GatewayConfig next = *config_.get();
    next.hospitals = std::move(fresh.hospitals);
    next.insurers = std::move(fresh.insurers);
    next.practitioners = std::move(fresh.practitioners);
    next.memberships = std::move(fresh.memberships);
    config_.publish(std::move(next));
    log.information("configuration reloaded from %s: %z hospitals, %z insurers", path, config_.get()->hospitals.size(),
                    config_.get()->insurers.size());
    plugins_->configure(config_.get());
    mllp_->apply(*config_.get(), false);
    pickups_->apply(*config_.get(), false);
    return true;
  } catch (const ConfigError& e) {
    errors = e.what();
    log.error("configuration reload refused, keeping the running one:\n%s", errors);
    plugins_->rescan();
    return false;
  }
}

}  // namespace gw
