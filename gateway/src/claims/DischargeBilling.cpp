#include "claims/DischargeBilling.hpp"

#include <Poco/Logger.h>

#include <set>

#include "claims/ClaimBuilder.hpp"
#include "common/Json.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

using Poco::Data::Keywords::now;

void billEndedEncounters(Database& db, Poco::Data::Session& s, const GatewayConfig& config,
                         const std::string& hospitalId, const BundleWriteResult& written, AuditLog& audit) {
  const PartnerConfig* hospital = config.hospital(hospitalId);
  if (!hospital || !hospital->contract.configured() || hospital->contract.billing != "discharge") return;
  ResourceRepository resources(db);
  std::set<std::string> encounters;
  for (const auto& r : written.resources) {
    if (r.type == "Encounter") encounters.insert(r.id);
    if (r.type == "ChargeItem") {
      auto charge = resources.current(s, "ChargeItem", r.id);
      const std::string context = charge ? referenceAt(parseJsonObject(charge->body, "ChargeItem"), "context") : "";
      if (context.rfind("Encounter/", 0) == 0) encounters.insert(context.substr(10));
    }
  }
  for (const auto& id : encounters) {
    auto encounter = resources.current(s, "Encounter", id);
    if (!encounter || parseJsonObject(encounter->body, "Encounter")->optValue<std::string>("status", "") != "finished")
      continue;
    s << "SAVEPOINT bill", now;
    try {
      ClaimBuildResult result = ClaimBuilder(db).build(s, config, id);
      s << "RELEASE SAVEPOINT bill", now;
      if (result.status == "billed")
        audit.append(s, {"hospital:" + hospitalId, "claims.build", "Encounter/" + id, "ok",
                         result.coverage + ", " + std::to_string(result.claims.size()) + " claims"});
    } catch (const ClaimBuildError& e) {
      s << "ROLLBACK TO SAVEPOINT bill", now;
      s << "RELEASE SAVEPOINT bill", now;
      Poco::Logger::get("gateway.claims").warning("Encounter/%s not billed: %s", id, std::string(e.what()));
      audit.append(s, {"hospital:" + hospitalId, "claims.build", "Encounter/" + id, "failed", e.what()});
    }
  }
}

}  // namespace gw
