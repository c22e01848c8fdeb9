// The action → HL7 v3 interaction table of the SOAP intake (HIPMessageServer): which interaction a
// hospital platform's `action` announces, so that a message whose root says otherwise is refused.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/GatewayConfig.hpp"

namespace gw {

class HipActions {
 public:
  // The gateway's defaults (the interactions of the hospital-platform interaction standard), with the
  // hospital's `hip.actions` over them.
  explicit HipActions(const HipConfig& config);

  static const std::map<std::string, std::string>& defaults();

  // The interaction `action` announces, or nothing. An action that is itself one of the table's
  // interaction ids announces that interaction (platforms often send the id as the action).
  std::optional<std::string> interactionOf(const std::string& action) const;

  // Why `message` may not be sent as `action`, or nothing: an unknown action (the reason lists the
  // known ones), or a message whose document element is not the announced interaction.
  std::optional<std::string> refusal(const std::string& action, std::string_view message) const;

  const std::map<std::string, std::string>& table() const { return table_; }

 private:
  std::map<std::string, std::string> table_;
};

// The local name of the document element of `xml` (after a BOM, the XML declaration, comments, processing
// instructions and a DOCTYPE), found by a linear scan without building a tree; empty when there is none.
std::string documentElementName(std::string_view xml);

}  // namespace gw
