// gatewayctl translate --plugins DIR --adapter NAME [--options FILE.yaml] [--encode] [--partner ID]
//                      [--content-type TYPE] INPUT...
// Loads the folder with the daemon's host and checks, creates one instance for a stand-in partner and
// translates each INPUT ("-" is standard input): partner bytes to canonical JSON, or with --encode the reverse.
#include <Poco/TemporaryFile.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "config/ConfigError.hpp"
#include "plugin/PluginHost.hpp"
#include "intake/OperationOutcomeText.hpp"
#include "plugin/PartnerBytesScreen.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

namespace {

struct TranslateArgs {
  std::string plugins, adapter, optionsFile, partner = "cli", contentType;
  bool encode = false;
  std::vector<std::string> inputs;
};

TranslateArgs parseArgs(const std::vector<std::string>& args) {
  TranslateArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto value = [&](const char* name) {
      if (i + 1 >= args.size()) throw UsageError(std::string(name) + " needs a value");
      return args[++i];
    };
    if (args[i] == "--plugins") out.plugins = value("--plugins");
    else if (args[i] == "--adapter") out.adapter = value("--adapter");
    else if (args[i] == "--options") out.optionsFile = value("--options");
    else if (args[i] == "--partner") out.partner = value("--partner");
    else if (args[i] == "--content-type") out.contentType = value("--content-type");
    else if (args[i] == "--encode") out.encode = true;
    else if (args[i].size() > 1 && args[i][0] == '-' && args[i] != "-") throw UsageError("unknown option " + args[i]);
    else out.inputs.push_back(args[i]);
  }
  if (out.plugins.empty() || out.adapter.empty()) throw UsageError("--plugins and --adapter are required");
  if (out.inputs.empty()) throw UsageError("expects at least one INPUT");
  return out;
}

std::string readInput(const std::string& name) {
  std::ostringstream text;
  if (name == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(name, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + name);
  text << in.rdbuf();
  return text.str();
}

// The partner the command stands in for, as if it were configured with `options` from the file.
gw::GatewayConfig standInConfig(const TranslateArgs& args, gw_adapter_kind kind) {
  gw::GatewayConfig config;
  config.file = args.optionsFile.empty() ? "<command line>" : args.optionsFile;
  gw::PartnerConfig partner;
  partner.kind = kind == GW_KIND_INSURER ? gw::PartnerKind::insurer : gw::PartnerKind::hospital;
  partner.id = args.partner;
  partner.adapter = args.adapter;
  partner.line = 1;
  partner.column = 1;
  partner.options = YAML::Node(YAML::NodeType::Map);
  if (!args.optionsFile.empty()) {
    try {
      YAML::Node options = YAML::LoadFile(args.optionsFile);
      if (!options.IsNull()) partner.options = options;
    } catch (const YAML::BadFile&) {
      throw gw::ConfigError({{args.optionsFile, 0, 0, "", "cannot open the options file"}});
    } catch (const YAML::Exception& e) {
      throw gw::ConfigError({{args.optionsFile, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax error: " + e.msg}});
    }
  }
  (partner.kind == gw::PartnerKind::insurer ? config.insurers : config.hospitals).push_back(partner);
  return config;
}

}  // namespace

int translate(const std::vector<std::string>& rawArgs) {
  const TranslateArgs args = parseArgs(rawArgs);
  Poco::TemporaryFile cacheFolder;  // the copies loaded by this command, removed when it ends
  gw::PluginsConfig pluginsConfig;
  pluginsConfig.folder = args.plugins;
  pluginsConfig.cacheFolder = cacheFolder.path();
  gw::PluginHost host(pluginsConfig);
  host.rescan();

  // The stand-in partner is a hospital or an insurer as the adapter is.
  gw_adapter_kind kind = GW_KIND_HOSPITAL;
  std::vector<std::string> declaredTypes;
  for (const auto& plugin : host.snapshot()->plugins()) {
    if (const gw_adapter* adapter = plugin->adapter(args.adapter)) {
      kind = static_cast<gw_adapter_kind>(adapter->kind);
      for (auto type = adapter->content_types; type && *type; ++type) declaredTypes.push_back(*type);
    }
  }
  // Without --content-type, a file is sent as the adapter's first XML type when it looks like XML,
  // else as its first other type (e.g. HL7 v2 ER7).
  auto contentTypeFor = [&](const std::string& input) {
    if (!args.contentType.empty()) return args.contentType;
    const bool xml = gw::looksLikeXml("", input);
    for (const auto& type : declaredTypes)
      if ((type.find("xml") != std::string::npos) == xml) return type;
    return declaredTypes.empty() ? std::string() : declaredTypes.front();
  };
  for (const auto& refusal : host.snapshot()->refusals())
    std::cerr << "plugin " << refusal.file << " refused (" << refusal.code << "): " << refusal.reason << "\n";
  try {
    host.configure(std::make_shared<const gw::GatewayConfig>(standInConfig(args, kind)));
  } catch (const gw::ConfigError& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  auto snapshot = host.snapshot();
  auto instance = snapshot->partner(args.partner);
  if (!instance) {
    std::cerr << "cannot translate: " << snapshot->unroutedReason(args.partner) << "\n";
    return 1;
  }

  int status = 0;
  for (const auto& name : args.inputs) {
    gw::AdapterCallResult result;
    try {
      const std::string input = readInput(name);
      if (args.encode) {
        result = instance->encode(input);
      } else {
        // Behind the host's screen, as in the daemon.
        result = instance->decode(input, contentTypeFor(input));
      }
    } catch (const std::exception& e) {
      std::cerr << name << ": rejected: " << e.what() << "\n";
      status = 1;
      continue;
    }
    if (!result.ok()) {
      std::cerr << name << ": rejected (" << gw::statusName(result.status)
                << (result.errorLocation.empty() ? "" : " at " + result.errorLocation) << "): " << result.error << "\n";
      status = 1;
      continue;
    }
    for (const auto& warning : gw::issuesOf(result.issues))
      std::cerr << name << ": warning (" << (warning.field.empty() ? warning.code : warning.field)
                << "): " << warning.text << "\n";
    std::cout << result.output << "\n";
  }
  return status;
}

}  // namespace gwctl
