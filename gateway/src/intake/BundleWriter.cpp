#include "intake/BundleWriter.hpp"

#include <gw/kit/Profile.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "common/Json.hpp"
#include "common/StoreValues.hpp"
#include "http/ApiKey.hpp"

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
  tag->set("system", std::string(kit::profile::kTagSystem));
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
                                    const std::vector<PractitionerConfig>& practitioners,
                                    const IdentifierOwnership& ownership, std::size_t maxResources) {
  // Counted before the JSON is parsed: a parsed tree costs hundreds of bytes per value, so a Bundle
  // far past the limit is refused without building one (each resource names its resourceType once;
  // contained resources only make the count larger).
  std::size_t named = 0;
  for (std::size_t at = bundleJson.find("\"resourceType\""); at != std::string::npos;
       at = bundleJson.find("\"resourceType\"", at + 14))
    ++named;
  if (named > 2 * maxResources + 1)
    throw BundleTooLarge("the message makes at least " + std::to_string(named / 2) +
                         " resources, more than the limit of " + std::to_string(maxResources) +
                         " (server.max_resources_per_message)");
  Object::Ptr bundle = parseObject(bundleJson, "the adapter's output");
  if (bundle->optValue<std::string>("resourceType", "") != "Bundle")
    throw BundleError("the adapter's output is not a FHIR Bundle (resourceType is '" +
                      bundle->optValue<std::string>("resourceType", "") + "')");
  Array::Ptr entries = bundle->getArray("entry");
  if (!entries) entries = new Array;
  if (entries->size() > maxResources)
    throw BundleTooLarge("the message makes " + std::to_string(entries->size()) + " resources, more than the limit of " +
                         std::to_string(maxResources) + " (server.max_resources_per_message)");

  PreparedBundle prepared;
  prepared.owner = hospital;
  const std::string practitionerSystem = kit::profile::partnerSystem(hospital, "practitioner");
  for (std::size_t i = 0; i < entries->size(); ++i) {
    Object::Ptr entry = entries->getObject(static_cast<unsigned>(i));
    Object::Ptr resource = entry ? entry->getObject("resource") : nullptr;
    if (!resource) throw BundleError("Bundle.entry[" + std::to_string(i) + "] has no resource");
    PreparedBundle::Entry item;
    item.type = resource->optValue<std::string>("resourceType", "");
    if (item.type.empty()) throw BundleError("Bundle.entry[" + std::to_string(i) + "].resource has no resourceType");
    item.bundleId = resource->optValue<std::string>("id", "");
    item.fullUrl = entry->optValue<std::string>("fullUrl", "");
    // Systems, never values, in the reason: it reaches the acknowledgement and the audit log.
    for (const auto& identifier : identifiersOf(resource)) {
      const auto verdict = ownership.classify(hospital, identifier.system, identifier.value);
      if (verdict.kind == IdentifierOwnership::Kind::foreign)
        throw OwnershipError("Bundle.entry[" + std::to_string(i) + "] (" + item.type + "): identifier system " +
                             identifier.system + " belongs to " +
                             (verdict.owner == kGroupOwner ? std::string("the group") : "partner " + verdict.owner) +
                             "; a partner may create or change only its own records");
    }
    if (item.type == "Practitioner") {
      for (const auto& identifier : identifiersOf(resource)) {
        if (identifier.system != practitionerSystem) continue;
        if (const PractitionerConfig* mapped = groupPractitioner(practitioners, hospital, identifier.value)) {
          item.groupId = mapped->groupId;
          addIdentifier(resource, kit::profile::kGroupPractitionerSystem, mapped->groupId);
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
  return write(s, prepare(bundleJson, hospital, practitioners, IdentifierOwnership(GatewayConfig())), sourceMessage);
}

BundleWriteResult BundleWriter::write(Poco::Data::Session& s, PreparedBundle bundle, std::int64_t sourceMessage) {
  struct Pending {
    std::string type;
    std::string id;
    Object::Ptr incoming;
    std::optional<CurrentResource> current;
    std::string owner;
  };
  std::vector<Pending> pending;
  std::map<std::string, std::string> targets;  // fullUrl or Type/bundle-id → Type/stored-id
  BundleWriteResult result;
  result.unmappedPractitioners = std::move(bundle.unmappedPractitioners);

  // First every entry's stored id (index look-ups only), so that references between entries resolve.
  const std::string& owner = bundle.owner;
  std::set<std::string> written;  // "Type/id" of this Bundle's resources
  for (auto& entry : bundle.entries) {
    std::optional<CurrentResource> current;
    if (entry.groupId) {
      current = resources_.currentKey(s, entry.type, *entry.groupId);  // the group's practitioner, shared by sites
    } else {
      for (const auto& identifier : identifiersOf(entry.resource)) {
        current = resources_.currentKeyByIdentifier(s, entry.type, owner, identifier.system, identifier.value);
        if (current) break;
      }
    }
    const std::string id = entry.groupId ? *entry.groupId : current ? current->id : newId();
    if (!entry.fullUrl.empty()) targets[entry.fullUrl] = entry.type + "/" + id;
    if (!entry.bundleId.empty()) targets[entry.type + "/" + entry.bundleId] = entry.type + "/" + id;
    written.insert(entry.type + "/" + id);
    pending.push_back({entry.type, id, entry.resource, std::move(current), entry.groupId ? kGroupOwner : owner});
  }

  for (auto& item : pending) {
    Object::Ptr incoming = item.incoming;
    incoming->set("id", item.id);
    if (Object::Ptr meta = incoming->getObject("meta")) {
      meta->remove("versionId");  // the store owns versions
      meta->remove("lastUpdated");
    }
    Poco::Dynamic::Var root = incoming;
    rewriteReferences(root, targets);
    if (item.type == "Patient") linkSamePerson(s, incoming, item.id, owner);
    // The incoming form as it would be merged: when the partner sent exactly this last time, merging
    // it again changes nothing (merging is idempotent and any other writer clears the hash), so the
    // stored body is neither read nor parsed.
    std::ostringstream form;
    incoming->stringify(form);
    const std::string incomingSha256 = sha256Hex(form.str());
    if (item.current && item.current->incomingSha256 == incomingSha256) {
      result.resources.push_back({item.type, item.id, item.current->version});
      continue;
    }
    requireOwnReferences(s, incoming, written, owner);
    Object::Ptr resource = incoming;
    std::optional<PreviousVersion> stored;
    if (item.current) {
      if (auto body = resources_.current(s, item.type, item.id)) {
        Object::Ptr storedBody = parseObject(body->body, item.type);
        stored = ResourceRepository::previousVersion(*body, storedBody);
        stored->incomingSha256 = item.current->incomingSha256;
        resource = mergeInto(storedBody, incoming);
      }
    }
    const PreviousVersion* previous = stored ? &*stored : nullptr;
    result.resources.push_back(
        {item.type, item.id, resources_.saveOver(s, resource, previous, sourceMessage, item.owner, incomingSha256)});
  }
  return result;
}

void BundleWriter::linkSamePerson(Poco::Data::Session& s, Object::Ptr patient, const std::string& id,
                                  const std::string& owner) {
  std::string groupId;
  for (const auto& identifier : identifiersOf(patient))
    if (identifier.system == kit::profile::kGroupPatientSystem) groupId = identifier.value;
  Array::Ptr links = patient->getArray("link");
  std::set<std::string> linked;
  if (links)
    for (std::size_t i = 0; i < links->size(); ++i)
      if (Object::Ptr link = links->getObject(static_cast<unsigned>(i)))
        if (Object::Ptr other = link->getObject("other")) linked.insert(other->optValue<std::string>("reference", ""));
  for (const auto& identifier : identifiersOf(patient)) {
    if (!IdentifierOwnership::isLinking(identifier.system)) continue;
    for (const auto& otherId : resources_.findAllByIdentifier(s, "Patient", identifier.system, identifier.value)) {
      if (otherId == id || resources_.ownerOf(s, "Patient", otherId).value_or(owner) == owner) continue;
      const std::string reference = "Patient/" + otherId;
      if (groupId.empty()) {
        auto others = resources_.current(s, "Patient", otherId);
        if (others)
          for (const auto& theirs : identifiersOf(parseObject(others->body, reference)))
            if (theirs.system == kit::profile::kGroupPatientSystem) groupId = theirs.value;
      }
      if (!linked.insert(reference).second) continue;
      if (!links) {
        links = new Array;
        patient->set("link", links);
      }
      Object::Ptr link = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
      Object::Ptr other = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
      other->set("reference", reference);
      link->set("other", other);
      link->set("type", std::string("seealso"));
      links->add(link);
    }
  }
  addIdentifier(patient, kit::profile::kGroupPatientSystem, groupId.empty() ? id : groupId);
}

void BundleWriter::requireOwnReferences(Poco::Data::Session& s, const Object::Ptr& resource,
                                        const std::set<std::string>& written, const std::string& owner) {
  const std::string type = resource->optValue<std::string>("resourceType", "");
  for (const auto& link : ResourceRepository::linksOf(resource)) {
    if (written.count(link.target) || (type == "Patient" && link.path == "link")) continue;
    const std::size_t slash = link.target.find('/');
    auto targetOwner = resources_.ownerOf(s, link.target.substr(0, slash), link.target.substr(slash + 1));
    if (targetOwner && *targetOwner != owner && *targetOwner != kGroupOwner)
      throw OwnershipError(type + "." + link.path + " refers to " + link.target.substr(0, slash) +
                           " of partner " + *targetOwner + "; a partner may refer only to its own records");
  }
}

}  // namespace gw
