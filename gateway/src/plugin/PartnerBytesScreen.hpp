// The host's screen of partner bytes: every path that hands a partner's bytes to an adapter (intake, the
// admin translate route, insurer acknowledgements and remittances, gatewayctl translate and replay) goes
// through AdapterInstance, which runs this first. XML is bounded before any tree is built.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <gw/kit/HardenedXml.hpp>

namespace gw {

// True when the body is XML (by content type, or by its first character).
bool looksLikeXml(std::string_view contentType, std::string_view body);

// The reason to refuse `input` unread, or nothing; it may quote names from the document (callers that answer a
// partner or log pass it through withoutValues). XML passes the kit's linear pre-scan (attributes per
// element, element count, name length, namespaces: what libxml2 would spend super-linear time on); unless
// the adapter parses with the kit's hardened parser itself (GW_ADAPTER_HARDENED_XML), the whole hardened
// parse runs here too. The size of a body is the transport's business (server.max_body_bytes).
std::optional<std::string> screenPartnerBytes(std::string_view input, std::string_view contentType,
                                              const kit::XmlLimits& limits, bool adapterParsesHardened);

}  // namespace gw
