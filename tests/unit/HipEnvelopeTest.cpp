// The HIPMessageServer envelope: requests read from escaped text or CDATA, in SOAP 1.2 (or 1.1), with the
// operation element qualified or not; hostile or broken envelopes refused as Sender faults naming why;
// responses, faults and the WSDL written so that a SOAP client reads them back.
#include <gtest/gtest.h>

#include <libxml/tree.h>

#include <gw/kit/HardenedXml.hpp>
#include <gw/kit/LibXml2Handles.hpp>
#include <gw/kit/Text.hpp>

#include "TestSupport.hpp"
#include "intake/HipEnvelope.hpp"
#include "intake/HipWsdl.hpp"

namespace {

const char* kSoap12 = "application/soap+xml; charset=utf-8";
const std::string kMessage =
    "<PRPA_IN201311UV02 xmlns=\"urn:hl7-org:v3\"><id root=\"2.16.156.10011.2.5.1.1\" extension=\"m-1\"/>"
    "<name>刘永好 &amp; 子</name></PRPA_IN201311UV02>";

std::string envelope(const std::string& operation, const std::string& ns = gw::kSoap12Namespace) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soap:Envelope xmlns:soap=\"" + ns + "\"><soap:Header/><soap:Body>" +
         operation + "</soap:Body></soap:Envelope>";
}

std::string escapedCall(const std::string& action, const std::string& message) {
  return "<HIPMessageServer xmlns=\"urn:hl7-org:v3\"><action>" + action + "</action><message>" +
         gw::kit::xmlEscaped(message) + "</message></HIPMessageServer>";
}

gw::HipCall call(const std::string& body, const std::string& contentType = kSoap12) {
  auto read = gw::readHipRequest(body, contentType, gw::kit::XmlLimits{});
  if (auto* fault = std::get_if<gw::SoapFault>(&read)) {
    ADD_FAILURE() << "fault: " << fault->reason;
    return {};
  }
  return std::get<gw::HipCall>(read);
}

gw::SoapFault fault(const std::string& body, const std::string& contentType = kSoap12) {
  auto read = gw::readHipRequest(body, contentType, gw::kit::XmlLimits{});
  if (auto* f = std::get_if<gw::SoapFault>(&read)) return *f;
  ADD_FAILURE() << "the envelope was accepted";
  return {};
}

// The text of the first element named `name` (local name) anywhere in `xml`, which must parse.
std::string textOf(const std::string& xml, const std::string& name) {
  auto parsed = gw::kit::HardenedXml::parse(xml);
  if (!parsed) {
    ADD_FAILURE() << parsed.rejection().reason << "\n" << xml;
    return {};
  }
  std::vector<const xmlNode*> todo{parsed.document().root()};
  while (!todo.empty()) {
    const xmlNode* node = todo.back();
    todo.pop_back();
    if (node->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(node->name)) {
      gw::kit::XmlStringHandle text(xmlNodeGetContent(node));
      return reinterpret_cast<const char*>(text.get());
    }
    for (const xmlNode* c = node->children; c; c = c->next) todo.push_back(c);
  }
  ADD_FAILURE() << "no " << name << " in " << xml;
  return {};
}

TEST(HipEnvelope, EscapedMessageIsReadAsTheHl7Xml) {
  gw::HipCall c = call(envelope(escapedCall(" PatientRegister\n", kMessage)));
  EXPECT_EQ(c.version, gw::SoapVersion::soap12);
  EXPECT_EQ(c.action, "PatientRegister");
  EXPECT_EQ(c.message, kMessage);
}

TEST(HipEnvelope, CdataMessageIsReadVerbatim) {
  gw::HipCall c = call(envelope("<HIPMessageServer xmlns=\"urn:hl7-org:v3\"><action>PatientRegister</action><message>"
                                "<![CDATA[" + kMessage + "]]></message></HIPMessageServer>"));
  EXPECT_EQ(c.message, kMessage);
}

