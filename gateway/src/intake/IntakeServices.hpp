// What a transport other than the HTTP routes (MLLP, folder pickup) needs to hand messages to the intake.
#pragma once

#include "app/GatewayContext.hpp"
#include "intake/MessageIntake.hpp"
#include "plugin/PluginHost.hpp"

namespace gw {

struct IntakeServices {
  GatewayContext& context;
  PluginHost& plugins;
  MessageIntake& intake;
};

}  // namespace gw
