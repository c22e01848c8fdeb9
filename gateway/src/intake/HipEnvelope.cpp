#include "intake/HipEnvelope.hpp"

#include <libxml/tree.h>

#include <cstring>
#include <limits>

#include <gw/kit/LibXml2Handles.hpp>
#include <gw/kit/Text.hpp>

namespace gw {

namespace {

std::string_view localName(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string_view namespaceOf(const xmlNode* node) {
  return node->ns && node->ns->href ? reinterpret_cast<const char*>(node->ns->href) : "";
}

// The first element child of `parent` named `name` (local name; any namespace unless `ns` is given).
const xmlNode* child(const xmlNode* parent, std::string_view name, const char* ns = nullptr) {
  for (const xmlNode* c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && localName(c) == name && (!ns || namespaceOf(c) == ns)) return c;
  return nullptr;
}

const xmlNode* firstElement(const xmlNode* parent) {
  for (const xmlNode* c = parent->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return c;
  return nullptr;
}

std::string trimmed(std::string text) {
  const char* space = " \t\r\n";
  const auto first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

// The text and CDATA inside `node`, which must hold no element: the HL7 message travels as a string.
bool textOf(const xmlNode* node, std::string& out) {
  if (firstElement(node)) return false;
  kit::XmlStringHandle content(xmlNodeGetContent(node));
  out = content ? reinterpret_cast<const char*>(content.get()) : "";
  return true;
}

// The envelope was decoded to UTF-8, so a message that still declares GBK or GB2312 in its XML declaration
// would be decoded a second time by the adapter's parser: the declaration goes, the UTF-8 text stays.
std::string withoutForeignEncoding(std::string message) {
  const auto start = message.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || message.compare(start, 5, "<?xml") != 0) return message;
  const auto end = message.find("?>", start);
  if (end == std::string::npos) return message;
  std::string declaration = message.substr(start, end - start);
  for (auto& c : declaration) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto encoding = declaration.find("encoding");
  if (encoding == std::string::npos) return message;
  const auto quote = declaration.find_first_of("\"'", encoding);
  if (quote == std::string::npos) return message;
  const std::string name = declaration.substr(quote + 1, 5);
  if (name.rfind("utf-8", 0) == 0 || name.rfind("utf8", 0) == 0) return message;
  return message.erase(start, end + 2 - start);
}

SoapFault fault(SoapVersion version, SoapFaultCode code, std::string reason) {
  return SoapFault{version, code, std::move(reason), {}};
}

const char* envelopeNamespace(SoapVersion version) {
  return version == SoapVersion::soap12 ? kSoap12Namespace : kSoap11Namespace;
}

std::string envelope(SoapVersion version, const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<env:Envelope xmlns:env=\"") +
         envelopeNamespace(version) + "\"><env:Body>" + body + "</env:Body></env:Envelope>\n";
}

}  // namespace

std::variant<HipCall, SoapFault> readHipRequest(std::string_view body, std::string_view contentType,
                                                const kit::XmlLimits& limits) {
  const SoapVersion asked = soapVersionOf(contentType);
  kit::XmlLimits unsized = limits;  // the body's size is server.max_body_bytes' business
  unsized.maxBytes = std::numeric_limits<std::size_t>::max();
  kit::XmlParseResult parsed = kit::HardenedXml::parse(body, unsized);
  if (!parsed) return fault(asked, SoapFaultCode::sender, "the envelope is refused: " + parsed.rejection().reason);

  const xmlNode* root = parsed.document().root();
  const std::string_view ns = namespaceOf(root);
  if (localName(root) != "Envelope")
    return fault(asked, SoapFaultCode::sender,
                 "the body is not a SOAP envelope (its root element is " + std::string(localName(root)) + ")");
  if (ns != kSoap12Namespace && ns != kSoap11Namespace)
    return fault(SoapVersion::soap12, SoapFaultCode::versionMismatch,
                 "the envelope's namespace is '" + std::string(ns) + "', not SOAP 1.2's " + kSoap12Namespace);
  HipCall call;
  call.version = ns == kSoap12Namespace ? SoapVersion::soap12 : SoapVersion::soap11;

  const xmlNode* soapBody = child(root, "Body", envelopeNamespace(call.version));
  if (!soapBody) return fault(call.version, SoapFaultCode::sender, "the envelope has no Body");
  const xmlNode* operation = firstElement(soapBody);
  if (!operation || localName(operation) != "HIPMessageServer")
    return fault(call.version, SoapFaultCode::sender,
                 "the Body holds no HIPMessageServer element" +
                     (operation ? " (it holds " + std::string(localName(operation)) + ")" : std::string()));

  const xmlNode* action = child(operation, "action");
  const xmlNode* message = child(operation, "message");
  if (!action) return fault(call.version, SoapFaultCode::sender, "HIPMessageServer has no action element");
  if (!message) return fault(call.version, SoapFaultCode::sender, "HIPMessageServer has no message element");
  if (!textOf(action, call.action) || (call.action = trimmed(call.action)).empty())
    return fault(call.version, SoapFaultCode::sender, "action must be a non-empty text");
  if (!textOf(message, call.message))
    return fault(call.version, SoapFaultCode::sender,
                 "message must be text: the HL7 v3 XML escaped or in a CDATA section, not elements");
  if (trimmed(call.message).empty()) return fault(call.version, SoapFaultCode::sender, "message is empty");
  call.message = withoutForeignEncoding(std::move(call.message));
  return call;
}

SoapVersion soapVersionOf(std::string_view contentType) {
  return kit::mediaType(contentType) == "text/xml" ? SoapVersion::soap11 : SoapVersion::soap12;
}

std::string soapContentType(SoapVersion version) {
  return version == SoapVersion::soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
}

std::string hipResponseEnvelope(SoapVersion version, std::string_view result) {
  return envelope(version, std::string("<HIPMessageServerResponse xmlns=\"") + kHipNamespace +
                               "\"><HIPMessageServerResult>" + kit::xmlEscaped(result) +
                               "</HIPMessageServerResult></HIPMessageServerResponse>");
}

std::string soapFaultEnvelope(const SoapFault& f) {
  const std::string reason = kit::xmlEscaped(f.reason);
  const std::string detail = kit::xmlEscaped(f.detail);
  if (f.version == SoapVersion::soap11) {
    const char* code = f.code == SoapFaultCode::versionMismatch ? "env:VersionMismatch"
                       : f.code == SoapFaultCode::sender        ? "env:Client"
                                                                : "env:Server";
    return envelope(f.version, std::string("<env:Fault><faultcode>") + code + "</faultcode><faultstring>" + reason +
                                   "</faultstring>" + (detail.empty() ? "" : "<detail>" + detail + "</detail>") +
                                   "</env:Fault>");
  }
  const char* code = f.code == SoapFaultCode::versionMismatch ? "env:VersionMismatch"
                     : f.code == SoapFaultCode::sender        ? "env:Sender"
                                                              : "env:Receiver";
  return envelope(f.version, std::string("<env:Fault><env:Code><env:Value>") + code +
                                 "</env:Value></env:Code><env:Reason><env:Text xml:lang=\"en\">" + reason +
                                 "</env:Text></env:Reason>" +
                                 (detail.empty() ? "" : "<env:Detail>" + detail + "</env:Detail>") + "</env:Fault>");
}

int httpStatusOf(const SoapFault& f) {
  if (f.version == SoapVersion::soap11) return 500;
  return f.code == SoapFaultCode::receiver ? 500 : 400;
}

}  // namespace gw
