// POST /v1/admin/partners/{partner}/translate: a dry run of the partner's current adapter on the body.
// Answers the canonical FHIR JSON and stores nothing.
#pragma once

#include "app/GatewayContext.hpp"
#include "http/Router.hpp"
#include "plugin/PluginHost.hpp"

namespace gw {

void addAdminTranslateRoutes(Router& router, GatewayContext& context, PluginHost& plugins);

}  // namespace gw
