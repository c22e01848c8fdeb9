// ISA and control numbers of an outbox page's interchange.
#include "PageEnvelope.hpp"

namespace gw::x12 {

PageControl pageControlOf(const ClaimPage& page) {
  const std::uint64_t control = page.pageNumber() % 1000000000ULL;
  std::string isa13 = std::to_string(control);
  isa13.insert(0, 9 - isa13.size(), '0');
  return {isa13, std::to_string(control)};
}

std::string setControlOf(std::size_t position) {
  std::string control = std::to_string(position);
  if (control.size() < 4) control.insert(0, 4 - control.size(), '0');
  return control;
}

void writePageIsa(X12Writer& out, const X12Options& options, const std::string& isa13, const std::string& now) {
  const Delimiters& d = options.delimiters;
  const std::string e(1, d.element);
  out.raw("ISA" + e + "00" + e + fixedWidth("", 10) + e + "00" + e + fixedWidth("", 10) + e + options.senderQualifier + e +
          fixedWidth(options.senderId, 15) + e + options.receiverQualifier + e + fixedWidth(options.receiverId, 15) + e +
          now.substr(2, 6) + e + now.substr(8, 4) + e + std::string(1, d.repetition) + e + "00501" + e + isa13 + e +
          "0" + e + std::string(1, options.usage) + e + std::string(1, d.component));
}

}  // namespace gw::x12
