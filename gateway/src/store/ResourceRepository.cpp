#include "store/ResourceRepository.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <sstream>

#include "common/StoreValues.hpp"
#include "store/Sql.hpp"

namespace gw {


namespace {


// Rows of (resource_type, id, version, updated_at, body).
std::vector<StoredResource> storedResources(const std::vector<SqlRow>& rows) {
  std::vector<StoredResource> out;
  out.reserve(rows.size());
  for (const SqlRow& row : rows)
    out.push_back({text(row, 0), text(row, 1), static_cast<int>(integer(row, 2)), text(row, 3), text(row, 4)});
  return out;
}

std::optional<StoredResource> first(std::vector<StoredResource> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
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
                             std::int64_t sourceMessage, const std::string& owner) {
  const std::string type = resource->getValue<std::string>("resourceType");
  const std::string id = resource->getValue<std::string>("id");
  std::ostringstream body;
  resource->stringify(body);
  int version = put(s, type, id, body.str(), sourceMessage, owner);
  setIdentifiers(s, type, id, identifiersOf(resource), owner);
  setReferences(s, type, id, linksOf(resource));
  return version;
}

PreviousVersion ResourceRepository::previousVersion(const StoredResource& stored,
                                                    const Poco::JSON::Object::Ptr& parsedBody) {
  return {stored.version, stored.body, identifiersOf(parsedBody), linksOf(parsedBody), ""};
}

int ResourceRepository::saveOver(Poco::Data::Session& s, const Poco::JSON::Object::Ptr& resource,
                                 const PreviousVersion* stored, std::int64_t sourceMessage, const std::string& owner,
                                 const std::string& incomingSha256) {
  const std::string type = resource->getValue<std::string>("resourceType");
  const std::string id = resource->getValue<std::string>("id");
  std::ostringstream out;
  resource->stringify(out);
  const std::string body = out.str();
  if (stored && stored->body == body) {
    if (incomingSha256 != stored->incomingSha256)
      runSql(db_, s, "UPDATE fhir_current SET incoming_sha256 = NULLIF(?, '') WHERE resource_type = ? AND id = ?",
             {incomingSha256, type, id});
    return stored->version;
  }
  const int version =
      putAfter(s, type, id, body, stored ? stored->version : 0, sourceMessage, owner, incomingSha256);
  const auto identifiers = identifiersOf(resource);
  if (!stored || identifiers != stored->identifiers) {
    if (stored) runSql(db_, s, "DELETE FROM fhir_identifier WHERE resource_type = ? AND id = ?", {type, id});
    insertIdentifiers(s, type, id, identifiers, owner);
  }
  const auto links = linksOf(resource);
  if (!stored || links != stored->links) {
    if (stored) runSql(db_, s, "DELETE FROM fhir_reference WHERE resource_type = ? AND id = ?", {type, id});
    insertReferences(s, type, id, links);
  }
  return version;
}

int ResourceRepository::put(Poco::Data::Session& s, const std::string& type, const std::string& id,
                            const std::string& body, std::int64_t sourceMessage, const std::string& owner) {
  auto rows = runSql(db_, s, "SELECT COALESCE(MAX(version), 0) FROM fhir_current WHERE resource_type = ? AND id = ?",
                     {type, id});
  return putAfter(s, type, id, body, static_cast<int>(integer(rows.at(0), 0)), sourceMessage, owner);
}

int ResourceRepository::putAfter(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                 const std::string& body, int previousVersion, std::int64_t sourceMessage,
                                 const std::string& owner, const std::string& incomingSha256) {
  const std::int64_t version = previousVersion + 1;
  runSql(db_, s,
         "INSERT INTO fhir_resource (resource_type, id, version, updated_at, source_message, body) "
         "VALUES (?, ?, ?, ?, ?, ?)",
         {type, id, version, utcTimestamp(), sourceMessage, body});
  // A version the gateway writes itself (no incoming form) clears the hash: the next incoming form is merged.
  if (version == 1)
    runSql(db_, s,
           "INSERT INTO fhir_current (resource_type, id, version, owner, incoming_sha256) "
           "VALUES (?, ?, ?, ?, NULLIF(?, ''))",
           {type, id, version, owner, incomingSha256});
  else
    runSql(db_, s,
           "UPDATE fhir_current SET version = ?, incoming_sha256 = NULLIF(?, '') WHERE resource_type = ? AND id = ?",
           {version, incomingSha256, type, id});
  return static_cast<int>(version);
}

std::optional<StoredResource> ResourceRepository::current(Poco::Data::Session& s, const std::string& type,
                                                          const std::string& id) {
  return first(storedResources(runSql(db_, s,
                                      "SELECT r.resource_type, r.id, r.version, r.updated_at, r.body FROM fhir_current c "
                                      "JOIN fhir_resource r ON r.resource_type = c.resource_type AND r.id = c.id AND "
                                      "r.version = c.version WHERE c.resource_type = ? AND c.id = ?",
                                      {type, id})));
}

std::vector<StoredResource> ResourceRepository::history(Poco::Data::Session& s, const std::string& type,
                                                        const std::string& id) {
  return storedResources(runSql(db_, s,
                                "SELECT resource_type, id, version, updated_at, body FROM fhir_resource "
                                "WHERE resource_type = ? AND id = ? ORDER BY version DESC",
                                {type, id}));
}

void ResourceRepository::setIdentifiers(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                        const std::vector<ResourceIdentifier>& identifiers, const std::string& owner) {
  runSql(db_, s, "DELETE FROM fhir_identifier WHERE resource_type = ? AND id = ?", {type, id});
  insertIdentifiers(s, type, id, identifiers, owner);
}

void ResourceRepository::insertIdentifiers(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                           const std::vector<ResourceIdentifier>& identifiers,
                                           const std::string& owner) {
  // One upsert may not touch a row twice (PostgreSQL refuses), so repeats are dropped first.
  std::vector<ResourceIdentifier> unique;
  for (const auto& identifier : identifiers)
    if (std::find(unique.begin(), unique.end(), identifier) == unique.end()) unique.push_back(identifier);
  forEachChunk(unique.size(), [&](std::size_t from, std::size_t to) {
    std::vector<SqlParameter> values;
    for (std::size_t k = from; k < to; ++k)
      values.insert(values.end(), {type, unique[k].system, unique[k].value, id, owner});
    // An identifier another resource of the same owner held moves to this one (an upsert: one
    // statement, both backends). Other owners' rows for the same identifier stay: it names their
    // own record of the same person or thing.
    runSql(db_, s,
           "INSERT INTO fhir_identifier (resource_type, system, value, id, owner) VALUES " + valueRows(5, to - from) +
               " ON CONFLICT (resource_type, owner, system, value) DO UPDATE SET id = excluded.id",
           values);
  });
}

std::optional<StoredResource> ResourceRepository::currentByIdentifier(Poco::Data::Session& s, const std::string& type,
                                                                      const std::string& owner,
                                                                      const std::string& system,
                                                                      const std::string& value) {
  return first(storedResources(runSql(db_, s,
                                      "SELECT r.resource_type, r.id, r.version, r.updated_at, r.body FROM fhir_identifier i "
                                      "JOIN fhir_current c ON c.resource_type = i.resource_type AND c.id = i.id "
                                      "JOIN fhir_resource r ON r.resource_type = c.resource_type AND r.id = c.id AND "
                                      "r.version = c.version WHERE i.resource_type = ? AND i.owner = ? AND i.system = ? "
                                      "AND i.value = ?",
                                      {type, owner, system, value})));
}

namespace {

std::optional<CurrentResource> currentResource(const std::vector<SqlRow>& rows) {
  if (rows.empty()) return std::nullopt;
  return CurrentResource{text(rows.front(), 0), static_cast<int>(integer(rows.front(), 1)), text(rows.front(), 2)};
}

}  // namespace

std::optional<CurrentResource> ResourceRepository::currentKeyByIdentifier(Poco::Data::Session& s,
                                                                          const std::string& type,
                                                                          const std::string& owner,
                                                                          const std::string& system,
                                                                          const std::string& value) {
  return currentResource(runSql(db_, s,
                                "SELECT c.id, c.version, c.incoming_sha256 FROM fhir_identifier i "
                                "JOIN fhir_current c ON c.resource_type = i.resource_type AND c.id = i.id "
                                "WHERE i.resource_type = ? AND i.owner = ? AND i.system = ? AND i.value = ?",
                                {type, owner, system, value}));
}

std::optional<CurrentResource> ResourceRepository::currentKey(Poco::Data::Session& s, const std::string& type,
                                                              const std::string& id) {
  return currentResource(runSql(
      db_, s, "SELECT id, version, incoming_sha256 FROM fhir_current WHERE resource_type = ? AND id = ?", {type, id}));
}

std::optional<std::string> ResourceRepository::findByIdentifier(Poco::Data::Session& s, const std::string& type,
                                                                const std::string& system, const std::string& value) {
  auto ids = findAllByIdentifier(s, type, system, value);
  if (ids.empty()) return std::nullopt;
  return ids.front();
}

std::vector<std::string> ResourceRepository::findAllByIdentifier(Poco::Data::Session& s, const std::string& type,
                                                                 const std::string& system, const std::string& value) {
  std::vector<std::string> ids;
  for (const SqlRow& row : runSql(db_, s,
                                  "SELECT id FROM fhir_identifier WHERE resource_type = ? AND system = ? AND value = ? "
                                  "ORDER BY owner, id",
                                  {type, system, value}))
    ids.push_back(text(row, 0));
  return ids;
}

std::optional<std::string> ResourceRepository::ownerOf(Poco::Data::Session& s, const std::string& type,
                                                       const std::string& id) {
  auto rows = runSql(db_, s, "SELECT owner FROM fhir_current WHERE resource_type = ? AND id = ?", {type, id});
  if (rows.empty()) return std::nullopt;
  return text(rows.front(), 0);
}

void ResourceRepository::setReferences(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                       const std::vector<ResourceLink>& links) {
  runSql(db_, s, "DELETE FROM fhir_reference WHERE resource_type = ? AND id = ?", {type, id});
  insertReferences(s, type, id, links);
}

void ResourceRepository::insertReferences(Poco::Data::Session& s, const std::string& type, const std::string& id,
                                          const std::vector<ResourceLink>& links) {
  forEachChunk(links.size(), [&](std::size_t from, std::size_t to) {
    std::vector<SqlParameter> values;
    for (std::size_t k = from; k < to; ++k) values.insert(values.end(), {type, id, links[k].path, links[k].target});
    runSql(db_, s,
           "INSERT INTO fhir_reference (resource_type, id, path, target) VALUES " + valueRows(4, to - from) +
               " ON CONFLICT DO NOTHING",
           values);
  });
}

std::vector<std::string> ResourceRepository::findReferencing(Poco::Data::Session& s, const std::string& type,
                                                             const std::string& path, const std::string& target) {
  std::vector<std::string> ids;
  for (const SqlRow& row :
       runSql(db_, s, "SELECT id FROM fhir_reference WHERE target = ? AND resource_type = ? AND path = ? ORDER BY id",
              {target, type, path}))
    ids.push_back(text(row, 0));
  return ids;
}

}  // namespace gw
