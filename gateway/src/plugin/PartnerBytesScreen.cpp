#include "plugin/PartnerBytesScreen.hpp"

#include <limits>

#include <gw/kit/MarkupCountScan.hpp>
#include <gw/kit/Text.hpp>


namespace gw {

bool looksLikeXml(std::string_view contentType, std::string_view body) {
  return kit::isXmlMediaType(contentType) || kit::startsLikeXml(body);
}

std::optional<std::string> screenPartnerBytes(std::string_view input, std::string_view contentType,
                                              const kit::XmlLimits& limits, bool adapterParsesHardened) {
  if (!looksLikeXml(contentType, input)) return std::nullopt;
  kit::XmlLimits unsized = limits;
  unsized.maxBytes = std::numeric_limits<std::size_t>::max();
  if (adapterParsesHardened) {
    if (auto refused = kit::scanMarkupCounts(input, unsized)) return refused->reason;
    return std::nullopt;
  }
  kit::XmlParseResult parsed = kit::HardenedXml::parse(input, unsized);
  if (!parsed.ok()) return parsed.rejection().reason;
  return std::nullopt;
}

}  // namespace gw
