// Deterministic ids and the collection Bundle of decoded ClaimResponses.
#include "ResponseBundle.hpp"

#include <Poco/UUIDGenerator.h>

#include <cctype>

namespace gw::x12 {

std::string nameUuid(const std::string& name) {
  static const Poco::UUID kNamespace("6f1c5a9e-3d2b-4c1a-9e8f-0a1b2c3d4e5f");  // this adapter's own namespace
  return Poco::UUIDGenerator::defaultGenerator().createFromName(kNamespace, name).toString();
}

std::string fhirDate(const std::string& x12Date) {
  if (x12Date.size() != 8) return {};
  for (char c : x12Date)
    if (!std::isdigit(static_cast<unsigned char>(c))) return {};
  // Payers do send impossible dates (the public managed-care 835 has BPR16 20002316): not a date.
  int month = std::stoi(x12Date.substr(4, 2)), day = std::stoi(x12Date.substr(6, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) return {};
  return x12Date.substr(0, 4) + "-" + x12Date.substr(4, 2) + "-" + x12Date.substr(6, 2);
}

JsonObject processNote(std::size_t number, const std::string& text) {
  JsonObject entry = newObject();
  entry->set("number", static_cast<int>(number));
  entry->set("type", "display");
  entry->set("text", text);
  return entry;
}

std::string setPosition(const Interchange& interchange, const FunctionalGroup& group, const TransactionSet& set) {
  std::string sender = interchange.segments.front().at(6);
  while (!sender.empty() && sender.back() == ' ') sender.pop_back();
  return sender + "/" + interchange.control + "/" + group.control + "/" + set.control;
}

std::string responseBundle(const Interchange& interchange, const std::vector<JsonObject>& responses) {
  JsonObject bundle = newObject();
  bundle->set("resourceType", "Bundle");
  bundle->set("id", nameUuid("bundle|" + interchange.segments.front().at(6) + "|" + interchange.control));
  JsonObject identifier = newObject();
  identifier->set("system", "urn:gw:x12:interchange");
  identifier->set("value", interchange.control);
  bundle->set("identifier", identifier);
  bundle->set("type", "collection");
  JsonArray entries = new Poco::JSON::Array;
  for (const auto& response : responses) {
    JsonObject entry = newObject();
    entry->set("fullUrl", "urn:uuid:" + stringAt(response, "id"));
    entry->set("resource", response);
    entries->add(entry);
  }
  bundle->set("entry", entries);
  return render(bundle);
}

}  // namespace gw::x12