TEST(HipEnvelope, OperationElementMayBePrefixedOrInNoNamespace) {
  EXPECT_EQ(call(envelope("<h:HIPMessageServer xmlns:h=\"urn:hl7-org:v3\"><h:action>A</h:action><h:message>"
                          "&lt;X/&gt;</h:message></h:HIPMessageServer>")).message,
            "<X/>");
  EXPECT_EQ(call(envelope("<HIPMessageServer><action>A</action><message>&lt;X/&gt;</message></HIPMessageServer>")).action,
            "A");
}

TEST(HipEnvelope, Soap11EnvelopeIsReadAndAnsweredAsSoap11) {
  gw::HipCall c = call(envelope(escapedCall("A", kMessage), gw::kSoap11Namespace), "text/xml; charset=utf-8");
  EXPECT_EQ(c.version, gw::SoapVersion::soap11);
  EXPECT_EQ(gw::soapContentType(c.version), "text/xml; charset=utf-8");
  const std::string answer = gw::hipResponseEnvelope(c.version, "<ack/>");
  EXPECT_NE(answer.find(gw::kSoap11Namespace), std::string::npos) << answer;
}

TEST(HipEnvelope, ForeignEncodingDeclarationOfTheMessageIsDropped) {
  // The envelope was UTF-8: a GBK declaration left in the message would make the adapter decode it twice.
  gw::HipCall c = call(envelope(escapedCall("A", "<?xml version=\"1.0\" encoding=\"GBK\"?>\n" + kMessage)));
  EXPECT_EQ(c.message, "\n" + kMessage);
  const std::string utf8 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + kMessage;
  EXPECT_EQ(call(envelope(escapedCall("A", utf8))).message, utf8);
}

TEST(HipEnvelope, NotWellFormedEnvelopeIsASenderFaultWithItsPosition) {
  gw::SoapFault f = fault("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">\n<soap:Body>"
                          "<HIPMessageServer><action>A</actio></HIPMessageServer></soap:Body></soap:Envelope>");
  EXPECT_EQ(f.code, gw::SoapFaultCode::sender);
  EXPECT_NE(f.reason.find("line 2"), std::string::npos) << f.reason;
  EXPECT_EQ(gw::httpStatusOf(f), 400);
}

TEST(HipEnvelope, MissingPartsAreNamed) {
  EXPECT_NE(fault(kMessage).reason.find("not a SOAP envelope"), std::string::npos);
  EXPECT_NE(fault("<e:Envelope xmlns:e=\"" + std::string(gw::kSoap12Namespace) + "\"/>").reason.find("no Body"),
            std::string::npos);
  EXPECT_NE(fault(envelope("<Other/>")).reason.find("no HIPMessageServer element (it holds Other)"), std::string::npos);
  EXPECT_NE(fault(envelope("<HIPMessageServer><message>x</message></HIPMessageServer>")).reason.find("no action"),
            std::string::npos);
  EXPECT_NE(fault(envelope("<HIPMessageServer><action>A</action></HIPMessageServer>")).reason.find("no message"),
            std::string::npos);
  EXPECT_NE(fault(envelope("<HIPMessageServer><action> </action><message>x</message></HIPMessageServer>"))
                .reason.find("action must be"),
            std::string::npos);
  EXPECT_NE(fault(envelope("<HIPMessageServer><action>A</action><message>" + kMessage + "</message></HIPMessageServer>"))
                .reason.find("not elements"),
            std::string::npos);
}

TEST(HipEnvelope, UnknownEnvelopeNamespaceIsAVersionMismatch) {
  gw::SoapFault f = fault(envelope(escapedCall("A", kMessage), "urn:not-soap"));
  EXPECT_EQ(f.code, gw::SoapFaultCode::versionMismatch);
  EXPECT_EQ(f.version, gw::SoapVersion::soap12);
  EXPECT_NE(gw::soapFaultEnvelope(f).find("<env:Value>env:VersionMismatch</env:Value>"), std::string::npos);
}

