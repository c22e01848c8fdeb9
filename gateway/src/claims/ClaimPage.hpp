// The canonical page an insurer adapter renders: a FHIR Bundle (collection) of Claims followed by
// the resources they reference, directly or through those (e.g. Claim → Coverage → payer).
#pragma once

#include <Poco/Data/Session.h>

#include <string>
#include <vector>

#include "store/Database.hpp"

namespace gw {

std::string claimPageBundle(Database& db, Poco::Data::Session& session, const std::vector<std::string>& claimIds);

}  // namespace gw
