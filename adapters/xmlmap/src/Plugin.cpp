// Plugin.cpp: exports the xmlmap adapter through the gateway plugin ABI.
#include "XmlMapAdapter.hpp"

GW_PLUGIN("xmlmap", "1.0.0", gw::xmlmap::XmlMapAdapter)
