// Process-wide libxml2 set-up: initialise the library once and make it unable to open files or URLs.
#pragma once

namespace gw::kit {

// Initialises libxml2 and installs an external entity loader that refuses everything, once per
// process (thread-safe). HardenedXml::parse calls it; a host may call it at start-up so that the
// first request does not pay for it.
void installDenyAllEntityLoader();

}  // namespace gw::kit
