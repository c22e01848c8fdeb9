// The canonical page an insurer adapter renders: a FHIR Bundle (collection) of Claims followed by
// the resources they reference, directly or through those (e.g. Claim → Coverage → payer).
#pragma once

#include <Poco/Data/Session.h>

#include <string>
#include <vector>

#include "store/Database.hpp"

namespace gw {


// Numbers a new page for `insurer` (Bundle.identifier = {urn:gw:group:outbox-page, "<page>"}) and records each
// claim's position (1-based) so that acknowledgements can name "<page>/<position>". Writes: run it in a
// transaction.
std::string claimPageBundle(Database& db, Poco::Data::Session& session, const std::string& insurer,
                            const std::vector<std::string>& claimIds);

// The claim at "<page>/<position>" of one of `insurer`'s pages; empty when there is none.
std::string claimAtPagePosition(Database& db, Poco::Data::Session& session, const std::string& insurer,
                                const std::string& pagePosition);

}  // namespace gw
