#include "config/PickupConfigReader.hpp"

#include "config/ConfigValues.hpp"

namespace gw {

void readPickup(YamlReader& r, const YAML::Node& node, const std::string& p, PickupConfig& out) {
  if (!r.mapping(node, p, {"folder", "pattern", "content_type", "interval_ms", "stable_seconds", "max_file_bytes"})) return;
  out.enabled = true;
  out.line = node.Mark().line + 1;
  out.column = node.Mark().column + 1;
  if (auto v = r.text(node, p, "folder", true)) out.folder = resolvePath(r.file(), *v);
  if (auto v = r.text(node, p, "pattern", false)) out.pattern = *v;
  if (auto v = r.text(node, p, "content_type", false)) out.contentType = *v;
  if (auto v = r.integer(node, p, "interval_ms", false, 50, 3600000)) out.intervalMs = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "stable_seconds", false, 0, 3600)) out.stableSeconds = static_cast<int>(*v);
  if (auto v = r.integer(node, p, "max_file_bytes", false, 1024, 1LL << 40)) out.maxFileBytes = *v;
}

}  // namespace gw
