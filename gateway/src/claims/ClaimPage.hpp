// The canonical page an insurer adapter renders: a FHIR Bundle (collection) of Claims followed by
// the resources they reference, directly or through those (e.g. Claim → Coverage → payer).
#pragma once

#include <Poco/Data/Session.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/Database.hpp"

namespace gw {

// Every "Type/id" reference in a FHIR resource's JSON text, in document order: the links
// ResourceRepository::linksOf finds in the parsed resource (which lists them in Poco's sorted key order), a
// string "reference" member of any object below the top level, with a '/', not a "urn:".
std::vector<std::string> referencesInJson(std::string_view json);

// Numbers a new page for `insurer` (Bundle.identifier = {urn:gw:group:outbox-page, "<page>"}) and records each
// claim's position (1-based) so that acknowledgements can name "<page>/<position>". Writes: run it in a
// transaction.
std::string claimPageBundle(Database& db, Poco::Data::Session& session, const std::string& insurer,
                            const std::vector<std::string>& claimIds);

// The claims at "<page>/<position>" of `insurer`'s pages, by that text; one query per page named. Texts that
// name no claim of `insurer` are absent.
std::map<std::string, std::string> claimsAtPagePositions(Database& db, Poco::Data::Session& session,
                                                         const std::string& insurer,
                                                         const std::vector<std::string>& pagePositions);

}  // namespace gw
