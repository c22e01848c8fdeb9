// A parsed XML document that owns its libxml2 tree; what HardenedXml hands to adapters.
#pragma once

#include <libxml/tree.h>

#include <utility>

#include "gw/kit/LibXml2Handles.hpp"

namespace gw::kit {

class XmlDocument {
 public:
  explicit XmlDocument(XmlDocHandle doc) : doc_(std::move(doc)) {}

  xmlDoc* get() const noexcept { return doc_.get(); }
  // The document element; never null for a document HardenedXml accepted.
  xmlNode* root() const noexcept { return xmlDocGetRootElement(doc_.get()); }

 private:
  XmlDocHandle doc_;
};

}  // namespace gw::kit
