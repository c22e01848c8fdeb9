#include "http/HipSoapRoutes.hpp"

#include <Poco/Logger.h>

#include <gw/kit/Text.hpp>

#include <memory>

#include "common/ReasonText.hpp"
#include "http/Authorization.hpp"
#include "http/HttpError.hpp"
#include "intake/HipActions.hpp"
#include "intake/HipEnvelope.hpp"
#include "intake/HipWsdl.hpp"
#include "intake/MessageIntake.hpp"

namespace gw {

namespace {

// What the cda adapter (and any HL7 v3 adapter) takes the unwrapped message as.
constexpr const char* kHl7V3ContentType = "application/hl7-v3+xml";

// The endpoint's own URL as the client addressed it; a Host header that is not a host[:port] is not
// echoed into the WSDL, the server's address is used instead.
std::string endpointAddress(Request& request, bool tls) {
  std::string host = request.http().get("Host", "");
  const bool plain = !host.empty() && host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789.-:[]") == std::string::npos;
  if (!plain) host = request.http().serverAddress().toString();
  return (tls ? "https://" : "http://") + host + request.path();
}

void sendFault(Request& request, GatewayContext& context, const std::string& hospital, const SoapFault& fault,
               const char* outcome) {
  Poco::Logger::get("gateway.hip").warning("%s: SOAP fault: %s", hospital, withoutValues(fault.reason));
  request.response().set("X-Gateway-Outcome", outcome);
  context.metrics.observeMessage(hospital, outcome);
  request.send(httpStatusOf(fault), soapContentType(fault.version), soapFaultEnvelope(fault));
}

}  // namespace

void addHipSoapRoutes(Router& router, GatewayContext& context, PluginHost& plugins, GroupCommit& commits) {
  auto intake = std::make_shared<MessageIntake>(context.db, commits, context.audit, context.metrics);

  router.add("POST", "/v1/hospitals/{hospital}/hip", [&context, &plugins, intake](Request& request) {
    auto config = context.config.get();
    const std::string hospital = request.param("hospital");
    requirePartner(request, config->hospitals, hospital, "hospital", context.audit);  // before the body is read
    const std::string body = request.readBody();

    auto read = readHipRequest(body, request.http().getContentType(), config->server.xmlLimits);
    if (const auto* fault = std::get_if<SoapFault>(&read)) return sendFault(request, context, hospital, *fault, "AR");
    const HipCall& call = std::get<HipCall>(read);
    if (auto refused = HipActions(config->hospital(hospital)->hip).refusal(call.action, call.message))
      return sendFault(request, context, hospital, SoapFault{call.version, SoapFaultCode::sender, *refused, {}}, "AR");

    IntakeRequest message{hospital, kHl7V3ContentType, call.message, request.clientAddress()};
    auto routes = plugins.snapshot();  // held until the answer is sent
    IntakeResponse answer = intake->receive(message, *config, *routes);
    request.response().set("X-Gateway-Outcome", answer.outcome);
    if (answer.duplicate) request.response().set("X-Gateway-Duplicate", "true");

    // The platform reads the acknowledgement (AA, AE or AR) from the result. A store or worker failure
    // (5xx) is a Receiver fault instead, so that SOAP clients raise it and send again; its detail still
    // holds the adapter's AE acknowledgement. An answer that is no acknowledgement is a fault too.
    if (answer.httpStatus >= 500 || !kit::isXmlMediaType(answer.contentType)) {
      SoapFault fault{call.version, answer.httpStatus >= 500 ? SoapFaultCode::receiver : SoapFaultCode::sender,
                      answer.reason.empty() ? "the message was not accepted" : answer.reason, answer.body};
      request.send(httpStatusOf(fault), soapContentType(fault.version), soapFaultEnvelope(fault));
      return;
    }
    request.send(200, soapContentType(call.version), hipResponseEnvelope(call.version, answer.body));
  });

  // The WSDL needs no credential: it is the same public contract for every hospital (only the address
  // differs, and that is the URL the caller typed), and SOAP tooling fetches it before any call is made.
  router.add("GET", "/v1/hospitals/{hospital}/hip", [&context](Request& request) {
    if (!request.hasQuery("wsdl") && !request.hasQuery("WSDL"))
      throw HttpError(400, "wsdl_only",
                      "GET …/hip?wsdl returns the service description; messages are POSTed as SOAP 1.2 envelopes");
    const bool tls = context.config.get()->server.tls.enabled;
    request.send(200, "text/xml; charset=utf-8", hipWsdl(endpointAddress(request, tls)));
  });
}

}  // namespace gw
