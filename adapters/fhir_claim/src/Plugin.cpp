// The fhir_claim plugin: one adapter, exported through gw_plugin_entry.
#include "FhirClaimAdapter.hpp"

GW_PLUGIN("fhir_claim", "1.0.0", gw::fhirclaim::FhirClaimAdapter)
