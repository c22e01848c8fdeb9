// FHIR JSON in this adapter: the kit's reader (key order kept, nesting capped, typed reads) and the few
// pieces only claims need.
#pragma once

#include <gw/kit/JsonReader.hpp>

#include <string>

namespace gw::fhirclaim {

using kit::arrayAt;
using kit::JsonArray;
using kit::JsonObject;
using kit::newObject;
using kit::objectAt;
using kit::parseObject;
using kit::render;
using kit::stringAt;

// "Type/id" of a resource, or "Type" when it has no id.
std::string resourceLabel(const JsonObject& resource);

// A fresh random id (a UUID) and the current time as a FHIR instant, for Bundles this adapter writes.
std::string freshId();
std::string nowInstant();

}  // namespace gw::fhirclaim
