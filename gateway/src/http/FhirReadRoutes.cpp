#include "http/FhirReadRoutes.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <regex>

#include "common/Json.hpp"
#include "http/Authorization.hpp"
#include "http/HttpError.hpp"
#include "store/ResourceRepository.hpp"

namespace gw {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const char* const kFhirJson = "application/fhir+json";

// The stored body with the store's version facts in meta.
Object::Ptr withMeta(const StoredResource& stored) {
  // The kit's reader: decimals are written back exactly as stored (220.00 stays 220.00).
  Object::Ptr resource = parseJsonObject(stored.body, stored.type);
  Object::Ptr meta = resource->getObject("meta");
  if (!meta) {
    meta = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    resource->set("meta", meta);
  }
  meta->set("versionId", std::to_string(stored.version));
  meta->set("lastUpdated", stored.updatedAt);
  return resource;
}

Object::Ptr bundleOf(const std::string& type, const std::vector<StoredResource>& resources) {
  Object::Ptr bundle = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  bundle->set("resourceType", std::string("Bundle"));
  bundle->set("type", type);
  bundle->set("total", static_cast<int>(resources.size()));
  Array::Ptr entries = new Array;
  for (const auto& stored : resources) {
    Object::Ptr entry = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    entry->set("fullUrl", stored.type + "/" + stored.id);
    entry->set("resource", withMeta(stored));
    if (type == "searchset") {
      Object::Ptr search = new Object;
      search->set("mode", std::string("match"));
      entry->set("search", search);
    }
    entries->add(entry);
  }
  bundle->set("entry", entries);
  return bundle;
}

void requireResourceType(const std::string& type) {
  static const std::regex pattern("^[A-Z][A-Za-z]{1,63}$");
  if (!std::regex_match(type, pattern)) throw HttpError(400, "bad_type", "'" + type + "' is not a FHIR resource type");
}

// Authenticates the group before anything else; a failure is audited.
void authenticate(Request& request, GatewayContext& context) {
  requireGroup(request, *context.config.get(), context.audit);
}

void audit(GatewayContext& context, const Request& request, const std::string& resource, const std::string& detail) {
  context.audit.append(fromClient(request, {"group", "fhir.read", resource, "ok", detail}));
}

}  // namespace

void addFhirReadRoutes(Router& router, GatewayContext& context) {
  router.add("GET", "/v1/fhir/{type}/{id}", [&context](Request& request) {
    authenticate(request, context);
    const std::string type = request.param("type"), id = request.param("id");
    requireResourceType(type);
    Poco::Data::Session s = context.db.session();
    auto stored = ResourceRepository(context.db).current(s, type, id);
    if (!stored) throw HttpError(404, "not_found", type + "/" + id + " does not exist");
    audit(context, request, type + "/" + id, "read");
    request.send(200, kFhirJson, toJson(withMeta(*stored)));
  });

  router.add("GET", "/v1/fhir/{type}/{id}/_history", [&context](Request& request) {
    authenticate(request, context);
    const std::string type = request.param("type"), id = request.param("id");
    requireResourceType(type);
    Poco::Data::Session s = context.db.session();
    auto versions = ResourceRepository(context.db).history(s, type, id);
    if (versions.empty()) throw HttpError(404, "not_found", type + "/" + id + " does not exist");
    audit(context, request, type + "/" + id, "history");
    request.send(200, kFhirJson, toJson(bundleOf("history", versions)));
  });

  // Searches: ?identifier=system|value on any type; ?patient=<id> or ?subject=Patient/<id> on the
  // types that point at a patient.
  router.add("GET", "/v1/fhir/{type}", [&context](Request& request) {
    authenticate(request, context);
    const std::string type = request.param("type");
    requireResourceType(type);
    ResourceRepository repository(context.db);
    Poco::Data::Session s = context.db.session();
    std::vector<std::string> ids;
    std::string criterion;
    if (std::string identifier = request.query("identifier"); !identifier.empty()) {
      auto bar = identifier.find('|');
      if (bar == std::string::npos || bar == 0 || bar + 1 == identifier.size())
        throw HttpError(400, "bad_search", "identifier must be system|value");
      // Each partner's own record with that identifier (a national ID finds every hospital's Patient).
      ids = repository.findAllByIdentifier(s, type, identifier.substr(0, bar), identifier.substr(bar + 1));
      criterion = "identifier";
    } else if (std::string patient = request.query("patient"); !patient.empty()) {
      const std::string target = patient.rfind("Patient/", 0) == 0 ? patient : "Patient/" + patient;
      for (const char* path : {"subject", "patient", "beneficiary"})
        for (const auto& id : repository.findReferencing(s, type, path, target)) ids.push_back(id);
      criterion = "patient";
    } else {
      throw HttpError(400, "bad_search", "search needs identifier=system|value or patient=<id>");
    }
    std::vector<StoredResource> found;
    for (const auto& id : ids)
      if (auto stored = repository.current(s, type, id)) found.push_back(*stored);
    for (const auto& stored : found) audit(context, request, stored.type + "/" + stored.id, "search by " + criterion);
    request.send(200, kFhirJson, toJson(bundleOf("searchset", found)));
  });
}

}  // namespace gw
