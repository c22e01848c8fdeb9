// The SOAP envelope of HIPMessageServer(action, message), the one operation of Chinese hospital information
// platforms: read a request, write the response or a fault. Pure functions, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include <gw/kit/HardenedXml.hpp>

namespace gw {

// The namespace of the operation's elements in the WSDL the gateway serves (and writes its answers in).
inline constexpr const char* kHipNamespace = "urn:hl7-org:v3";
inline constexpr const char* kSoap12Namespace = "http://www.w3.org/2003/05/soap-envelope";
inline constexpr const char* kSoap11Namespace = "http://schemas.xmlsoap.org/soap/envelope/";

enum class SoapVersion { soap11, soap12 };

struct HipCall {
  SoapVersion version = SoapVersion::soap12;
  std::string action;   // trimmed
  std::string message;  // the HL7 v3 XML, unescaped (from text or CDATA)
};

enum class SoapFaultCode { versionMismatch, sender, receiver };

struct SoapFault {
  SoapVersion version = SoapVersion::soap12;
  SoapFaultCode code = SoapFaultCode::sender;
  std::string reason;  // one sentence for the sender's engineer
  std::string detail;  // text for the Detail element (e.g. an acknowledgement), empty for none
};

// Reads a HIPMessageServer request: the envelope through the kit's hardened parser (no DTD, entities or
// network; `limits` as for any partner XML), the operation element by local name in any namespace or none,
// `action` and `message` as text (escaped or CDATA). Anything else is a Sender fault naming what is wrong, in
// the envelope's SOAP version, else the one `contentType` asks for.
std::variant<HipCall, SoapFault> readHipRequest(std::string_view body, std::string_view contentType,
                                                const kit::XmlLimits& limits);

// The version a request's content type asks for when its envelope cannot tell (text/xml is SOAP 1.1).
SoapVersion soapVersionOf(std::string_view contentType);

// `application/soap+xml; charset=utf-8` or `text/xml; charset=utf-8`.
std::string soapContentType(SoapVersion version);

// <Envelope><Body><HIPMessageServerResponse><HIPMessageServerResult>result, escaped</…>
std::string hipResponseEnvelope(SoapVersion version, std::string_view result);

std::string soapFaultEnvelope(const SoapFault& fault);

// SOAP 1.2's HTTP binding: 400 for Sender and VersionMismatch, 500 for Receiver; SOAP 1.1: always 500.
int httpStatusOf(const SoapFault& fault);

}  // namespace gw
