#include "config/GatewayConfig.hpp"

#include <Poco/Path.h>

#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "config/ClaimsConfigReader.hpp"
#include "config/ConfigError.hpp"
#include "config/ConfigValues.hpp"
#include "config/MllpConfigReader.hpp"
#include "config/PickupConfigReader.hpp"
#include "config/YamlReader.hpp"

namespace gw {

namespace {

// The screen every XML document from a partner passes before any parser builds it (server.xml).
void readXmlLimits(YamlReader& r, const YAML::Node& node, kit::XmlLimits& out) {
  const std::string p = "server.xml";
  if (!r.mapping(node, p, {"max_attributes_per_element", "max_elements", "max_name_bytes", "max_depth"})) return;
  if (auto v = r.integer(node, p, "max_attributes_per_element", false, 1, 100000))
    out.maxAttributesPerElement = static_cast<std::size_t>(*v);
  if (auto v = r.integer(node, p, "max_elements", false, 1, 100000000)) out.maxElements = static_cast<std::size_t>(*v);
  if (auto v = r.integer(node, p, "max_name_bytes", false, 1, 50000)) out.maxNameBytes = static_cast<std::size_t>(*v);
  // libxml2 itself stops past 256 levels (see kit::XmlLimits::maxDepth).
  if (auto v = r.integer(node, p, "max_depth", false, 1, 256)) out.maxDepth = static_cast<int>(*v);
}

void readServer(YamlReader& r, const YAML::Node& node, ServerConfig& out) {
  const std::string p = "server";
  if (!r.mapping(node, p, {"listen", "threads", "queue", "max_body_bytes", "request_timeout_seconds",
                           "keep_alive_seconds", "max_keep_alive_requests", "max_connections_per_address", "max_resources_per_message", "drain_seconds", "admin_key_sha256", "group_key_sha256", "tls", "xml"}))
    return;
  if (auto listen = r.text(node, p, "listen", false))
    if (!parseListen(*listen, out.host, out.port))
      r.error(node["listen"], "server.listen", "must be HOST:PORT, got '" + *listen + "'");
  if (auto v = r.integer(node, p, "threads", false, 1, 1024)) out.threads = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "queue", false, 1, 100000)) out.queue = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "max_body_bytes", false, 1024, 1LL << 30)) out.maxBodyBytes = *v;
  if (auto v = r.integer(node, p, "request_timeout_seconds", false, 1, 3600))
    out.requestTimeoutSeconds = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "keep_alive_seconds", false, 1, 3600)) out.keepAliveSeconds = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "max_keep_alive_requests", false, 1, 1000000))
    out.maxKeepAliveRequests = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "max_connections_per_address", false, 1, 100000))
    out.maxConnectionsPerAddress = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "max_resources_per_message", false, 1, 1000000))
    out.maxResourcesPerMessage = static_cast<std::size_t>(*v);
  if (auto v = r.integer(node, p, "drain_seconds", false, 0, 60)) out.drainSeconds = static_cast<int>(*v);
  if (YAML::Node xml = node["xml"]; xml.IsDefined()) readXmlLimits(r, xml, out.xmlLimits);
  for (auto [key, field] : {std::pair{"admin_key_sha256", &out.adminKeySha256},
                            std::pair{"group_key_sha256", &out.groupKeySha256}}) {
    if (auto v = r.text(node, p, key, false)) {
      if (isSha256Hex(*v))
        *field = *v;
      else
        r.error(node[key], YamlReader::join(p, key), "must be 64 hex digits (the SHA-256 of the key)");
    }
  }
  if (YAML::Node tls = node["tls"]; tls.IsDefined()) {
    const std::string tp = "server.tls";
    if (r.mapping(tls, tp, {"enabled", "certificate", "private_key", "ca", "require_client_certificate"})) {
      if (auto v = r.boolean(tls, tp, "enabled", false)) out.tls.enabled = *v;
      if (auto v = r.text(tls, tp, "certificate", out.tls.enabled)) out.tls.certificateFile = resolvePath(r.file(), *v);
      if (auto v = r.text(tls, tp, "private_key", out.tls.enabled)) out.tls.privateKeyFile = resolvePath(r.file(), *v);
      if (auto v = r.text(tls, tp, "ca", false)) out.tls.caFile = resolvePath(r.file(), *v);
      if (auto v = r.boolean(tls, tp, "require_client_certificate", false)) out.tls.requireClientCertificate = *v;
    }
  }
}

