// XmlMapAdapter.hpp: the "xmlmap" hospital adapter: a hospital's own XML in, one FHIR R4
// transaction Bundle out, and an acknowledgement from a template; all of its behaviour comes from
// the YAML mapping file the partner's options name (see ../README.md).
#pragma once

#include "BundleMapper.hpp"
#include "MappingSpec.hpp"

#include <gw/kit/XmlDocument.hpp>

#include <gw/plugin.hpp>

#include <string>
#include <string_view>

namespace gw::xmlmap {

class XmlMapAdapter : public gw::sdk::Adapter {
 public:
  static gw::sdk::AdapterInfo info();
  // Loads and checks the mapping file; GW_ERR_CONFIG with file:line:column on any problem.
  explicit XmlMapAdapter(const gw::sdk::Partner& partner);
  XmlMapAdapter(const XmlMapAdapter&) = delete;  // mapper_ refers to spec_
  XmlMapAdapter& operator=(const XmlMapAdapter&) = delete;

  gw::sdk::Output identify(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output decode(std::string_view input, std::string_view contentType) override;
  gw::sdk::Output acknowledge(std::string_view request, std::string_view contentType, gw_ack_outcome outcome,
                              std::string_view errorLocation, std::string_view text) override;
  // ABI 1.1: an accepted message's warnings fill the template's ${warnings}.
  gw::sdk::Output acknowledgeReply(const gw::sdk::AckRequest& request) override;

  const MappingSpec& mapping() const { return spec_; }

 private:
  // Parses through HardenedXml and checks the root against the mapping's `match`.
  kit::XmlDocument read(std::string_view input) const;
  // The envelope (identify), and with `withBundle` the FHIR Bundle too (decode).
  gw::sdk::Output translate(std::string_view input, bool withBundle) const;

  std::string partnerId_;
  bool lenient_;  // the partner's validation (ABI 1.1 option)
  MappingSpec spec_;
  BundleMapper mapper_;
};

// The mapping file path from the options: absolute as given; relative against `base_dir` when set,
// else against the process's working directory.
std::string mappingPathFromOptions(const std::string& optionsJson);

}  // namespace gw::xmlmap
