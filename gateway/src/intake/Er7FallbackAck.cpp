#include "intake/Er7FallbackAck.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/UUIDGenerator.h>

#include "intake/Er7Header.hpp"

namespace gw {

std::string er7FallbackAck(std::string_view message, const std::string& code, const std::string& reason) {
  const std::vector<std::string> msh = er7HeaderFields(message, "MSH");
  auto field = [&](std::size_t n) { return n < msh.size() ? er7PlainText(msh[n], 180) : std::string(); };
  const std::string version = msh.size() > 12 && !msh[12].empty() ? er7PlainText(msh[12], 20) : "2.5";
  std::string ack = "MSH|^~\\&|" + field(5) + "|" + field(6) + "|" + field(3) + "|" + field(4) + "|" +
                    Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y%m%d%H%M%S") + "||ACK|" +
                    Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 20) + "|P|" + version +
                    "\r";
  ack += "MSA|" + code + "|" + field(10) + "|" + er7PlainText(reason, 400) + "\r";
  return ack;
}

}  // namespace gw
