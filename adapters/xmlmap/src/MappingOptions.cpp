// MappingOptions.cpp: the partner's options (`mapping`, `base_dir`) to the mapping file's path.
#include "XmlMapAdapter.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>

namespace gw::xmlmap {

std::string mappingPathFromOptions(const std::string& optionsJson) {
  using gw::sdk::Error;
  Poco::JSON::Object::Ptr options;
  try {
    options = Poco::JSON::Parser().parse(optionsJson.empty() ? "{}" : optionsJson).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception& e) {
    throw Error(GW_ERR_CONFIG, std::string("options are not a JSON object: ") + e.what());
  }
  auto textOption = [&](const std::string& name) -> std::string {
    if (!options->has(name)) return "";
    Poco::Dynamic::Var value = options->get(name);
    if (!value.isString()) throw Error(GW_ERR_CONFIG, "option " + name + ": expected a text value");
    return value.extract<std::string>();
  };
  std::string mapping = textOption("mapping");
  if (mapping.empty()) throw Error(GW_ERR_CONFIG, "option mapping: the path of the mapping file is required");
  std::string base = textOption("base_dir");
  Poco::Path path(mapping);
  if (path.isAbsolute() || base.empty()) return path.toString();
  Poco::Path resolved(Poco::Path(base).makeDirectory());
  resolved.append(path);
  return resolved.toString();
}

}  // namespace gw::xmlmap
