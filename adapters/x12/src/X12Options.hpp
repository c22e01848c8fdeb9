// The partner options of the x12 adapter: interchange ids, delimiters, transaction choice and the
// billing provider the group bills as. Read once at create; a bad value is GW_ERR_CONFIG naming the key.
#pragma once

#include "X12Interchange.hpp"

#include <gw/plugin.hpp>

#include <string>
#include <vector>

namespace gw::x12 {

enum class Transaction { Professional, Institutional, ByClaimType };  // 837P, 837I, "auto"

struct X12Options {
  std::string senderId, receiverId;
  std::string senderQualifier = "ZZ", receiverQualifier = "ZZ";
  char usage = 'T';  // ISA15: T test, P production
  Delimiters delimiters;
  Transaction transaction = Transaction::Professional;
  std::string billingProviderNpi, billingProviderName, billingProviderTaxId;
  std::string billingProviderStreet, billingProviderCity, billingProviderState, billingProviderPostalCode;
  std::string contactName, contactPhone;  // 1000A PER: whom the insurer calls about the file
  std::string claimFilingIndicator = "CI";  // SBR09: CI commercial insurance
  std::string placeOfService = "11";        // 837P CLM05-1: 11 office
  std::string facilityType = "13";          // 837I CLM05-1: 13 hospital outpatient
  std::string revenueCode = "0510";         // 837I SV201 when a line carries no revenue code: 0510 clinic
  std::string currency = "USD";             // of every X12 amount, both ways
};

// Whether a facility type code (837I CLM05-1, 278 UM04-1) is an inpatient stay: 11 hospital inpatient,
// 18 swing bed, 21 skilled nursing inpatient. Inpatient bills carry an admission date.
bool isInpatientFacility(const std::string& facilityType);

// The config fields the plugin declares (names, types, required, defaults), for the descriptor.
std::vector<gw_config_field> x12ConfigFields();

// Reads `optionsJson` (a JSON object). Missing required ids, a malformed NPI (10 digits) or tax id
// (9 digits), delimiters that are not one distinct character each → GW_ERR_CONFIG naming the option.
X12Options readOptions(const std::string& optionsJson);

}  // namespace gw::x12
