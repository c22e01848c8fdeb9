// Page checks and the reference index over its entries.
#include "ClaimPage.hpp"

#include <gw/kit/Profile.hpp>

#include <gw/plugin.hpp>

#include <cctype>

namespace gw::x12 {

namespace {

constexpr const char* kPreauthorizationUse = "preauthorization";

[[noreturn]] void invalid(const std::string& message, const std::string& location) {
  throw gw::sdk::Error(GW_ERR_INVALID, message, location);
}

}  // namespace

void claimError(const JsonObject& claim, const std::string& message) {
  throw gw::sdk::Error(GW_ERR_INVALID, "Claim/" + stringAt(claim, "id") + ": " + message,
                       "Claim/" + stringAt(claim, "id"));
}

ClaimPage::ClaimPage(std::string_view json) {
  JsonObject bundle = parseObject(std::string(json));
  if (stringAt(bundle, "resourceType") != "Bundle" || stringAt(bundle, "type") != "collection")
    invalid("the page must be a Bundle of type collection", "Bundle.type");
  JsonObject identifier = objectAt(bundle, "identifier");
  std::string value = stringAt(identifier, "value");
  if (stringAt(identifier, "system") != kit::profile::kOutboxPageSystem || value.empty() || value.size() > 19)
    invalid(std::string("the page has no Bundle.identifier {system: ") + kit::profile::kOutboxPageSystem +
                ", value: <page number>}: the X12 control numbers are made from it",
            "Bundle.identifier");
  for (char c : value)
    if (!std::isdigit(static_cast<unsigned char>(c)))
      invalid("Bundle.identifier.value \"" + value + "\" is not a decimal page number", "Bundle.identifier.value");
  page_ = std::stoull(value);

  JsonArray entries = arrayAt(bundle, "entry");
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    JsonObject entry = objectIn(entries, i);
    JsonObject resource = objectAt(entry, "resource");
    std::string type = stringAt(resource, "resourceType");
    if (type.empty()) invalid("Bundle.entry[" + std::to_string(i) + "] has no resource", "Bundle.entry[" + std::to_string(i) + "]");
    std::string id = stringAt(resource, "id");
    if (!id.empty()) byReference_.emplace(type + "/" + id, resource);
    if (std::string fullUrl = stringAt(entry, "fullUrl"); !fullUrl.empty()) byReference_.emplace(fullUrl, resource);
    if (type == "Claim") claims_.push_back(resource);
  }
  if (claims_.empty()) invalid("the page holds no Claim", "Bundle.entry");
  // The host pages pre-authorisations and claims apart; a page with both cannot be one interchange (278 and
  // 837 are different functional groups with different answers), so it is refused rather than split.
  preauthorization_ = stringAt(claims_.front(), "use") == kPreauthorizationUse;
  for (const auto& claim : claims_)
    if ((stringAt(claim, "use") == kPreauthorizationUse) != preauthorization_)
      claimError(claim, std::string("the page mixes pre-authorisation requests (use preauthorization, sent as a 278) with "
                                    "claims (sent as an 837): this Claim's use is \"") +
                            stringAt(claim, "use") + "\" but Claim/" + stringAt(claims_.front(), "id") + "'s is \"" +
                            stringAt(claims_.front(), "use") + "\"; one page is one interchange of one kind");
}

JsonObject ClaimPage::find(const std::string& reference) const {
  auto found = byReference_.find(reference);
  return found == byReference_.end() ? JsonObject() : found->second;
}

JsonObject ClaimPage::require(const JsonObject& claim, const std::string& what, const std::string& reference) const {
  if (reference.empty()) claimError(claim, "missing " + what);
  JsonObject resource = find(reference);
  if (!resource) claimError(claim, what + " refers to " + reference + ", which is not in the page");
  return resource;
}

}  // namespace gw::x12
