// Values the gateway writes into its store: UTC timestamps in one format (so that they sort and compare
// as text on both backends) and new resource ids.
#pragma once

#include <Poco/DateTime.h>

#include <string>

namespace gw {

// "2026-11-25T02:40:00.123456Z".
std::string utcTimestamp(const Poco::DateTime& time = Poco::DateTime());

// A random UUID, as FHIR resource ids of the group's store.
std::string newId();

}  // namespace gw
