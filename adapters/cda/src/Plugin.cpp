// Plugin.cpp: exports the cda adapter through the gateway plugin ABI.
#include "CdaAdapter.hpp"

GW_PLUGIN("cda", "1.0.0", gw::cda::CdaAdapter)
