#include "intake/BundleWriter.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <set>

#include "common/Json.hpp"
#include "common/StoreValues.hpp"

namespace gw {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr parseObject(const std::string& json, const std::string& what) {
  try {
    return parseJsonObject(json, what);
  } catch (const JsonError& e) {
    throw BundleError(e.what());
  }
}


std::vector<ResourceIdentifier> identifiersOf(const Object::Ptr& resource) {
  return ResourceRepository::identifiersOf(resource);
}

void addIdentifier(Object::Ptr resource, const std::string& system, const std::string& value) {
  for (const auto& existing : identifiersOf(resource))
    if (existing.system == system && existing.value == value) return;
  Array::Ptr list = resource->getArray("identifier");
  if (!list) {
    list = new Array;
    resource->set("identifier", list);
  }
  Object::Ptr identifier = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  identifier->set("system", system);
  identifier->set("value", value);
  list->add(identifier);
}

void addTag(Object::Ptr resource, const std::string& code, const std::string& display) {
  Object::Ptr meta = resource->getObject("meta");
  if (!meta) {
    meta = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    resource->set("meta", meta);
  }
  Array::Ptr tags = meta->getArray("tag");
  if (!tags) {
    tags = new Array;
    meta->set("tag", tags);
  }
  Object::Ptr tag = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  tag->set("system", std::string(kGatewayTagSystem));
  tag->set("code", code);
  tag->set("display", display);
  tags->add(tag);
}

// The newest stored version, updated by the incoming one: present elements replace stored ones,
// identifiers are the union (so every hospital's MRN stays on the group patient).
Object::Ptr mergeInto(Object::Ptr stored, Object::Ptr incoming) {
  Object::Ptr merged = stored;
  for (const auto& [key, value] : *incoming) {
    if (key == "identifier" || key == "id" || key == "meta") continue;
    merged->set(key, value);
  }
  for (const auto& identifier : identifiersOf(incoming)) addIdentifier(merged, identifier.system, identifier.value);
  if (Object::Ptr meta = incoming->getObject("meta")) merged->set("meta", meta);
  return merged;
}

// Rewrites every {"reference": …} that names an entry of this Bundle to its stored "Type/id".
void rewriteReferences(Poco::Dynamic::Var& value, const std::map<std::string, std::string>& targets) {
  if (value.type() == typeid(Object::Ptr)) {
    Object::Ptr object = value.extract<Object::Ptr>();
    for (auto& [key, member] : *object) {
      if (key == "reference" && member.isString()) {
        auto it = targets.find(member.extract<std::string>());
        if (it != targets.end()) object->set("reference", it->second);
      } else {
        Poco::Dynamic::Var child = member;
        rewriteReferences(child, targets);
      }
    }
  } else if (value.type() == typeid(Array::Ptr)) {
    Array::Ptr array = value.extract<Array::Ptr>();
    for (std::size_t i = 0; i < array->size(); ++i) {
      Poco::Dynamic::Var child = array->get(static_cast<unsigned>(i));
      rewriteReferences(child, targets);
    }
  }
}

const PractitionerConfig* groupPractitioner(const std::vector<PractitionerConfig>& practitioners,
                                            const std::string& hospital, const std::string& localId) {
  for (const auto& practitioner : practitioners)
    for (const auto& site : practitioner.sites)
      if (site.hospital == hospital && site.localId == localId) return &practitioner;
  return nullptr;
}

}  // namespace

