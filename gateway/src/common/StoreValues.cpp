#include "common/StoreValues.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/UUIDGenerator.h>

namespace gw {

std::string utcTimestamp(const Poco::DateTime& time) {
  return Poco::DateTimeFormatter::format(time, "%Y-%m-%dT%H:%M:%S.%FZ");
}

std::string newId() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

}  // namespace gw
