#include "mllp/FallbackAck.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/UUIDGenerator.h>

#include <vector>

namespace gw::mllp {

namespace {

// MSH fields by their number (MSH-1 is the separator itself); empty when the segment is not there.
std::vector<std::string> headerFields(std::string_view message) {
  std::vector<std::string> fields;
  if (message.size() < 8 || message.substr(0, 3) != "MSH") return fields;
  const char separator = message[3];
  const std::string_view segment = message.substr(0, std::min(message.find_first_of("\r\n"), std::size_t{4096}));
  fields.push_back("MSH");
  fields.emplace_back(1, separator);
  std::size_t at = 4;
  while (at <= segment.size()) {
    const std::size_t end = std::min(segment.find(separator, at), segment.size());
    fields.emplace_back(segment.substr(at, end - at));
    at = end + 1;
  }
  return fields;  // [2] is MSH-2 (the encoding characters), [9] MSH-10
}

// Text that cannot break the segment it is written into.
std::string plain(std::string_view text, std::size_t limit) {
  std::string out;
  for (char c : text.substr(0, limit)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || c == '|' || c == '^' || c == '~' || c == '\\' || c == '&') ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string fallbackAck(std::string_view message, const std::string& code, const std::string& reason) {
  const std::vector<std::string> msh = headerFields(message);
  auto field = [&](std::size_t n) { return n < msh.size() ? plain(msh[n], 180) : std::string(); };
  const std::string version = msh.size() > 12 && !msh[12].empty() ? plain(msh[12], 20) : "2.5";
  std::string ack = "MSH|^~\\&|" + field(5) + "|" + field(6) + "|" + field(3) + "|" + field(4) + "|" +
                    Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y%m%d%H%M%S") + "||ACK|" +
                    Poco::UUIDGenerator::defaultGenerator().createRandom().toString().substr(0, 20) + "|P|" + version +
                    "\r";
  ack += "MSA|" + code + "|" + field(10) + "|" + plain(reason, 400) + "\r";
  return ack;
}

}  // namespace gw::mllp
