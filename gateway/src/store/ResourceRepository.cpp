#include "store/ResourceRepository.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/JSON/Array.h>
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>

#include <sstream>

namespace gw {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

namespace {

std::string utcNow() { return Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y-%m-%dT%H:%M:%S.%FZ"); }

std::vector<StoredResource> readRows(Poco::Data::Statement& statement) {
  std::vector<StoredResource> out;
  statement.execute();
  Poco::Data::RecordSet rows(statement);
  for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
    StoredResource r;
    r.type = rows.value(0).convert<std::string>();
    r.id = rows.value(1).convert<std::string>();
    r.version = rows.value(2).convert<int>();
    r.updatedAt = rows.value(3).convert<std::string>();
    r.body = rows.value(4).convert<std::string>();
    out.push_back(std::move(r));
  }
  return out;
}

// Every "Type/id" reference below `value`, recorded under the top-level element `path`.
void collectLinks(const std::string& path, const Poco::Dynamic::Var& value, std::vector<ResourceLink>& links) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    auto object = value.extract<Poco::JSON::Object::Ptr>();
    for (const auto& [key, member] : *object) {
      if (key == "reference" && member.isString()) {
        std::string target = member.extract<std::string>();
        if (target.find('/') != std::string::npos && target.rfind("urn:", 0) != 0) links.push_back({path, target});
      } else {
        collectLinks(path, member, links);
      }
    }
  } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    auto array = value.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) collectLinks(path, array->get(static_cast<unsigned>(i)), links);
  }
}

}  // namespace

std::vector<ResourceIdentifier> ResourceRepository::identifiersOf(const Poco::JSON::Object::Ptr& resource) {
  std::vector<ResourceIdentifier> out;
  Poco::JSON::Array::Ptr list = resource->getArray("identifier");
  if (!list) return out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    Poco::JSON::Object::Ptr identifier = list->getObject(static_cast<unsigned>(i));
    if (!identifier) continue;
    std::string system = identifier->optValue<std::string>("system", "");
    std::string value = identifier->optValue<std::string>("value", "");
    if (!system.empty() && !value.empty()) out.push_back({system, value});
  }
  return out;
}

std::vector<ResourceLink> ResourceRepository::linksOf(const Poco::JSON::Object::Ptr& resource) {
  std::vector<ResourceLink> links;
  for (const auto& [key, member] : *resource) collectLinks(key, member, links);
  return links;
}

int ResourceRepository::save(Poco::Data::Session& s, const Poco::JSON::Object::Ptr& resource,
                             std::int64_t sourceMessage) {
  const std::string type = resource->getValue<std::string>("resourceType");
  const std::string id = resource->getValue<std::string>("id");
  std::ostringstream body;
  resource->stringify(body);
  int version = put(s, type, id, body.str(), sourceMessage);
  setIdentifiers(s, type, id, identifiersOf(resource));
  setReferences(s, type, id, linksOf(resource));
  return version;
}

int ResourceRepository::put(Poco::Data::Session& s, const std::string& type, const std::string& id,
                            const std::string& body, std::int64_t sourceMessage) {
  std::string t = type, i = id, b = body, at = utcNow();
  Poco::Int64 source = sourceMessage;
  int version = 0;
  s << db_.sql("SELECT COALESCE(MAX(version), 0) FROM fhir_current WHERE resource_type = ? AND id = ?"), use(t),
      use(i), into(version), now;
  ++version;
  s << db_.sql("INSERT INTO fhir_resource (resource_type, id, version, updated_at, source_message, body) "
               "VALUES (?, ?, ?, ?, ?, ?)"),
      use(t), use(i), use(version), use(at), use(source), use(b), now;
  if (version == 1) {
    s << db_.sql("INSERT INTO fhir_current (resource_type, id, version) VALUES (?, ?, ?)"), use(t), use(i),
        use(version), now;
  } else {
    s << db_.sql("UPDATE fhir_current SET version = ? WHERE resource_type = ? AND id = ?"), use(version), use(t),
        use(i), now;
  }
  return version;
}

std::optional<StoredResource> ResourceRepository::current(Poco::Data::Session& s, const std::string& type,
                                                          const std::string& id) {
  std::string t = type, i = id;
  Poco::Data::Statement statement(s);
  statement << db_.sql("SELECT r.resource_type, r.id, r.version, r.updated_at, r.body FROM fhir_current c "
                       "JOIN fhir_resource r ON r.resource_type = c.resource_type AND r.id = c.id AND "
                       "r.version = c.version WHERE c.resource_type = ? AND c.id = ?"),
      use(t), use(i);
  auto rows = readRows(statement);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<StoredResource> ResourceRepository::history(Poco::Data::Session& s, const std::string& type,
                                                        const std::string& id) {
  std::string t = type, i = id;
  Poco::Data::Statement statement(s);
  statement << db_.sql("SELECT resource_type, id, version, updated_at, body FROM fhir_resource "
                       "WHERE resource_type = ? AND id = ? ORDER BY version DESC"),
      use(t), use(i);
  return readRows(statement);
}

void ResourceRepository::setIdentifiers(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                        const std::vector<ResourceIdentifier>& identifiers) {
  std::string t = type, i = id;
  s << db_.sql("DELETE FROM fhir_identifier WHERE resource_type = ? AND id = ?"), use(t), use(i), now;
  for (const auto& identifier : identifiers) {
    std::string system = identifier.system, value = identifier.value;
    // An identifier another resource held moves to this one (an upsert: one statement, both backends).
    s << db_.sql("INSERT INTO fhir_identifier (resource_type, system, value, id) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (resource_type, system, value) DO UPDATE SET id = excluded.id"),
        use(t), use(system), use(value), use(i), now;
  }
}

std::optional<std::string> ResourceRepository::findByIdentifier(Poco::Data::Session& s, const std::string& type,
                                                                const std::string& system, const std::string& value) {
  std::string t = type, sy = system, v = value;
  std::vector<std::string> ids;
  s << db_.sql("SELECT id FROM fhir_identifier WHERE resource_type = ? AND system = ? AND value = ?"), use(t), use(sy),
      use(v), into(ids), now;
  if (ids.empty()) return std::nullopt;
  return ids.front();
}

void ResourceRepository::setReferences(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                       const std::vector<ResourceLink>& links) {
  std::string t = type, i = id;
  s << db_.sql("DELETE FROM fhir_reference WHERE resource_type = ? AND id = ?"), use(t), use(i), now;
  for (const auto& link : links) {
    std::string path = link.path, target = link.target;
    s << db_.sql("INSERT INTO fhir_reference (resource_type, id, path, target) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT DO NOTHING"),
        use(t), use(i), use(path), use(target), now;
  }
}

std::vector<std::string> ResourceRepository::findReferencing(Poco::Data::Session& s, const std::string& type,
                                                             const std::string& path, const std::string& target) {
  std::string t = type, p = path, g = target;
  std::vector<std::string> ids;
  s << db_.sql("SELECT id FROM fhir_reference WHERE target = ? AND resource_type = ? AND path = ? ORDER BY id"),
      use(g), use(t), use(p), into(ids), now;
  return ids;
}

}  // namespace gw