void readStore(YamlReader& r, const YAML::Node& node, StoreConfig& out) {
  const std::string p = "store";
  if (!r.mapping(node, p, {"backend", "sqlite", "postgresql", "pool"})) return;
  if (auto v = r.choice(node, p, "backend", false, {"sqlite", "postgresql"}))
    out.backend = *v == "sqlite" ? StoreBackend::sqlite : StoreBackend::postgresql;
  if (YAML::Node s = node["sqlite"]; s.IsDefined()) {
    const std::string sp = "store.sqlite";
    if (r.mapping(s, sp, {"path", "synchronous", "busy_timeout_ms", "allow_group_read"})) {
      if (auto v = r.text(s, sp, "path", true)) out.sqlitePath = *v;
      if (auto v = r.choice(s, sp, "synchronous", false, {"full", "normal"})) out.sqliteSynchronous = *v;
      if (auto v = r.integer(s, sp, "busy_timeout_ms", false, 0, 600000)) out.busyTimeoutMs = static_cast<int>(*v);
      if (auto v = r.boolean(s, sp, "allow_group_read", false)) out.sqliteAllowGroupRead = *v;
    }
  }
  if (YAML::Node pg = node["postgresql"]; pg.IsDefined()) {
    const std::string pp = "store.postgresql";
    if (r.mapping(pg, pp, {"connection"})) {
      if (auto v = r.text(pg, pp, "connection", true)) out.postgresConnection = *v;
    }
  } else if (out.backend == StoreBackend::postgresql) {
    r.error(node, "store.postgresql", "required when backend is postgresql");
  }
  if (YAML::Node pool = node["pool"]; pool.IsDefined()) {
    const std::string pp = "store.pool";
    if (r.mapping(pool, pp, {"min", "max", "wait_ms"})) {
      if (auto v = r.integer(pool, pp, "min", false, 1, 256)) out.poolMin = static_cast<int>(*v);
      if (auto v = r.integer(pool, pp, "max", false, 1, 256)) out.poolMax = static_cast<int>(*v);
      if (auto v = r.integer(pool, pp, "wait_ms", false, 0, 600000)) out.poolWaitMs = static_cast<int>(*v);
      if (out.poolMin > out.poolMax) r.error(pool, pp, "min must not exceed max");
    }
  }
}

void readLogging(YamlReader& r, const YAML::Node& node, LoggingConfig& out) {
  const std::string p = "logging";
  if (!r.mapping(node, p, {"level", "format"})) return;
  if (auto v = r.choice(node, p, "level", false,
                        {"fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"}))
    out.level = *v;
  if (auto v = r.choice(node, p, "format", false, {"plain", "json"})) out.format = *v;
}

// The keys an isolation setting may have, at plugins level and per plugin under overrides.
const std::vector<std::string> kIsolationKeys = {"isolation", "workers", "call_timeout_ms", "worker_memory_mb"};

void readIsolation(YamlReader& r, const YAML::Node& node, const std::string& p, IsolationConfig& out) {
  if (auto v = r.choice(node, p, "isolation", false, {"process", "none"})) out.process = *v == "process";
  if (auto v = r.integer(node, p, "workers", false, 1, 64)) out.workers = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "call_timeout_ms", false, 10, 600000)) out.callTimeoutMs = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "worker_memory_mb", false, 64, 1048576)) out.memoryMb = static_cast<int>(*v);
}

