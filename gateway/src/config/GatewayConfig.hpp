// The validated configuration of one gateway, as loaded from conf/gateway.yaml.
#pragma once

#include <yaml-cpp/yaml.h>
#include <gw/kit/HardenedXml.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/ClaimsConfig.hpp"
#include "config/MllpConfig.hpp"
#include "config/PickupConfig.hpp"

namespace gw {

struct TlsConfig {
  bool enabled = false;
  std::string certificateFile;
  std::string privateKeyFile;
  std::string caFile;          // when set, client certificates are verified against it
  bool requireClientCertificate = false;
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  int threads = 16;
  int queue = 64;
  std::size_t maxBodyBytes = 4 * 1024 * 1024;
  int requestTimeoutSeconds = 30;
  // Poco serves a connection on one thread until it closes: an idle or busy keep-alive connection
  // would hold its thread forever, and clients past `threads` (health probes too) would wait. A
  // connection therefore closes after this many requests, or this long idle.
  int keepAliveSeconds = 5;
  int maxKeepAliveRequests = 100;
  // One source address may hold this many connections at once; more are refused when accepted, so
  // that one client cannot take every thread.
  int maxConnectionsPerAddress = 8;
  // Resources one message may store: past it the message is refused AR (413) before the store sees it.
  std::size_t maxResourcesPerMessage = 10000;
  int drainSeconds = 4;
  std::string adminKeySha256;  // hex SHA-256 of the admin API key; empty disables /v1/admin
  std::string groupKeySha256;  // hex SHA-256 of the group systems' key (FHIR read API)
  TlsConfig tls;
  // What an XML document from a partner may hold (server.xml); maxBytes is max_body_bytes' business.
  kit::XmlLimits xmlLimits;
};

enum class StoreBackend { sqlite, postgresql };

struct StoreConfig {
  StoreBackend backend = StoreBackend::sqlite;
  std::string sqlitePath = "var/gateway.db";
  std::string sqliteSynchronous = "full";  // full | normal
  // The store holds patient data: it is 0600, and a store file its group can read (0640) is accepted only
  // when the operator says so.
  bool sqliteAllowGroupRead = false;
  std::string postgresConnection;          // libpq connection string
  int poolMin = 1;
  int poolMax = 32;
  int poolWaitMs = 5000;  // how long a request waits for a free session before 503
  int busyTimeoutMs = 5000;
};

struct LoggingConfig {
  std::string level = "information";
  std::string format = "plain";  // plain | json
};

// How one plugin's adapters run (plugins.isolation, plugins.overrides.<plugin name>).
struct IsolationConfig {
  // process: each partner's instance lives in supervised worker processes; none: inside gatewayd (trusted).
  bool process = true;
  int workers = 2;              // worker processes per partner instance, started as calls need them
  int callTimeoutMs = 5000;     // a call that takes longer kills its worker
  int memoryMb = 1024;          // address space per worker (RLIMIT_AS)
};

struct PluginsConfig {
  std::string folder = "plugins";
  // Where each plugin file is copied, named by its SHA-256, before it is loaded: a file in `folder`
  // may then be replaced while the old copy is still mapped.
  std::string cacheFolder = "../var/plugin-cache";
  int watchIntervalMs = 1000;
  IsolationConfig isolation;                         // every plugin's, unless overridden
  std::map<std::string, IsolationConfig> overrides;  // by plugin name
  // A plugin version whose workers crash this many times within the window is quarantined.
  int quarantineCrashes = 3;
  int quarantineWindowSeconds = 300;
  std::string workerProgram;  // the gateway-worker executable; empty: next to this program, else the build's

  const IsolationConfig& isolationOf(const std::string& pluginName) const {
    auto it = overrides.find(pluginName);
    return it == overrides.end() ? isolation : it->second;
  }
};

// ---- hospitals[].hip: SOAP intake for hospital platforms (HIPMessageServer), issue 18 ----
// The hospital's own action names over the gateway's defaults (intake/HipActions): action → HL7 v3
// interaction id (the root element the message must have).
struct HipConfig {
  std::map<std::string, std::string> actions;
};
// ---- end hospitals[].hip ----

enum class PartnerKind { hospital, insurer };

// One hospital or insurer. `options` is kept as YAML so that a plugin's declared
// fields can be checked against it with positions.
struct PartnerConfig {
  PartnerKind kind = PartnerKind::hospital;
  std::string id;
  std::string name;
  std::string keySha256;
  std::string adapter;
  YAML::Node options;  // a mapping, possibly empty
  // OIDs whose identifiers this partner owns (its own MRN or visit-number roots), besides its
  // urn:gw:<id>: systems: only this partner may create or change resources under them.
  std::vector<std::string> identifierOids;
  // SHA-256 fingerprint (lower-case hex, no colons) of the TLS client certificate bound to this
  // partner: when set, its requests must come with that certificate, and that certificate
  // authenticates no other partner.
  std::string certificateSha256;
  // lenient (default): a defect in a field that identifies nothing is a warning, not a refusal;
  // strict: it is refused. Passed to adapters of ABI 1.1 and later in their options.
  bool lenient = true;
  HospitalContract contract;  // hospitals only
  MllpConfig mllp;            // hospitals only: its MLLP listener, when enabled
  PickupConfig pickup;        // hospitals only: its folder pickup, when enabled
  InsurerPayer payer;         // insurers only
  HipConfig hip;              // hospitals only (hospitals[].hip)
  int line = 0;        // where the partner's block starts
  int column = 0;
};

struct PractitionerSite {
  std::string hospital;
  std::string localId;
};

struct PractitionerConfig {
  std::string groupId;
  std::string name;
  std::vector<PractitionerSite> sites;
};

struct AuditConfig {
  bool enabled = true;
};

struct GatewayConfig {
  std::string file;  // absolute path of the file it came from
  ServerConfig server;
  StoreConfig store;
  LoggingConfig logging;
  PluginsConfig plugins;
  std::vector<PartnerConfig> hospitals;
  std::vector<PartnerConfig> insurers;
  std::vector<PractitionerConfig> practitioners;
  std::vector<Membership> memberships;
  AuditConfig audit;

  const PartnerConfig* hospital(const std::string& id) const;
  const PartnerConfig* insurer(const std::string& id) const;
};

// Reads and validates a file; throws ConfigError listing every problem found.
GatewayConfig loadConfig(const std::string& path);
// Same, from text (the name is used in messages and to resolve relative paths).
GatewayConfig parseConfig(const std::string& text, const std::string& path);

}  // namespace gw
