#include "http/AdminPartnerRoutes.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "http/ApiKey.hpp"
#include "http/Authorization.hpp"

namespace gw {

void addAdminPartnerRoutes(Router& router, GatewayContext& context) {
  router.add("GET", "/v1/admin/partners", [&context](Request& request) {
    auto config = context.config.get();
    requireAdmin(request, *config, context.audit);
    Poco::JSON::Array partners;
    auto list = [&partners](const std::vector<PartnerConfig>& group, const char* kind) {
      for (const auto& partner : group) {
        Poco::JSON::Object entry;
        entry.set("id", partner.id);
        entry.set("kind", kind);
        entry.set("name", partner.name);
        entry.set("adapter", partner.adapter);
        entry.set("key", keyFingerprint(partner.keySha256));
        partners.add(entry);
      }
    };
    list(config->hospitals, "hospital");
    list(config->insurers, "insurer");
    Poco::JSON::Object body;
    body.set("partners", partners);
    request.sendJson(200, body);
  });
}

}  // namespace gw