void readPlugins(YamlReader& r, const YAML::Node& node, PluginsConfig& out) {
  const std::string p = "plugins";
  std::vector<std::string> keys = {"folder", "cache_folder", "watch_interval_ms", "overrides", "quarantine",
                                   "worker_program"};
  keys.insert(keys.end(), kIsolationKeys.begin(), kIsolationKeys.end());
  if (!r.mapping(node, p, keys)) return;
  if (auto v = r.text(node, p, "folder", true)) out.folder = *v;
  if (auto v = r.text(node, p, "cache_folder", false)) out.cacheFolder = *v;
  if (auto v = r.integer(node, p, "watch_interval_ms", false, 100, 600000)) out.watchIntervalMs = static_cast<int>(*v);
  if (auto v = r.text(node, p, "worker_program", false)) out.workerProgram = *v;
  readIsolation(r, node, p, out.isolation);
  if (const YAML::Node q = node["quarantine"]; q.IsDefined() && r.mapping(q, p + ".quarantine", {"crashes", "window_seconds"})) {
    if (auto v = r.integer(q, p + ".quarantine", "crashes", false, 1, 1000)) out.quarantineCrashes = static_cast<int>(*v);
    if (auto v = r.integer(q, p + ".quarantine", "window_seconds", false, 1, 86400))
      out.quarantineWindowSeconds = static_cast<int>(*v);
  }
  // Per plugin (by its name): what is not set there is the plugins-level setting.
  if (const YAML::Node o = node["overrides"]; o.IsDefined() && !o.IsNull()) {
    if (!o.IsMap()) r.error(o, p + ".overrides", "must be a mapping of plugin names");
    for (const auto& entry : o) {
      if (!o.IsMap()) break;
      const std::string name = entry.first.Scalar();
      const std::string at = p + ".overrides." + name;
      IsolationConfig isolation = out.isolation;
      if (r.mapping(entry.second, at, kIsolationKeys)) readIsolation(r, entry.second, at, isolation);
      out.overrides[name] = isolation;
    }
  }
}

const std::regex& partnerIdPattern() {
  static const std::regex pattern("^[a-z0-9][a-z0-9_-]{0,62}$");
  return pattern;
}

// ---- hospitals[].hip (issue 18) ----
// hip: {actions: {<action>: <HL7 v3 interaction id>}}; merged over intake/HipActions' defaults by its user.
void readHip(YamlReader& r, const YAML::Node& node, const std::string& path, HipConfig& out) {
  if (!r.mapping(node, path, {"actions"})) return;
  const YAML::Node actions = node["actions"];
  if (!actions.IsDefined() || actions.IsNull()) return;
  if (!actions.IsMap()) return r.error(actions, path + ".actions", "must be a mapping of action name to interaction id");
  static const std::regex interaction("^[A-Z]{4}_IN[0-9]{6}(UV[0-9]{0,2})?$");
  for (const auto& item : actions) {
    const std::string name = item.first.IsScalar() ? item.first.Scalar() : "";
    const std::string ap = path + ".actions." + name;
    if (name.empty() || name.find_first_of(" \t\r\n") != std::string::npos) {
      r.error(item.first, ap, "an action name is one word");
      continue;
    }
    if (!item.second.IsScalar() || !std::regex_match(item.second.Scalar(), interaction)) {
      r.error(item.second, ap, "must be an HL7 v3 interaction id such as PRPA_IN201311UV02");
      continue;
    }
    out.actions[name] = item.second.Scalar();
  }
}
// ---- end hospitals[].hip ----

