// The TLS settings every listener of the gateway uses (HTTP, MLLP): TLS 1.2 and later, forward-secret suites,
// client certificates verified against the configured CA, and how a client certificate is named.
#pragma once

#include <Poco/Net/Context.h>
#include <Poco/Net/X509Certificate.h>

#include <string>

#include "config/GatewayConfig.hpp"

namespace gw {

Poco::Net::Context::Ptr serverTlsContext(const TlsConfig& config);

// Lower-case hex SHA-256 of the certificate (DER), as client_certificate_sha256 is written.
std::string certificateSha256(const Poco::Net::X509Certificate& certificate);

// The subject in RFC 2253 form ("CN=his.example,O=Example Hospital,C=CN"), as
// `openssl x509 -noout -subject -nameopt RFC2253` prints it.
std::string certificateSubject(const Poco::Net::X509Certificate& certificate);

}  // namespace gw
