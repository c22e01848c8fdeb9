// Plugin.cpp: exports the hl7v2 adapter through the gateway plugin ABI.
#include "Hl7v2Adapter.hpp"

GW_PLUGIN("hl7v2", "1.0.0", gw::hl7v2::Hl7v2Adapter)