void readPartners(YamlReader& r, const YAML::Node& node, const std::string& section, PartnerKind kind,
                  std::vector<PartnerConfig>& out, std::set<std::string>& ids, std::set<std::string>& keys,
                  std::set<std::string>& ownedOids) {
  if (!r.sequence(node, section)) return;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node entry = node[i];
    const std::string p = section + "[" + std::to_string(i) + "]";
    const bool hospital = kind == PartnerKind::hospital;
    std::vector<std::string> allowed = {"id",         "name", "key_sha256", "adapter", "options", "validation",
                                        "identifier_oids", "client_certificate_sha256"};
    if (hospital) allowed.insert(allowed.end(), {"contract", "mllp", "hip", "pickup"});
    else allowed.push_back("payer");
    if (!r.mapping(entry, p, allowed)) continue;
    PartnerConfig partner;
    partner.kind = kind;
    partner.line = entry.Mark().line + 1;
    partner.column = entry.Mark().column + 1;
    if (auto v = r.text(entry, p, "id", true)) {
      if (!std::regex_match(*v, partnerIdPattern()))
        r.error(entry["id"], p + ".id", "must be lower-case letters, digits, '-' or '_' (at most 63), got '" + *v + "'");
      else if (*v == "group")
        r.error(entry["id"], p + ".id", "'group' is reserved for the group's own identifiers (urn:gw:group:...)");
      else if (!ids.insert(*v).second)
        r.error(entry["id"], p + ".id", "partner id '" + *v + "' is used twice");
      partner.id = *v;
    }
    if (auto v = r.text(entry, p, "name", false)) partner.name = *v;
    if (auto v = r.text(entry, p, "key_sha256", true)) {
      std::string lower = *v;
      for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!isSha256Hex(*v))
        r.error(entry["key_sha256"], p + ".key_sha256", "must be 64 hex digits (the SHA-256 of the key)");
      else if (!keys.insert(lower).second)
        r.error(entry["key_sha256"], p + ".key_sha256", "the same key is given to another partner: each partner needs its own");
      else
        partner.keySha256 = *v;
    }
    if (auto v = r.text(entry, p, "adapter", true)) partner.adapter = *v;
    if (auto v = r.choice(entry, p, "validation", false, {"lenient", "strict"})) partner.lenient = *v == "lenient";
    if (auto v = r.text(entry, p, "client_certificate_sha256", false)) {
      const std::string hex = fingerprintHex(*v);
      if (hex.empty())
        r.error(entry["client_certificate_sha256"], p + ".client_certificate_sha256",
                "must be a SHA-256 fingerprint (64 hex digits, colons allowed)");
      else if (!keys.insert("certificate:" + hex).second)
        r.error(entry["client_certificate_sha256"], p + ".client_certificate_sha256",
                "the same certificate is bound to another partner: each partner needs its own");
      else
        partner.certificateSha256 = hex;
    }
    partner.options = YAML::Node(YAML::NodeType::Map);
    if (YAML::Node options = entry["options"]; options.IsDefined() && !options.IsNull()) {
      if (options.IsMap())
        partner.options = options;
      else
        r.error(options, p + ".options", "must be a mapping");
    }
    if (YAML::Node oids = entry["identifier_oids"]; oids.IsDefined() && r.sequence(oids, p + ".identifier_oids")) {
      static const std::regex oidPattern("^[0-2](\\.(0|[1-9][0-9]*))+$");
      for (std::size_t k = 0; k < oids.size(); ++k) {
        const std::string op = p + ".identifier_oids[" + std::to_string(k) + "]";
        if (!oids[k].IsScalar() || !std::regex_match(oids[k].Scalar(), oidPattern))
          r.error(oids[k], op, "must be an OID such as 1.2.156.112604.1.2");
        else if (!ownedOids.insert(oids[k].Scalar()).second)
          r.error(oids[k], op, "OID " + oids[k].Scalar() + " is owned by another partner already");
        else
          partner.identifierOids.push_back(oids[k].Scalar());
      }
    }
    if (hospital && entry["mllp"].IsDefined()) readMllp(r, entry["mllp"], p + ".mllp", partner.mllp);
    if (hospital && entry["pickup"].IsDefined()) readPickup(r, entry["pickup"], p + ".pickup", partner.pickup);
    if (hospital && entry["contract"].IsDefined()) readContract(r, entry["contract"], p + ".contract", partner.contract);
    if (!hospital && entry["payer"].IsDefined()) readPayer(r, entry["payer"], p + ".payer", partner.payer);
    if (hospital && entry["hip"].IsDefined()) readHip(r, entry["hip"], p + ".hip", partner.hip);
    out.push_back(std::move(partner));
  }
}

void readPractitioners(YamlReader& r, const YAML::Node& node, const GatewayConfig& config,
                       std::vector<PractitionerConfig>& out) {
  if (!r.sequence(node, "practitioners")) return;
  std::set<std::string> groupIds;
  std::set<std::pair<std::string, std::string>> localIds;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node entry = node[i];
    const std::string p = "practitioners[" + std::to_string(i) + "]";
    if (!r.mapping(entry, p, {"id", "name", "sites"})) continue;
    PractitionerConfig practitioner;
    if (auto v = r.text(entry, p, "id", true)) {
      if (!groupIds.insert(*v).second) r.error(entry["id"], p + ".id", "practitioner id '" + *v + "' is used twice");
      practitioner.groupId = *v;
    }
    if (auto v = r.text(entry, p, "name", false)) practitioner.name = *v;
    YAML::Node sites = entry["sites"];
    if (!sites.IsDefined()) {
      r.error(entry, p + ".sites", "required key is missing");
    } else if (r.sequence(sites, p + ".sites")) {
      for (std::size_t j = 0; j < sites.size(); ++j) {
        const std::string sp = p + ".sites[" + std::to_string(j) + "]";
        if (!r.mapping(sites[j], sp, {"hospital", "local_id"})) continue;
        PractitionerSite site;
        if (auto v = r.text(sites[j], sp, "hospital", true)) {
          site.hospital = *v;
          if (!config.hospital(*v)) r.error(sites[j]["hospital"], sp + ".hospital", "no hospital has id '" + *v + "'");
        }
        if (auto v = r.text(sites[j], sp, "local_id", true)) site.localId = *v;
        if (!localIds.insert({site.hospital, site.localId}).second)
          r.error(sites[j], sp, "local id '" + site.localId + "' at '" + site.hospital + "' is mapped twice");
        practitioner.sites.push_back(site);
      }
    }
    out.push_back(std::move(practitioner));
  }
}

