#include "http/AdminTranslateRoutes.hpp"

#include <Poco/JSON/Object.h>

#include "http/Authorization.hpp"
#include "http/HttpError.hpp"
#include "intake/OperationOutcomeText.hpp"

namespace gw {

void addAdminTranslateRoutes(Router& router, GatewayContext& context, PluginHost& plugins) {
  router.add("POST", "/v1/admin/partners/{partner}/translate", [&context, &plugins](Request& request) {
    auto config = context.config.get();
    requireAdmin(request, *config, context.audit);
    const std::string partner = request.param("partner");
    if (!config->hospital(partner) && !config->insurer(partner))
      throw HttpError(404, "unknown_partner", "no partner has id '" + partner + "'");
    // Held until the answer is sent: the instance and its library outlive any replacement meanwhile.
    auto snapshot = plugins.snapshot();
    auto instance = snapshot->partner(partner);
    if (!instance) throw HttpError(503, "partner_unrouted", snapshot->unroutedReason(partner));
    const std::string body = request.readBody();
    AdapterCallResult result = instance->decode(body, request.http().getContentType());
    request.response().set("X-Gateway-Adapter", instance->adapterName() + "/" + instance->adapterVersion());
    if (result.ok()) {
      // The fields lenient validation reported (names only: the values stay out of headers and logs).
      std::string warned;
      for (const MessageIssue& issue : issuesOf(result.issues)) warned += (warned.empty() ? "" : ", ") + issue.field;
      if (!warned.empty()) request.response().set("X-Gateway-Warnings", warned);
      request.send(200, result.contentType.empty() ? "application/fhir+json" : result.contentType, result.output);
      return;
    }
    Poco::JSON::Object error;
    // Refused by the host's screen before the adapter saw it: the bytes are at fault, not the mapping.
    error.set("code", result.screenedOut ? "screened_out" : "adapter_rejected");
    error.set("status", statusName(result.status));
    error.set("message", result.error);
    if (!result.errorLocation.empty()) error.set("location", result.errorLocation);
    Poco::JSON::Object answer;
    answer.set("error", error);
    request.sendJson(result.screenedOut ? 400 : 422, answer);
  });
}

}  // namespace gw
