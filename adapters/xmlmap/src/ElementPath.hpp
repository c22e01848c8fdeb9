// ElementPath.hpp: a FHIR element path as a mapping file writes it, e.g.
// `Patient.identifier[0].value`: the resource type, then element names, each optionally indexed.
#pragma once

#include <gw/kit/Json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace gw::xmlmap {

using kit::Json;

struct ElementStep {
  std::string name;
  std::optional<std::size_t> index;  // [n]: item n of a repeating element
};

struct ElementPath {
  std::string resourceType;
  std::vector<ElementStep> steps;
  std::string text;

  // Throws std::invalid_argument saying what is wrong with `text`.
  static ElementPath parse(const std::string& text);
  // The node this path names inside `resource`, created on the way.
  Json& locate(Json& resource) const;
};

// True when `name` is an R4 resource type this adapter can produce.
bool isKnownResourceType(const std::string& name);

}  // namespace gw::xmlmap
