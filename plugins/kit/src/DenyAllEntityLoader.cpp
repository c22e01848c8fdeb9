// The deny-all external entity loader: libxml2 2.9 has no per-parse loader and no XML_PARSE_NO_XXE,
// so the process-wide loader is the last line behind "never DTDLOAD, never NOENT, NONET".
#include "gw/kit/DenyAllEntityLoader.hpp"

#include <dlfcn.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include <mutex>

namespace gw::kit {
namespace {

xmlParserInputPtr refuseExternalEntity(const char* /*url*/, const char* /*id*/, xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;  // libxml2 then reports "failed to load external entity" through the parse's handler
}

// Function pointers compared as addresses of the objects (executable or .so) that hold them.
const void* imageOf(const void* address) {
  Dl_info info{};
  return dladdr(address, &info) != 0 ? info.dli_fbase : nullptr;
}

// gw_xml is a static library: gatewayd holds one copy and every adapter plugin that links it holds
// another. Only the first copy that finds libxml2's own loader installs its loader, and it pins its
// object in memory (RTLD_NODELETE): otherwise unloading a plugin (hot replace) would leave libxml2
// calling into unmapped code. A later copy leaves the installed deny-all loader alone.
void installIfLibXml2DefaultStillInPlace() {
  const xmlExternalEntityLoader current = xmlGetExternalEntityLoader();
  // A pointer libxml2 itself fills in is its real address (ours could be a PLT stub in the executable).
  xmlSAXHandler libxml2Defaults{};
  xmlSAXVersion(&libxml2Defaults, 2);
  const void* libxml2Image = imageOf(reinterpret_cast<const void*>(libxml2Defaults.startElementNs));
  const void* currentImage = imageOf(reinterpret_cast<const void*>(current));
  if (current != nullptr && currentImage != libxml2Image) return;

  xmlSetExternalEntityLoader(refuseExternalEntity);
  Dl_info self{};
  if (dladdr(reinterpret_cast<const void*>(&refuseExternalEntity), &self) != 0 && self.dli_fname != nullptr) {
    // For the main executable this returns null or a handle to it; either way nothing to undo.
    if (void* handle = dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE)) dlclose(handle);
  }
}

}  // namespace

void installDenyAllEntityLoader() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    installIfLibXml2DefaultStillInPlace();
  });
}

}  // namespace gw::kit
