// Whose identifier is it? A partner may create and change only resources under identifiers it owns.
//
// - `urn:gw:<partner>:…` belongs to that partner, `urn:gw:group:…` to the group (the gateway sets it),
//   except `urn:gw:group:partner|<partner>`, the partner's own Organization, which that partner owns;
// - `urn:oid:<oid>` belongs to the partner that lists the OID (or a parent of it) in `identifier_oids`;
// - linking identifiers (the resident ID card, passports) name a person, not a record: they link
//   each hospital's Patient to the others, and never let one hospital change another's;
// - any other system (a national type OID such as the inpatient number's, an SSN) is shared: it
//   identifies a record only among the sending partner's own resources.
#pragma once

#include <map>
#include <string>

#include "config/GatewayConfig.hpp"

namespace gw {

class IdentifierOwnership {
 public:
  enum class Kind { own, foreign, linking, shared };
  struct Verdict {
    Kind kind = Kind::shared;
    std::string owner;  // the owning partner (or "group") for own and foreign
  };

  explicit IdentifierOwnership(const GatewayConfig& config);

  Verdict classify(const std::string& partner, const std::string& system, const std::string& value) const;
  static bool isLinking(const std::string& system);

 private:
  std::map<std::string, std::string> oidOwners_;  // OID → partner id
};

}  // namespace gw
