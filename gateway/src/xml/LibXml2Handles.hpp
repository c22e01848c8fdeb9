// Owning handles for the libxml2 objects the gateway creates, so every exit path frees them.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

namespace gw {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
struct XmlParserCtxtFree {
  void operator()(xmlParserCtxt* ctxt) const noexcept { xmlFreeParserCtxt(ctxt); }
};

using XmlDocHandle = std::unique_ptr<xmlDoc, XmlDocFree>;
using XmlParserCtxtHandle = std::unique_ptr<xmlParserCtxt, XmlParserCtxtFree>;

}  // namespace gw
