// BundleMapper.hpp: runs a MappingSpec over one parsed partner document: the envelope (message id,
// event) and the FHIR transaction Bundle (docs/fhir-profile.md: deterministic urn:uuid fullUrls,
// conditional PUT on the first identifier, Bundle.identifier = the sender's message id).
// Problems in the message are gw::sdk::Error: GW_ERR_UNSUPPORTED for a document this mapping does
// not describe, GW_ERR_INVALID (with the XPath as location) for a missing or unreadable value.
#pragma once

#include "MappingSpec.hpp"
#include "XPathEvaluator.hpp"

#include <gw/kit/Issues.hpp>

#include <libxml/tree.h>

#include <string>

namespace gw::xmlmap {

struct Envelope {
  std::string messageId;
  std::string event;
};

class BundleMapper {
 public:
  BundleMapper(const MappingSpec& spec, std::string partnerId) : spec_(spec), partnerId_(std::move(partnerId)) {}

  // Refuses a document whose root element is not the one the mapping's `match` names.
  void checkRoot(xmlNode* root) const;
  Envelope envelope(XPathEvaluator& xpath, xmlNode* root) const;
  // Defects in fields that are not `required` go to `issues` (lenient: left out and reported).
  std::string bundle(XPathEvaluator& xpath, xmlNode* root, const Envelope& envelope, kit::Issues& issues) const;

 private:
  const MappingSpec& spec_;
  std::string partnerId_;
};

}  // namespace gw::xmlmap
