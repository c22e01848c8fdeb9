// Option parsing and checks for the x12 adapter.
#include "X12Options.hpp"

#include <gw/kit/PartnerOptions.hpp>

#include "X12Json.hpp"

#include <cctype>
#include <set>

namespace gw::x12 {

namespace {

[[noreturn]] void configError(const std::string& message) { throw gw::sdk::Error(GW_ERR_CONFIG, message); }

std::string text(const JsonObject& options, const std::string& key, const std::string& fallback, bool required) {
  if (!options->has(key) || options->isNull(key)) {
    if (required) configError("option " + key + " is required");
    return fallback;
  }
  const auto& value = options->get(key);
  if (!value.isString()) configError("option " + key + " must be a string");
  std::string result = value.toString();
  if (required && result.empty()) configError("option " + key + " is required (it is empty)");
  return result;
}

bool allDigits(const std::string& value) {
  if (value.empty()) return false;
  for (char c : value)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

char delimiter(const JsonObject& options, const std::string& key, char fallback) {
  std::string value = text(options, key, std::string(1, fallback), false);
  if (value.size() != 1 || std::isalnum(static_cast<unsigned char>(value[0])) || value[0] == ' ')
    configError("option " + key + " must be one character that is neither a letter, a digit nor a space");
  return value[0];
}

}  // namespace

std::vector<gw_config_field> x12ConfigFields() {
  return {
      {"sender_id", GW_FIELD_STRING, 1, nullptr, "ISA06/GS02 and 1000A submitter id (up to 15 characters)"},
      {"receiver_id", GW_FIELD_STRING, 1, nullptr, "ISA08/GS03 and 1000B receiver id (up to 15 characters)"},
      {"sender_qualifier", GW_FIELD_STRING, 0, "ZZ", "ISA05 id qualifier of sender_id"},
      {"receiver_qualifier", GW_FIELD_STRING, 0, "ZZ", "ISA07 id qualifier of receiver_id"},
      {"usage", GW_FIELD_STRING, 0, "T", "ISA15: T (test) or P (production)"},
      {"transaction", GW_FIELD_STRING, 0, "837P", "837P, 837I, or auto (by Claim.type)"},
      {"element_separator", GW_FIELD_STRING, 0, "*", "element separator"},
      {"segment_terminator", GW_FIELD_STRING, 0, "~", "segment terminator"},
      {"component_separator", GW_FIELD_STRING, 0, ":", "component separator (ISA16)"},
      {"repetition_separator", GW_FIELD_STRING, 0, "^", "repetition separator (ISA11)"},
      {"billing_provider_npi", GW_FIELD_STRING, 1, nullptr, "2010AA NM109: the group's NPI (10 digits)"},
      {"billing_provider_name", GW_FIELD_STRING, 1, nullptr, "2010AA NM103 and 1000A NM103: the group's name"},
      {"billing_provider_tax_id", GW_FIELD_STRING, 1, nullptr, "2010AA REF*EI: the group's EIN (9 digits)"},
      {"billing_provider_street", GW_FIELD_STRING, 1, nullptr, "2010AA N301"},
      {"billing_provider_city", GW_FIELD_STRING, 1, nullptr, "2010AA N401"},
      {"billing_provider_state", GW_FIELD_STRING, 1, nullptr, "2010AA N402 (2 letters)"},
      {"billing_provider_postal_code", GW_FIELD_STRING, 1, nullptr, "2010AA N403 (9 digits preferred)"},
      {"contact_name", GW_FIELD_STRING, 0, nullptr, "1000A PER02 (default: billing_provider_name)"},
      {"contact_phone", GW_FIELD_STRING, 1, nullptr, "1000A PER04 telephone number (digits)"},
      {"claim_filing_indicator", GW_FIELD_STRING, 0, "CI", "SBR09 (CI commercial, MB Medicare B, …)"},
      {"place_of_service", GW_FIELD_STRING, 0, "11", "837P CLM05-1 place of service code"},
      {"facility_type", GW_FIELD_STRING, 0, "13", "837I CLM05-1 facility type (first two digits of type of bill)"},
      {"revenue_code", GW_FIELD_STRING, 0, "0510", "837I SV201 when a line has no NUBC revenue code"},
      {"currency", GW_FIELD_STRING, 0, "USD", "currency of X12 amounts: Claims in another are refused, 835 amounts are read in it"},
  };
}

X12Options readOptions(const std::string& optionsJson) {
  JsonObject options;
  try {
    options = parseObject(optionsJson.empty() ? "{}" : optionsJson);
  } catch (const gw::sdk::Error& e) {
    configError(std::string("options: ") + e.what());
  }
  std::set<std::string> known;
  for (const auto& field : x12ConfigFields()) known.insert(field.name);
  known.insert(kit::kValidationOption);  // set by the host (ABI 1.1); the adapter reads it with kit::PartnerOptions
  for (const auto& key : options->getNames())
    if (!known.count(key)) configError("unknown option " + key);

  X12Options o;
  o.senderId = text(options, "sender_id", "", true);
  o.receiverId = text(options, "receiver_id", "", true);
  if (o.senderId.size() > 15) configError("option sender_id is longer than 15 characters (ISA06)");
  if (o.receiverId.size() > 15) configError("option receiver_id is longer than 15 characters (ISA08)");
  o.senderQualifier = text(options, "sender_qualifier", "ZZ", false);
  o.receiverQualifier = text(options, "receiver_qualifier", "ZZ", false);
  if (o.senderQualifier.size() != 2) configError("option sender_qualifier must be 2 characters (ISA05)");
  if (o.receiverQualifier.size() != 2) configError("option receiver_qualifier must be 2 characters (ISA07)");
  std::string usage = text(options, "usage", "T", false);
  if (usage != "T" && usage != "P") configError("option usage must be T or P");
  o.usage = usage[0];
  std::string transaction = text(options, "transaction", "837P", false);
  if (transaction == "837P") o.transaction = Transaction::Professional;
  else if (transaction == "837I") o.transaction = Transaction::Institutional;
  else if (transaction == "auto") o.transaction = Transaction::ByClaimType;
  else configError("option transaction must be 837P, 837I or auto");

  o.delimiters.element = delimiter(options, "element_separator", '*');
  o.delimiters.segment = delimiter(options, "segment_terminator", '~');
  o.delimiters.component = delimiter(options, "component_separator", ':');
  o.delimiters.repetition = delimiter(options, "repetition_separator", '^');
  std::set<char> distinct = {o.delimiters.element, o.delimiters.segment, o.delimiters.component,
                             o.delimiters.repetition};
  if (distinct.size() != 4) configError("options element_separator, segment_terminator, component_separator and "
                                        "repetition_separator must be four different characters");

  o.billingProviderNpi = text(options, "billing_provider_npi", "", true);
  if (o.billingProviderNpi.size() != 10 || !allDigits(o.billingProviderNpi))
    configError("option billing_provider_npi must be a 10-digit NPI");
  o.billingProviderTaxId = text(options, "billing_provider_tax_id", "", true);
  if (o.billingProviderTaxId.size() != 9 || !allDigits(o.billingProviderTaxId))
    configError("option billing_provider_tax_id must be a 9-digit EIN (no dash)");
  o.billingProviderName = text(options, "billing_provider_name", "", true);
  o.billingProviderStreet = text(options, "billing_provider_street", "", true);
  o.billingProviderCity = text(options, "billing_provider_city", "", true);
  o.billingProviderState = text(options, "billing_provider_state", "", true);
  o.billingProviderPostalCode = text(options, "billing_provider_postal_code", "", true);
  o.contactName = text(options, "contact_name", o.billingProviderName, false);
  o.contactPhone = text(options, "contact_phone", "", true);
  if (!allDigits(o.contactPhone)) configError("option contact_phone must be digits only (1000A PER04)");
  o.claimFilingIndicator = text(options, "claim_filing_indicator", "CI", false);
  o.placeOfService = text(options, "place_of_service", "11", false);
  o.facilityType = text(options, "facility_type", "13", false);
  o.revenueCode = text(options, "revenue_code", "0510", false);
  o.currency = text(options, "currency", "USD", false);
  return o;
}

bool isInpatientFacility(const std::string& facilityType) {
  return facilityType.rfind("11", 0) == 0 || facilityType.rfind("18", 0) == 0 || facilityType.rfind("21", 0) == 0;
}

}  // namespace gw::x12
