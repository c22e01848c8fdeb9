#include "common/ServerTls.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

namespace gw {

Poco::Net::Context::Ptr serverTlsContext(const TlsConfig& config) {
  Poco::Net::Context::Params params;
  params.certificateFile = config.certificateFile;
  params.privateKeyFile = config.privateKeyFile;
  params.caLocation = config.caFile;
  params.verificationMode = config.requireClientCertificate ? Poco::Net::Context::VERIFY_STRICT
                            : config.caFile.empty()          ? Poco::Net::Context::VERIFY_NONE
                                                             : Poco::Net::Context::VERIFY_RELAXED;
  // TLS 1.2 offers only forward-secret suites (ephemeral key exchange, AEAD); TLS 1.3's are all so.
  params.cipherList = "ECDHE+AESGCM:ECDHE+CHACHA20:DHE+AESGCM:DHE+CHACHA20:!aNULL:!eNULL:!MD5:!SHA1:!DSS";
  params.dhUse2048Bits = true;
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
  context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  context->preferServerCiphers();
  // Poco would check a client certificate's CN/SAN against the client's IP address, as a client checks
  // a server's host name: a partner's certificate names the partner, not its address. The chain is
  // still verified against the CA; which partner a certificate is, is its configured fingerprint or subject.
  context->enableExtendedCertificateVerification(false);
  return context;
}

std::string certificateSha256(const Poco::Net::X509Certificate& certificate) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(certificate.certificate(), EVP_sha256(), digest, &length) != 1) return {};
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0F];
  }
  return out;
}

std::string certificateSubject(const Poco::Net::X509Certificate& certificate) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio) return {};
  const X509_NAME* name = X509_get_subject_name(certificate.certificate());
  if (X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return {};
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace gw
