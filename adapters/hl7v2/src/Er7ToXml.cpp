// Er7ToXml.cpp: ER7 to v2.xml (see Er7ToXml.hpp).
#include "Er7ToXml.hpp"

#include "Er7Reader.hpp"
#include "XmlWriter.hpp"

#include <gw/plugin.hpp>

namespace gw::hl7v2 {

std::string er7ToXml(std::string_view er7) {
  Er7Document doc = readEr7(er7);
  if (doc.isBatch()) throw gw::sdk::Error(GW_ERR_UNSUPPORTED, "a batch cannot be written as one v2.xml message");
  const Message& m = doc.messages.front();
  return writeXml(m, structureName(m), XmlStyle{});
}

}  // namespace gw::hl7v2
