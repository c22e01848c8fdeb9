// The FHIR datatypes this adapter writes and the typed reads only it needs (see X12Json.hpp).
#include "X12Json.hpp"

#include <gw/kit/Money.hpp>
#include <gw/plugin.hpp>

namespace gw::x12 {

std::string numberAt(const JsonObject& object, const std::string& key) {
  if (!object || !object->has(key) || object->isNull(key)) return {};
  const auto& value = object->get(key);
  if (value.isString()) return value.toString();
  return value.isNumeric() ? render(value) : std::string();
}

std::string firstCode(const JsonObject& concept) { return stringAt(objectIn(arrayAt(concept, "coding"), 0), "code"); }

std::string x12Date(const std::string& fhirDate) {
  if (fhirDate.size() < 10) return {};
  return fhirDate.substr(0, 4) + fhirDate.substr(5, 2) + fhirDate.substr(8, 2);
}

JsonObject concept(const std::string& system, const std::string& code, const std::string& display) {
  JsonObject coding = newObject();
  coding->set("system", system);
  coding->set("code", code);
  if (!display.empty()) coding->set("display", display);
  JsonArray codings = new Poco::JSON::Array;
  codings->add(coding);
  JsonObject result = newObject();
  result->set("coding", codings);
  return result;
}

JsonObject money(const std::string& amount, const std::string& currency) {
  // Exact: the insurer's decimal text in the currency's minor units, written back as a JSON decimal.
  auto minor = kit::minorUnits(std::string_view(amount), kit::minorDigits(currency));
  if (!minor)
    throw gw::sdk::Error(GW_ERR_INVALID, "amount \"" + amount + "\" is not an exact amount of " + currency);
  JsonObject result = newObject();
  result->set("value", kit::jsonAmount(*minor, kit::minorDigits(currency)));
  result->set("currency", currency);
  return result;
}

JsonObject referenceTo(const std::string& reference) {
  JsonObject result = newObject();
  result->set("reference", reference);
  return result;
}

}  // namespace gw::x12
