// Logging set-up: one line per event to stderr, plain or JSON, at the configured level.
#pragma once

#include "config/GatewayConfig.hpp"

namespace gw {

void configureLogging(const LoggingConfig& config);

}  // namespace gw