PreparedBundle BundleWriter::prepare(const std::string& bundleJson, const std::string& hospital,
                                    const std::vector<PractitionerConfig>& practitioners) {
  Object::Ptr bundle = parseObject(bundleJson, "the adapter's output");
  if (bundle->optValue<std::string>("resourceType", "") != "Bundle")
    throw BundleError("the adapter's output is not a FHIR Bundle (resourceType is '" +
                      bundle->optValue<std::string>("resourceType", "") + "')");
  Array::Ptr entries = bundle->getArray("entry");
  if (!entries) entries = new Array;

  PreparedBundle prepared;
  const std::string practitionerSystem = "urn:gw:" + hospital + ":practitioner";
  for (std::size_t i = 0; i < entries->size(); ++i) {
    Object::Ptr entry = entries->getObject(static_cast<unsigned>(i));
    Object::Ptr resource = entry ? entry->getObject("resource") : nullptr;
    if (!resource) throw BundleError("Bundle.entry[" + std::to_string(i) + "] has no resource");
    PreparedBundle::Entry item;
    item.type = resource->optValue<std::string>("resourceType", "");
    if (item.type.empty()) throw BundleError("Bundle.entry[" + std::to_string(i) + "].resource has no resourceType");
    item.bundleId = resource->optValue<std::string>("id", "");
    item.fullUrl = entry->optValue<std::string>("fullUrl", "");
    if (item.type == "Practitioner") {
      for (const auto& identifier : identifiersOf(resource)) {
        if (identifier.system != practitionerSystem) continue;
        if (const PractitionerConfig* mapped = groupPractitioner(practitioners, hospital, identifier.value)) {
          item.groupId = mapped->groupId;
          addIdentifier(resource, kGroupPractitionerSystem, mapped->groupId);
        } else {
          prepared.unmappedPractitioners.push_back(hospital + ":" + identifier.value);
          addTag(resource, "unmapped-practitioner", "hospital doctor id not mapped to a group practitioner");
        }
      }
    }
    item.resource = resource;
    prepared.entries.push_back(std::move(item));
  }
  return prepared;
}

BundleWriteResult BundleWriter::write(Poco::Data::Session& s, const std::string& bundleJson,
                                      const std::string& hospital, const std::vector<PractitionerConfig>& practitioners,
                                      std::int64_t sourceMessage) {
  return write(s, prepare(bundleJson, hospital, practitioners), sourceMessage);
}

BundleWriteResult BundleWriter::write(Poco::Data::Session& s, PreparedBundle bundle, std::int64_t sourceMessage) {
  struct Pending {
    std::string type;
    std::string id;
    Object::Ptr resource;
    std::optional<PreviousVersion> stored;
  };
  std::vector<Pending> pending;
  std::map<std::string, std::string> targets;  // fullUrl or Type/bundle-id → Type/stored-id
  BundleWriteResult result;
  result.unmappedPractitioners = std::move(bundle.unmappedPractitioners);

  for (auto& entry : bundle.entries) {
    Object::Ptr resource = entry.resource;
    std::optional<StoredResource> current;
    if (entry.groupId) {
      current = resources_.current(s, entry.type, *entry.groupId);
    } else {
      for (const auto& identifier : identifiersOf(resource)) {
        current = resources_.currentByIdentifier(s, entry.type, identifier.system, identifier.value);
        if (current) break;
      }
    }
    const std::string id = entry.groupId ? *entry.groupId : current ? current->id : newId();
    if (entry.type == "Patient") addIdentifier(resource, kGroupPatientSystem, id);
    std::optional<PreviousVersion> stored;
    if (current) {
      Object::Ptr storedBody = parseObject(current->body, entry.type);
      stored = ResourceRepository::previousVersion(*current, storedBody);
      resource = mergeInto(storedBody, resource);
    }
    resource->set("id", id);
    if (Object::Ptr meta = resource->getObject("meta")) {
      meta->remove("versionId");  // the store owns versions
      meta->remove("lastUpdated");
    }
    if (!entry.fullUrl.empty()) targets[entry.fullUrl] = entry.type + "/" + id;
    if (!entry.bundleId.empty()) targets[entry.type + "/" + entry.bundleId] = entry.type + "/" + id;
    pending.push_back({entry.type, id, resource, std::move(stored)});
  }

  for (auto& item : pending) {
    Poco::Dynamic::Var root = item.resource;
    rewriteReferences(root, targets);
    const PreviousVersion* stored = item.stored ? &*item.stored : nullptr;
    result.resources.push_back({item.type, item.id, resources_.saveOver(s, item.resource, stored, sourceMessage)});
  }
  return result;
}

}  // namespace gw
