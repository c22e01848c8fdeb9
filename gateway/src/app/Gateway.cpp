#include "app/Gateway.hpp"

#include <Poco/Logger.h>

#include "config/ConfigError.hpp"
#include "http/AdminPartnerRoutes.hpp"
#include "http/FhirReadRoutes.hpp"
#include "http/HealthRoutes.hpp"
#include "store/Migrations.hpp"

namespace gw {

Gateway::Gateway(GatewayConfig config) : config_(std::move(config)) {
  auto snapshot = config_.get();
  Poco::Logger& log = Poco::Logger::get("gateway");
  db_ = std::make_unique<Database>(snapshot->store);
  MigrationReport report = migrate(*db_);
  if (!report.applied.empty())
    log.information("store (%s) migrated from schema %d to %d", std::string(db_->backendName()), report.fromVersion,
                    report.toVersion);
  audit_ = std::make_unique<AuditLog>(*db_, snapshot->audit.enabled);
  context_ = std::make_unique<GatewayContext>(GatewayContext{config_, *db_, metrics_, *audit_, {}});
  context_->readiness.push_back({"store", [this](std::string& why) {
                                   if (db_->ping()) return true;
                                   why = "the store does not answer";
                                   return false;
                                 }});
  metrics_.addCollector([this](std::string& out) {
    out += "# HELP gateway_store_errors_total Store operations that failed.\n# TYPE gateway_store_errors_total counter\n";
    out += "gateway_store_errors_total " + std::to_string(db_->errorCount()) + "\n";
  });
  addHealthRoutes(router_, *context_);
  addAdminPartnerRoutes(router_, *context_);
  addFhirReadRoutes(router_, *context_);
  server_ = std::make_unique<HttpServer>(snapshot->server, router_, metrics_);
}

Gateway::~Gateway() { stop(); }

void Gateway::start() {
  server_->start();
  auto snapshot = config_.get();
  Poco::Logger::get("gateway").information("listening on %s:%hu (%d threads), store %s", snapshot->server.host,
                                           port(), snapshot->server.threads, std::string(db_->backendName()));
}

void Gateway::stop() {
  if (stopped_) return;
  stopped_ = true;
  server_->stop(config_.get()->server.drainSeconds);
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
    return true;
  } catch (const ConfigError& e) {
    errors = e.what();
    log.error("configuration reload refused, keeping the running one:\n%s", errors);
    return false;
  }
}

}  // namespace gw