TEST(HipEnvelope, ExternalEntityInTheEnvelopeIsRefusedAndNothingIsRead) {
  gwtest::TempDir dir;
  const std::string secret = "top-secret-" + std::to_string(::getpid());
  gwtest::writeFile(dir.file("secret.txt"), secret);
  const std::string xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE e [<!ENTITY s SYSTEM \"file://" + dir.file("secret.txt") +
                          "\">]>\n" + envelope(escapedCall("A", "&s;")).substr(39);
  gw::SoapFault f = fault(xxe);
  EXPECT_EQ(f.code, gw::SoapFaultCode::sender);
  EXPECT_NE(f.reason.find("envelope is refused"), std::string::npos) << f.reason;
  const std::string answer = gw::soapFaultEnvelope(f);
  EXPECT_EQ(answer.find(secret), std::string::npos) << answer;
  // An entity the envelope uses without declaring is refused too (its text would come from a DTD).
  EXPECT_NE(fault(envelope("<HIPMessageServer><action>A</action><message>&s;</message></HIPMessageServer>"))
                .reason.find("envelope is refused"),
            std::string::npos);
}

TEST(HipEnvelope, ResponseCarriesTheAcknowledgementAsEscapedText) {
  const std::string ack = "<MCCI_IN000002UV01 xmlns=\"urn:hl7-org:v3\"><acknowledgement typeCode=\"AA\"/></MCCI_IN000002UV01>";
  const std::string answer = gw::hipResponseEnvelope(gw::SoapVersion::soap12, ack);
  EXPECT_NE(answer.find("<HIPMessageServerResponse xmlns=\"urn:hl7-org:v3\"><HIPMessageServerResult>&lt;MCCI_IN000002UV01"),
            std::string::npos)
      << answer;
  EXPECT_EQ(textOf(answer, "HIPMessageServerResult"), ack);
  EXPECT_EQ(gw::soapContentType(gw::SoapVersion::soap12), "application/soap+xml; charset=utf-8");
}

TEST(HipEnvelope, FaultsHaveCodeReasonDetailAndTheBindingsStatus) {
  gw::SoapFault sender{gw::SoapVersion::soap12, gw::SoapFaultCode::sender, "action 'X' <unknown>", ""};
  const std::string text = gw::soapFaultEnvelope(sender);
  EXPECT_EQ(textOf(text, "Value"), "env:Sender");
  EXPECT_EQ(textOf(text, "Text"), "action 'X' <unknown>");
  EXPECT_EQ(text.find("Detail"), std::string::npos);
  EXPECT_EQ(gw::httpStatusOf(sender), 400);

  gw::SoapFault receiver{gw::SoapVersion::soap12, gw::SoapFaultCode::receiver, "store down", "<ack typeCode=\"AE\"/>"};
  EXPECT_EQ(textOf(gw::soapFaultEnvelope(receiver), "Value"), "env:Receiver");
  EXPECT_EQ(textOf(gw::soapFaultEnvelope(receiver), "Detail"), "<ack typeCode=\"AE\"/>");
  EXPECT_EQ(gw::httpStatusOf(receiver), 500);

  gw::SoapFault old{gw::SoapVersion::soap11, gw::SoapFaultCode::sender, "bad", ""};
  EXPECT_EQ(textOf(gw::soapFaultEnvelope(old), "faultcode"), "env:Client");
  EXPECT_EQ(gw::httpStatusOf(old), 500);  // SOAP 1.1's HTTP binding answers every fault with 500
}

TEST(HipWsdl, DescribesTheOperationWithASoap12BindingAtTheGivenAddress) {
  const std::string wsdl = gw::hipWsdl("http://gw.example:8080/v1/hospitals/a&b/hip");
  auto parsed = gw::kit::HardenedXml::parse(wsdl);
  ASSERT_TRUE(parsed.ok()) << parsed.rejection().reason;
  EXPECT_NE(wsdl.find("<soap12:address location=\"http://gw.example:8080/v1/hospitals/a&amp;b/hip\"/>"),
            std::string::npos);
  EXPECT_NE(wsdl.find("<soap12:binding transport=\"http://schemas.xmlsoap.org/soap/http\" style=\"document\"/>"),
            std::string::npos);
  EXPECT_NE(wsdl.find("<xs:element name=\"HIPMessageServerResult\" type=\"xs:string\"/>"), std::string::npos);
  EXPECT_NE(wsdl.find("<soap12:body use=\"literal\"/>"), std::string::npos);
}

}  // namespace