void readAudit(YamlReader& r, const YAML::Node& node, AuditConfig& out) {
  if (!r.mapping(node, "audit", {"enabled"})) return;
  if (auto v = r.boolean(node, "audit", "enabled", false)) out.enabled = *v;
}

}  // namespace

const PartnerConfig* GatewayConfig::hospital(const std::string& id) const {
  for (const auto& h : hospitals)
    if (h.id == id) return &h;
  return nullptr;
}

const PartnerConfig* GatewayConfig::insurer(const std::string& id) const {
  for (const auto& i : insurers)
    if (i.id == id) return &i;
  return nullptr;
}

GatewayConfig parseConfig(const std::string& text, const std::string& path) {
  std::vector<ConfigIssue> issues;
  GatewayConfig config;
  config.file = Poco::Path(path).absolute().toString();
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    issues.push_back({path, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + e.msg});
    throw ConfigError(std::move(issues));
  }
  YamlReader r(path, issues);
  if (root.IsNull()) {
    issues.push_back({path, 1, 1, "", "the file is empty"});
    throw ConfigError(std::move(issues));
  }
  if (r.mapping(root, "",
                {"server", "store", "logging", "plugins", "hospitals", "insurers", "practitioners", "memberships",
                 "audit"})) {
    auto section = [&](const char* name) { return root[name]; };
    if (auto n = section("server"); n.IsDefined()) readServer(r, n, config.server);
    if (auto n = section("store"); n.IsDefined()) readStore(r, n, config.store);
    if (auto n = section("logging"); n.IsDefined()) readLogging(r, n, config.logging);
    if (auto n = section("plugins"); n.IsDefined()) readPlugins(r, n, config.plugins);
    std::set<std::string> ids, keys, ownedOids;
    if (auto n = section("hospitals"); n.IsDefined() && !n.IsNull())
      readPartners(r, n, "hospitals", PartnerKind::hospital, config.hospitals, ids, keys, ownedOids);
    if (auto n = section("insurers"); n.IsDefined() && !n.IsNull())
      readPartners(r, n, "insurers", PartnerKind::insurer, config.insurers, ids, keys, ownedOids);
    if (auto n = section("practitioners"); n.IsDefined() && !n.IsNull())
      readPractitioners(r, n, config, config.practitioners);
    if (auto n = section("memberships"); n.IsDefined() && !n.IsNull()) {
      std::set<std::string> insurerIds;
      for (const auto& insurer : config.insurers) insurerIds.insert(insurer.id);
      readMemberships(r, n, insurerIds, config.memberships);
    }
    if (auto n = section("audit"); n.IsDefined()) readAudit(r, n, config.audit);
  }
  if (!issues.empty()) throw ConfigError(std::move(issues));
  config.store.sqlitePath = resolvePath(config.file, config.store.sqlitePath);
  config.plugins.folder = resolvePath(config.file, config.plugins.folder);
  config.plugins.cacheFolder = resolvePath(config.file, config.plugins.cacheFolder);
  if (!config.plugins.workerProgram.empty())
    config.plugins.workerProgram = resolvePath(config.file, config.plugins.workerProgram);
  return config;
}

GatewayConfig loadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError({{path, 0, 0, "", "cannot open the configuration file"}});
  std::ostringstream text;
  text << in.rdbuf();
  return parseConfig(text.str(), path);
}

}  // namespace gw
