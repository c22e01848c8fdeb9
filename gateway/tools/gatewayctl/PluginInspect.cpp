// gatewayctl plugin inspect FILE.so: runs the daemon's load checks on one file and prints its descriptor,
// or the specific reason the daemon would refuse it.
#include <Poco/TemporaryFile.h>

#include <iostream>

#include "plugin/AdapterInstance.hpp"
#include "plugin/PartnerOptions.hpp"
#include "plugin/PluginCache.hpp"
#include "plugin/PluginLibrary.hpp"
#include "plugin/PluginRefused.hpp"
#include "tools/gatewayctl/Commands.hpp"

namespace gwctl {

namespace {

std::string joined(const char* const* list) {
  std::string out;
  for (; list != nullptr && *list != nullptr; ++list) out += (out.empty() ? "" : ", ") + std::string(*list);
  return out.empty() ? "-" : out;
}

// A partner with every option at its default; false when the adapter requires options that have no default.
bool probeCreate(const std::shared_ptr<const gw::PluginLibrary>& library, const gw_adapter& adapter) {
  for (std::size_t i = 0; i < adapter.config_field_count; ++i) {
    if (adapter.config_fields[i].required && adapter.config_fields[i].default_value == nullptr) {
      std::cout << "  create: not tried (option '" << adapter.config_fields[i].name << "' is required)\n";
      return true;
    }
  }
  gw::PartnerConfig partner;
  partner.id = "inspect";
  partner.adapter = adapter.name;
  partner.options = YAML::Node(YAML::NodeType::Map);
  std::vector<gw::ConfigIssue> issues;
  auto options = gw::partnerOptionsJson(adapter, partner, "inspect", "<defaults>", issues);
  if (!options) {
    std::cout << "  create: the adapter's defaults are not valid: " << gw::ConfigError(issues).what() << "\n";
    return false;
  }
  try {
    auto kind = adapter.kind == GW_KIND_INSURER ? GW_KIND_INSURER : GW_KIND_HOSPITAL;
    gw::AdapterInstance::create(library, adapter, partner.id, kind, *options);
    std::cout << "  create with default options: ok\n";
    return true;
  } catch (const gw::AdapterCreateError& e) {
    std::cout << "  create with default options: failed (" << gw::statusName(e.status()) << "): " << e.what() << "\n";
    return false;
  }
}

}  // namespace

int inspectPlugin(const std::vector<std::string>& args) {
  if (args.size() != 2 || args[0] != "inspect") throw UsageError("expects: inspect FILE.so");
  const std::string& file = args[1];
  Poco::TemporaryFile cacheFolder;  // removed with everything in it when the command ends
  cacheFolder.createDirectories();
  std::shared_ptr<const gw::PluginLibrary> library;
  try {
    gw::PluginCache cache(cacheFolder.path());
    const gw::CachedCopy copy = cache.store(file);
    library = gw::PluginLibrary::load(file, copy.path, copy.sha256);
  } catch (const gw::PluginRefused& e) {
    std::cout << file << ": refused (" << e.code() << "): " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cout << file << ": refused (unreadable): " << e.what() << "\n";
    return 1;
  }
  std::cout << "file: " << file << "\nsha256: " << library->sha256() << "\nplugin: " << library->name() << " "
            << library->version() << " (ABI " << library->abiVersion() << ")\n";
  bool ok = true;
  for (const gw_adapter* adapter : library->adapters()) {
    std::cout << "adapter: " << adapter->name << " " << adapter->version << " (" << gw::adapterKindName(adapter->kind)
              << ")\n"
              << "  formats: " << joined(adapter->formats) << "\n  content types: " << joined(adapter->content_types)
              << "\n  callbacks:" << (adapter->identify ? " identify" : "") << (adapter->decode ? " decode" : "")
              << (adapter->encode ? " encode" : "") << (adapter->acknowledge ? " acknowledge" : "") << "\n";
    if (adapter->config_field_count == 0) std::cout << "  config fields: none\n";
    for (std::size_t i = 0; i < adapter->config_field_count; ++i) {
      const gw_config_field& field = adapter->config_fields[i];
      std::cout << "  option " << field.name << ": " << gw::fieldTypeName(field.type)
                << (field.required ? ", required" : ", optional");
      if (field.default_value) std::cout << ", default \"" << field.default_value << "\"";
      if (field.description && *field.description) std::cout << " - " << field.description;
      std::cout << "\n";
    }
    ok = probeCreate(library, *adapter) && ok;
  }
  return ok ? 0 : 1;
}

}  // namespace gwctl
