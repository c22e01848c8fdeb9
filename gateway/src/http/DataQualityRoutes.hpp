// GET /v1/admin/data-quality: what hospitals send wrong, counted per field (warnings of accepted messages and
// refusals), and GET /v1/admin/messages/{id}/issues: one message's OperationOutcome.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"

namespace gw {

void addDataQualityRoutes(Router& router, GatewayContext& context);

}  // namespace gw
