// Owning handles for the libxml2 objects the gateway creates, so every exit path frees them.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

namespace gw::kit {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
struct XmlStringFree {
  void operator()(xmlChar* text) const noexcept { xmlFree(text); }
};
struct XmlParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const noexcept { xmlFreeParserCtxt(ctxt); }
};

using XmlDocHandle = std::unique_ptr<xmlDoc, XmlDocFree>;
// What xmlNodeGetContent, xmlGetProp and friends return.
using XmlStringHandle = std::unique_ptr<xmlChar, XmlStringFree>;
using XmlParserCtxtHandle = std::unique_ptr<xmlParserCtxt, XmlParserCtxtFree>;

}  // namespace gw::kit
