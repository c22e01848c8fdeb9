// The WSDL 1.1 description of HIPMessageServer that SOAP tooling (zeep, wsimport, svcutil) builds its
// client from: document/literal, a SOAP 1.2 binding, the operation's elements in kHipNamespace.
#pragma once

#include <string>
#include <string_view>

namespace gw {

// `address` is the endpoint's absolute URL (soap12:address), escaped here.
std::string hipWsdl(std::string_view address);

}  // namespace gw
