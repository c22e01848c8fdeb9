// The canonical page the host hands encode: a collection Bundle of Claims and what they reference,
// identified by the insurer's outbox page number. Resolves "Type/id" references inside the page.
#pragma once

#include "X12Json.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gw::x12 {

class ClaimPage {
 public:
  // Parses and checks the page: a Bundle of type collection with identifier
  // {system "urn:gw:group:outbox-page", value "<decimal page number>"} and at least one Claim.
  // Anything else is GW_ERR_INVALID naming what is wrong.
  explicit ClaimPage(std::string_view json);

  std::uint64_t pageNumber() const { return page_; }
  const std::vector<JsonObject>& claims() const { return claims_; }
  // Whether the page's Claims are pre-authorisation requests (Claim.use "preauthorization", sent as a 278)
  // rather than claims (837). A page is one interchange of one kind: mixing both is GW_ERR_INVALID.
  bool preauthorization() const { return preauthorization_; }

  // The resource `reference` ("Type/id", or a fullUrl) names, or null when the page lacks it.
  JsonObject find(const std::string& reference) const;
  // find, or GW_ERR_INVALID "Claim/<id>: <what> refers to <reference>, which is not in the page".
  JsonObject require(const JsonObject& claim, const std::string& what, const std::string& reference) const;

 private:
  std::uint64_t page_ = 0;
  bool preauthorization_ = false;
  std::vector<JsonObject> claims_;
  std::map<std::string, JsonObject> byReference_;
};

// GW_ERR_INVALID "Claim/<id>: <message>", located at the claim.
[[noreturn]] void claimError(const JsonObject& claim, const std::string& message);

}  // namespace gw::x12
