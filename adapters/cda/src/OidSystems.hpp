// OidSystems.hpp: the adapter's table from OIDs (Chinese national 2.16.156.10011.…, HL7 / C-CDA
// 2.16.840.1.113883.…) to FHIR identifier and code system URIs, what each id means, and the
// partner's overrides (option oid_systems). An OID not in the table becomes urn:oid:<oid>: never dropped.
#pragma once

#include <map>
#include <string>

namespace gw::cda {

// What a Chinese national id root says its id is for, so the mapping knows where the id belongs.
enum class IdRole { Other, Patient, Encounter, Practitioner, Organization, Department, Ward, Prescription };

struct OidEntry {
  const char* oid;
  const char* system;     // nullptr: urn:oid:<oid>
  IdRole role;
  const char* typeCode;   // HL7 v2 table 0203 code for identifier.type, or nullptr
  const char* label;      // what the standard calls it
};

class OidSystems {
 public:
  explicit OidSystems(std::map<std::string, std::string> overrides) : overrides_(std::move(overrides)) {}

  std::string system(const std::string& oid) const;  // override, table, else urn:oid:<oid>
  // True when the partner's oid_systems option names a system for this root.
  bool overrides(const std::string& root) const { return overrides_.count(root) > 0; }
  static const OidEntry* find(const std::string& oid);
  static IdRole role(const std::string& oid);
  static const std::map<std::string, OidEntry>& table();

 private:
  std::map<std::string, std::string> overrides_;
};

}  // namespace gw::cda
