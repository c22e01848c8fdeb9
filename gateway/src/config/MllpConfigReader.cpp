#include "config/MllpConfigReader.hpp"

#include <Poco/Net/IPAddress.h>

#include "config/ConfigValues.hpp"

namespace gw {

namespace {

bool isLoopback(const std::string& host) {
  Poco::Net::IPAddress address;
  if (host == "localhost") return true;
  return Poco::Net::IPAddress::tryParse(host, address) && address.isLoopback();
}

void readTls(YamlReader& r, const YAML::Node& node, const std::string& p, MllpTlsConfig& out) {
  if (!r.mapping(node, p, {"certificate", "private_key", "ca", "client_subject", "client_certificate_sha256"})) return;
  out.enabled = true;
  if (auto v = r.text(node, p, "certificate", true)) out.certificateFile = resolvePath(r.file(), *v);
  if (auto v = r.text(node, p, "private_key", true)) out.privateKeyFile = resolvePath(r.file(), *v);
  // Without a CA any self-made certificate with the pinned subject would do.
  if (auto v = r.text(node, p, "ca", true)) out.caFile = resolvePath(r.file(), *v);
  if (auto v = r.text(node, p, "client_subject", false)) {
    out.clientSubject = *v;
    if (out.clientSubject.rfind("subject=", 0) == 0) out.clientSubject = out.clientSubject.substr(8);
  }
  if (auto v = r.text(node, p, "client_certificate_sha256", false)) {
    out.clientSha256 = fingerprintHex(*v);
    if (out.clientSha256.empty())
      r.error(node["client_certificate_sha256"], p + ".client_certificate_sha256",
              "must be a SHA-256 fingerprint (64 hex digits, colons allowed)");
  }
  if (out.clientSubject.empty() && out.clientSha256.empty() && !node["client_certificate_sha256"].IsDefined())
    r.error(node, p, "needs client_subject or client_certificate_sha256: the CA alone would let any hospital it "
                     "certified connect as this one");
}

}  // namespace

void readMllp(YamlReader& r, const YAML::Node& node, const std::string& p, MllpConfig& out) {
  if (!r.mapping(node, p,
                 {"listen", "allowed_sources", "tls", "max_frame_bytes", "idle_timeout_seconds",
                  "frame_timeout_seconds", "max_connections", "release", "content_type", "batch_acks"}))
    return;
  out.enabled = true;
  out.line = node.Mark().line + 1;
  out.column = node.Mark().column + 1;
  if (auto listen = r.text(node, p, "listen", true))
    if (!parseListen(*listen, out.host, out.port))
      r.error(node["listen"], p + ".listen", "must be HOST:PORT, got '" + *listen + "'");
  if (const YAML::Node sources = node["allowed_sources"]; sources.IsDefined() && r.sequence(sources, p + ".allowed_sources"))
    for (std::size_t i = 0; i < sources.size(); ++i) {
      const std::string at = p + ".allowed_sources[" + std::to_string(i) + "]";
      auto text = r.scalar(sources[i], at);
      if (!text) continue;
      if (auto range = AddressRange::parse(*text)) out.allowedSources.push_back(*range);
      else r.error(sources[i], at, "must be an address or CIDR such as 10.20.0.0/16, got '" + *text + "'");
    }
  if (const YAML::Node tls = node["tls"]; tls.IsDefined()) readTls(r, tls, p + ".tls", out.tls);
  if (auto v = r.integer(node, p, "max_frame_bytes", false, 1024, 1LL << 30)) out.maxFrameBytes = *v;
  if (auto v = r.integer(node, p, "idle_timeout_seconds", false, 1, 86400)) out.idleTimeoutSeconds = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "frame_timeout_seconds", false, 1, 3600))
    out.frameTimeoutSeconds = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "max_connections", false, 1, 1024)) out.maxConnections = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "release", false, 1, 2)) out.release = static_cast<int>(*v);
  if (auto v = r.text(node, p, "content_type", false)) out.contentType = *v;
  if (auto v = r.choice(node, p, "batch_acks", false, {"batch", "messages"})) out.batchAckPerMessage = *v == "messages";
  // The listener belongs to one hospital: who connects must prove it by address or by certificate.
  if (out.allowedSources.empty() && !out.tls.enabled && !out.host.empty() && !isLoopback(out.host))
    r.error(node, p,
            "a listener on " + out.host + " needs allowed_sources or tls with a pinned client certificate: "
            "otherwise anyone who can reach the port could send as this hospital");
}

}  // namespace gw
