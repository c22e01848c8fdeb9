// gatewayctl replay --hospital ID --adapter NAME [--plugins DIR] [--since T] [--config FILE]
// The shadow test before switching a partner to a new plugin: runs the messages already stored for the
// hospital through adapter NAME (from DIR, default the configured plugin folder) with the partner's
// options, and reports for each whether the output differs from what is stored. Stores nothing.
#include <Poco/Data/RecordSet.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/TemporaryFile.h>

#include <unistd.h>

#include <iostream>
#include <sstream>

#include "config/ConfigError.hpp"
#include "config/GatewayConfig.hpp"
#include "plugin/PluginHost.hpp"
#include "store/Database.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

namespace {

// JSON with keys sorted and no spacing, so that two encodings of the same data compare equal.
std::string canonicalJson(const std::string& text) {
  try {
    Poco::JSON::Parser parser;  // the default handler keeps keys in sorted order
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(parser.parse(text), out);
    return out.str();
  } catch (const Poco::Exception&) {
    return text;
  }
}

}  // namespace

int replayMessages(const std::vector<std::string>& args) {
  std::string path = "conf/gateway.yaml", hospital, adapter, plugins, since;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto value = [&](const char* name) {
      if (i + 1 >= args.size()) throw UsageError(std::string(name) + " needs a value");
      return args[++i];
    };
    if (args[i] == "--config") path = value("--config");
    else if (args[i] == "--hospital") hospital = value("--hospital");
    else if (args[i] == "--adapter") adapter = value("--adapter");
    else if (args[i] == "--plugins") plugins = value("--plugins");
    else if (args[i] == "--since") since = value("--since");
    else throw UsageError("unexpected argument '" + args[i] + "'");
  }
  if (hospital.empty() || adapter.empty()) throw UsageError("--hospital and --adapter are required");
  gw::GatewayConfig config;
  try {
    config = gw::loadConfig(path);
  } catch (const gw::ConfigError& e) {
    std::cout << e.what() << "\n";
    return 1;
  }
  const gw::PartnerConfig* partner = config.hospital(hospital);
  if (!partner) throw UsageError("no hospital '" + hospital + "' in " + path);

  // The partner as configured, but served by the adapter under test.
  auto shadow = std::make_shared<gw::GatewayConfig>(config);
  shadow->insurers.clear();
  shadow->hospitals = {*partner};
  shadow->hospitals.front().adapter = adapter;
  Poco::TemporaryFile cache;
  gw::PluginsConfig pluginsConfig = config.plugins;
  if (!plugins.empty()) pluginsConfig.folder = plugins;
  pluginsConfig.cacheFolder = cache.path();
  gw::PluginHost host(pluginsConfig);
  host.configure(shadow);
  auto routes = host.snapshot();
  auto instance = routes->partner(hospital);
  if (!instance) {
    std::cout << "cannot replay: " << routes->unroutedReason(hospital) << "\n";
    return 1;
  }

  gw::Database db(config.store);
  Poco::Data::Session s = db.session();
  Poco::Data::Statement select(s);
  select << db.sql("SELECT id, message_id, content_type, body, COALESCE(bundle, '') FROM inbound_message "
                   "WHERE hospital = ? AND status = 'accepted' AND received_at >= ? ORDER BY id"),
      Poco::Data::Keywords::use(hospital), Poco::Data::Keywords::use(since);
  select.execute();
  Poco::Data::RecordSet rows(select);
  const std::size_t total = rows.rowCount();
  const bool terminal = ::isatty(STDERR_FILENO);
  std::size_t done = 0, same = 0, differ = 0, failed = 0;
  for (bool more = rows.moveFirst(); more; more = rows.moveNext()) {
    const auto id = rows.value(0).convert<Poco::Int64>();
    const std::string messageId = rows.value(1).convert<std::string>();
    const Poco::Dynamic::Var column = rows.value(3);  // keeps the BLOB alive while it is read
    const auto& blob = column.extract<Poco::Data::BLOB>();
    const std::string body(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
    gw::AdapterCallResult result = instance->decode(body, rows.value(2).convert<std::string>());
    const std::string label = "message " + std::to_string(id) + " (" + messageId + ")";
    if (!result.ok()) {
      ++failed;
      std::cout << label << ": FAILS: " << result.error << "\n";
    } else if (canonicalJson(result.output) != canonicalJson(rows.value(4).convert<std::string>())) {
      ++differ;
      std::cout << label << ": DIFFERS from the stored translation\n";
    } else {
      ++same;
    }
    if (terminal && (++done % 50 == 0 || done == total)) std::cerr << "\rreplay: " << done << "/" << total << std::flush;
  }
  if (terminal && total) std::cerr << "\n";
  std::cout << "replayed " << total << " messages of " << hospital << " through " << instance->pluginName() << " "
            << instance->adapterVersion() << ": " << same << " same, " << differ << " differ, " << failed
            << " fail\n";
  return differ == 0 && failed == 0 ? 0 : 1;
}

}  // namespace gwctl
