#include "store/ResourceRepository.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>

#include <algorithm>
#include <sstream>

namespace gw {

using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

namespace {

std::string utcNow() { return Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y-%m-%dT%H:%M:%S.%FZ"); }

// Runs a query selecting (resource_type, id, version, updated_at, body) into typed columns: no RecordSet,
// whose per-cell variants cost an allocation each on the writer's hot path.
std::vector<StoredResource> readRows(Poco::Data::Statement& statement) {
  std::vector<std::string> types, ids, updated, bodies;
  std::vector<int> versions;
  statement, into(types), into(ids), into(versions), into(updated), into(bodies);
  statement.execute();
  std::vector<StoredResource> out(types.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = {std::move(types[i]), std::move(ids[i]), versions[i], std::move(updated[i]), std::move(bodies[i])};
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

// "(?, ?, ?), (?, ?, ?)": `rows` placeholder tuples of `columns` each, for a multi-row insert.
std::string valueRows(std::size_t columns, std::size_t rows) {
  std::string tuple = "(";
  for (std::size_t c = 0; c < columns; ++c) tuple += c == 0 ? "?" : ", ?";
  tuple += ")";
  std::string out;
  for (std::size_t r = 0; r < rows; ++r) out += (r == 0 ? "" : ", ") + tuple;
  return out;
}

// Calls `insert(from, to)` for chunks of at most 200 rows: far below both backends' parameter limits.
template <typename Insert>
void forEachChunk(std::size_t rows, Insert insert) {
  constexpr std::size_t kChunk = 200;
  for (std::size_t from = 0; from < rows; from += kChunk) insert(from, std::min(rows, from + kChunk));
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

PreviousVersion ResourceRepository::previousVersion(const StoredResource& stored,
                                                    const Poco::JSON::Object::Ptr& parsedBody) {
  return {stored.version, stored.body, identifiersOf(parsedBody), linksOf(parsedBody)};
}

int ResourceRepository::saveOver(Poco::Data::Session& s, const Poco::JSON::Object::Ptr& resource,
                                 const PreviousVersion* stored, std::int64_t sourceMessage) {
  const std::string type = resource->getValue<std::string>("resourceType");
  const std::string id = resource->getValue<std::string>("id");
  std::ostringstream out;
  resource->stringify(out);
  const std::string body = out.str();
  if (stored && stored->body == body) return stored->version;
  const int version = putAfter(s, type, id, body, stored ? stored->version : 0, sourceMessage);
  const auto identifiers = identifiersOf(resource);
  if (!stored || identifiers != stored->identifiers) {
    if (stored) {
      std::string t = type, i = id;
      s << db_.sql("DELETE FROM fhir_identifier WHERE resource_type = ? AND id = ?"), use(t), use(i), now;
    }
    insertIdentifiers(s, type, id, identifiers);
  }
  const auto links = linksOf(resource);
  if (!stored || links != stored->links) {
    if (stored) {
      std::string t = type, i = id;
      s << db_.sql("DELETE FROM fhir_reference WHERE resource_type = ? AND id = ?"), use(t), use(i), now;
    }
    insertReferences(s, type, id, links);
  }
  return version;
}

int ResourceRepository::put(Poco::Data::Session& s, const std::string& type, const std::string& id,
                            const std::string& body, std::int64_t sourceMessage) {
  std::string t = type, i = id;
  int previous = 0;
  s << db_.sql("SELECT COALESCE(MAX(version), 0) FROM fhir_current WHERE resource_type = ? AND id = ?"), use(t),
      use(i), into(previous), now;
  return putAfter(s, type, id, body, previous, sourceMessage);
}

int ResourceRepository::putAfter(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                 const std::string& body, int previousVersion, std::int64_t sourceMessage) {
  std::string t = type, i = id, b = body, at = utcNow();
  Poco::Int64 source = sourceMessage;
  int version = previousVersion + 1;
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
  insertIdentifiers(s, type, id, identifiers);
}

void ResourceRepository::insertIdentifiers(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                           const std::vector<ResourceIdentifier>& identifiers) {
  // One upsert may not touch a row twice (PostgreSQL refuses), so repeats are dropped first.
  std::vector<ResourceIdentifier> unique;
  for (const auto& identifier : identifiers)
    if (std::find(unique.begin(), unique.end(), identifier) == unique.end()) unique.push_back(identifier);
  forEachChunk(unique.size(), [&](std::size_t from, std::size_t to) {
    // An identifier another resource held moves to this one (an upsert: one statement, both backends).
    Poco::Data::Statement insert(s);
    insert << db_.sql("INSERT INTO fhir_identifier (resource_type, system, value, id) VALUES " +
                      valueRows(4, to - from) +
                      " ON CONFLICT (resource_type, system, value) DO UPDATE SET id = excluded.id");
    for (std::size_t k = from; k < to; ++k) insert, bind(type), bind(unique[k].system), bind(unique[k].value), bind(id);
    insert.execute();
  });
}

std::optional<StoredResource> ResourceRepository::currentByIdentifier(Poco::Data::Session& s, const std::string& type,
                                                                      const std::string& system,
                                                                      const std::string& value) {
  std::string t = type, sy = system, v = value;
  Poco::Data::Statement statement(s);
  statement << db_.sql("SELECT r.resource_type, r.id, r.version, r.updated_at, r.body FROM fhir_identifier i "
                       "JOIN fhir_current c ON c.resource_type = i.resource_type AND c.id = i.id "
                       "JOIN fhir_resource r ON r.resource_type = c.resource_type AND r.id = c.id AND "
                       "r.version = c.version WHERE i.resource_type = ? AND i.system = ? AND i.value = ?"),
      use(t), use(sy), use(v);
  auto rows = readRows(statement);
  if (rows.empty()) return std::nullopt;
  return rows.front();
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
  insertReferences(s, type, id, links);
}

void ResourceRepository::insertReferences(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                          const std::vector<ResourceLink>& links) {
  forEachChunk(links.size(), [&](std::size_t from, std::size_t to) {
    Poco::Data::Statement insert(s);
    insert << db_.sql("INSERT INTO fhir_reference (resource_type, id, path, target) VALUES " +
                      valueRows(4, to - from) + " ON CONFLICT DO NOTHING");
    for (std::size_t k = from; k < to; ++k) insert, bind(type), bind(id), bind(links[k].path), bind(links[k].target);
    insert.execute();
  });
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
