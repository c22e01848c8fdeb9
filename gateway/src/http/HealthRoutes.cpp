#include "http/HealthRoutes.hpp"

#include <Poco/JSON/Object.h>

namespace gw {

void addHealthRoutes(Router& router, GatewayContext& context) {
  router.add("GET", "/healthz", [](Request& request) {
    Poco::JSON::Object body;
    body.set("status", "up");
    request.sendJson(200, body);
  });
  router.add("GET", "/readyz", [&context](Request& request) {
    Poco::JSON::Object body;
    Poco::JSON::Object checks;
    bool ready = true;
    for (const auto& check : context.readiness) {
      std::string why;
      bool ok = check.ready(why);
      ready = ready && ok;
      checks.set(check.name, ok ? std::string("ok") : why);
    }
    // Each listener by name: its address, or why it is not listening (which makes the gateway not ready: a
    // hospital would find its port closed).
    Poco::JSON::Object listeners;
    if (context.listeners)
      for (const auto& listener : context.listeners()) {
        ready = ready && listener.listening;
        listeners.set(listener.name, listener.listening ? "listening on " + listener.address : listener.why);
      }
    body.set("status", ready ? "ready" : "not_ready");
    body.set("checks", checks);
    if (listeners.size() > 0) body.set("listeners", listeners);
    request.sendJson(ready ? 200 : 503, body);
  });
  router.add("GET", "/metrics", [&context](Request& request) {
    request.send(200, "text/plain; version=0.0.4; charset=utf-8", context.metrics.render());
  });
}

}  // namespace gw
