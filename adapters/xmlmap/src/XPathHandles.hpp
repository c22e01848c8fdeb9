// XPathHandles.hpp: owning handles for libxml2's XPath objects, so every exit path frees them.
#pragma once

#include <libxml/xpath.h>

#include <memory>

namespace gw::xmlmap {

struct XPathContextFree {
  void operator()(xmlXPathContext* c) const noexcept { xmlXPathFreeContext(c); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObject* o) const noexcept { xmlXPathFreeObject(o); }
};
struct XPathCompExprFree {
  void operator()(xmlXPathCompExpr* e) const noexcept { xmlXPathFreeCompExpr(e); }
};

using XPathContextHandle = std::unique_ptr<xmlXPathContext, XPathContextFree>;
using XPathObjectHandle = std::unique_ptr<xmlXPathObject, XPathObjectFree>;
using XPathCompExprHandle = std::unique_ptr<xmlXPathCompExpr, XPathCompExprFree>;

}  // namespace gw::xmlmap
