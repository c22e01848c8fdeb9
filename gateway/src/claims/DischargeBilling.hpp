// Builds claims as part of storing a hospital message, when the message ends an encounter (or brings
// charges for an ended one) and the hospital's contract bills on discharge.
#pragma once

#include <Poco/Data/Session.h>

#include <string>

#include "audit/AuditLog.hpp"
#include "config/GatewayConfig.hpp"
#include "intake/BundleWriter.hpp"
#include "store/Database.hpp"

namespace gw {

// Runs in the message's transaction. A claim that cannot be built never costs the message: its
// writes are rolled back to a savepoint and the reason is audited ("claims.build", "failed").
void billEndedEncounters(Database& db, Poco::Data::Session& session, const GatewayConfig& config,
                         const std::string& hospital, const BundleWriteResult& written, AuditLog& audit);

}  // namespace gw
