#include "intake/HipWsdl.hpp"

#include <gw/kit/Text.hpp>

#include "intake/HipEnvelope.hpp"

namespace gw {

std::string hipWsdl(std::string_view address) {
  const std::string tns = kHipNamespace;
  // Wrapped document/literal: the input element is named like the operation, so a client calls
  // HIPMessageServer(action, message) and gets the HIPMessageServerResult string back.
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<wsdl:definitions name=\"HIPService\" targetNamespace=\"" + tns + "\"\n"
         "    xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\" xmlns:soap12=\"http://schemas.xmlsoap.org/wsdl/soap12/\"\n"
         "    xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:tns=\"" + tns + "\">\n"
         "  <wsdl:types>\n"
         "    <xs:schema targetNamespace=\"" + tns + "\" elementFormDefault=\"qualified\">\n"
         "      <xs:element name=\"HIPMessageServer\">\n"
         "        <xs:complexType><xs:sequence>\n"
         "          <xs:element name=\"action\" type=\"xs:string\"/>\n"
         "          <xs:element name=\"message\" type=\"xs:string\"/>\n"
         "        </xs:sequence></xs:complexType>\n"
         "      </xs:element>\n"
         "      <xs:element name=\"HIPMessageServerResponse\">\n"
         "        <xs:complexType><xs:sequence>\n"
         "          <xs:element name=\"HIPMessageServerResult\" type=\"xs:string\"/>\n"
         "        </xs:sequence></xs:complexType>\n"
         "      </xs:element>\n"
         "    </xs:schema>\n"
         "  </wsdl:types>\n"
         "  <wsdl:message name=\"HIPMessageServerSoapIn\"><wsdl:part name=\"parameters\" element=\"tns:HIPMessageServer\"/></wsdl:message>\n"
         "  <wsdl:message name=\"HIPMessageServerSoapOut\"><wsdl:part name=\"parameters\" element=\"tns:HIPMessageServerResponse\"/></wsdl:message>\n"
         "  <wsdl:portType name=\"HIPServiceSoap\">\n"
         "    <wsdl:operation name=\"HIPMessageServer\">\n"
         "      <wsdl:input message=\"tns:HIPMessageServerSoapIn\"/>\n"
         "      <wsdl:output message=\"tns:HIPMessageServerSoapOut\"/>\n"
         "    </wsdl:operation>\n"
         "  </wsdl:portType>\n"
         "  <wsdl:binding name=\"HIPServiceSoap12\" type=\"tns:HIPServiceSoap\">\n"
         "    <soap12:binding transport=\"http://schemas.xmlsoap.org/soap/http\" style=\"document\"/>\n"
         "    <wsdl:operation name=\"HIPMessageServer\">\n"
         "      <soap12:operation soapAction=\"" + tns + "/HIPMessageServer\" style=\"document\"/>\n"
         "      <wsdl:input><soap12:body use=\"literal\"/></wsdl:input>\n"
         "      <wsdl:output><soap12:body use=\"literal\"/></wsdl:output>\n"
         "    </wsdl:operation>\n"
         "  </wsdl:binding>\n"
         "  <wsdl:service name=\"HIPService\">\n"
         "    <wsdl:port name=\"HIPServiceSoap12\" binding=\"tns:HIPServiceSoap12\">\n"
         "      <soap12:address location=\"" + kit::xmlEscaped(address) + "\"/>\n"
         "    </wsdl:port>\n"
         "  </wsdl:service>\n"
         "</wsdl:definitions>\n";
}

}  // namespace gw
