#include "http/AdminPluginRoutes.hpp"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "http/Authorization.hpp"

namespace gw {

namespace {

Poco::JSON::Object listing(const PluginHost& host) {
  auto snapshot = host.snapshot();
  Poco::JSON::Array plugins;
  for (const auto& library : snapshot->plugins()) {
    Poco::JSON::Object plugin;
    plugin.set("name", library->name());
    plugin.set("version", library->version());
    plugin.set("abi", library->abiVersion());
    plugin.set("file", library->sourceFile());
    plugin.set("sha256", library->sha256());
    plugin.set("loaded_at", Poco::DateTimeFormatter::format(library->loadedAt(), Poco::DateTimeFormat::ISO8601_FRAC_FORMAT));
    plugin.set("calls_in_flight", library->callsInFlight());
    const IsolationConfig& isolation = host.config().isolationOf(library->name());
    plugin.set("isolation", isolation.process ? "process" : "none");
    if (isolation.process) plugin.set("workers_per_partner", isolation.workers);
    if (auto reason = host.health().quarantined(library->sha256())) plugin.set("quarantined", *reason);
    Poco::JSON::Array adapters;
    for (const gw_adapter* adapter : library->adapters()) {
      Poco::JSON::Object entry;
      entry.set("name", std::string(adapter->name));
      entry.set("version", std::string(adapter->version));
      entry.set("kind", adapterKindName(adapter->kind));
      adapters.add(entry);
    }
    plugin.set("adapters", adapters);
    plugins.add(plugin);
  }
  Poco::JSON::Array refused;
  for (const auto& refusal : snapshot->refusals()) {
    Poco::JSON::Object entry;
    entry.set("file", refusal.file);
    entry.set("code", refusal.code);
    entry.set("reason", refusal.reason);
    refused.add(entry);
  }
  Poco::JSON::Array routed;
  for (const auto& [partner, instance] : snapshot->routes()) {
    Poco::JSON::Object entry;
    entry.set("partner", partner);
    entry.set("adapter", instance->adapterName());
    entry.set("version", instance->adapterVersion());
    entry.set("plugin", instance->pluginName());
    entry.set("abi", instance->speaksAbi11() ? "1.1" : "1.0");
    // "none" is reported as such: that partner's adapter runs inside gatewayd, trusted.
    entry.set("isolation", instance->isolated() ? "process" : "none");
    if (instance->isolated()) entry.set("workers", instance->liveWorkers());
    // An edit of a file its options name (a mapping) that the adapter refused: the previous one still runs.
    if (auto refused = snapshot->reloadsRefused().find(partner); refused != snapshot->reloadsRefused().end())
      entry.set("reload_refused", refused->second);
    routed.add(entry);
  }
  Poco::JSON::Array unrouted;
  for (const auto& [partner, reason] : snapshot->unrouted()) {
    Poco::JSON::Object entry;
    entry.set("partner", partner);
    entry.set("reason", reason);
    unrouted.add(entry);
  }
  Poco::JSON::Object body;
  body.set("folder", host.config().folder);
  body.set("scans", static_cast<Poco::UInt64>(snapshot->scans()));
  body.set("plugins", plugins);
  body.set("refused", refused);
  body.set("routed", routed);
  body.set("unrouted", unrouted);
  return body;
}

}  // namespace

void addAdminPluginRoutes(Router& router, GatewayContext& context, PluginHost& plugins) {
  router.add("GET", "/v1/admin/plugins", [&context, &plugins](Request& request) {
    requireAdmin(request, *context.config.get(), context.audit);
    request.sendJson(200, listing(plugins));
  });
  router.add("POST", "/v1/admin/plugins/reload", [&context, &plugins](Request& request) {
    requireAdmin(request, *context.config.get(), context.audit);
    plugins.rescan();
    request.sendJson(200, listing(plugins));
  });
}

}  // namespace gw
