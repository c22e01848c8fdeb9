#include "common/AddressRange.hpp"

#include <Poco/NumberParser.h>

namespace gw {

namespace {

// The first `prefix` bits of `address`, the rest zero.
Poco::Net::IPAddress masked(const Poco::Net::IPAddress& address, unsigned prefix) {
  return address & Poco::Net::IPAddress(prefix, address.family());
}

// ::ffff:a.b.c.d as a.b.c.d; anything else unchanged.
Poco::Net::IPAddress unmapped(const Poco::Net::IPAddress& address) {
  if (address.family() != Poco::Net::IPAddress::IPv6 || !address.isIPv4Mapped()) return address;
  const auto* bytes = static_cast<const unsigned char*>(address.addr());
  return Poco::Net::IPAddress(bytes + 12, 4);
}

}  // namespace

std::optional<AddressRange> AddressRange::parse(const std::string& text) {
  const auto slash = text.find('/');
  Poco::Net::IPAddress address;
  if (!Poco::Net::IPAddress::tryParse(text.substr(0, slash), address)) return std::nullopt;
  const unsigned bits = address.family() == Poco::Net::IPAddress::IPv4 ? 32 : 128;
  unsigned prefix = bits;
  if (slash != std::string::npos &&
      (!Poco::NumberParser::tryParseUnsigned(text.substr(slash + 1), prefix) || prefix > bits ||
       text.substr(slash + 1).find_first_not_of("0123456789") != std::string::npos))
    return std::nullopt;
  return AddressRange(masked(address, prefix), prefix, text);
}

bool AddressRange::contains(const Poco::Net::IPAddress& address) const {
  const Poco::Net::IPAddress client = unmapped(address);
  if (client.family() != network_.family()) return false;
  return masked(client, prefix_) == network_;
}

}  // namespace gw
