// An IPv4 or IPv6 address range written as an address or ADDRESS/PREFIX (CIDR), for allowed_sources.
#pragma once

#include <Poco/Net/IPAddress.h>

#include <optional>
#include <string>

namespace gw {

class AddressRange {
 public:
  // Nothing when `text` is not an address or CIDR.
  static std::optional<AddressRange> parse(const std::string& text);

  // An IPv4 client reaching a dual-stack socket is seen as ::ffff:a.b.c.d: it matches its IPv4 range.
  bool contains(const Poco::Net::IPAddress& address) const;
  const std::string& text() const { return text_; }

 private:
  AddressRange(Poco::Net::IPAddress network, unsigned prefix, std::string text)
      : network_(std::move(network)), prefix_(prefix), text_(std::move(text)) {}
  Poco::Net::IPAddress network_;
  unsigned prefix_;
  std::string text_;
};

}  // namespace gw
