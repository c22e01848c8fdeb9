// ISA06/ISA08 swapped with their qualifiers, padded back to 15; no authorization or security information.
#include "ReplyEnvelope.hpp"

namespace gw::x12 {

namespace {

std::string trimmedRight(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

std::string replyControlNumber(const std::string& now) { return now.substr(4, 8) + "0"; }

void writeReplyIsa(X12Writer& out, const Segment& receivedIsa, const std::string& control, char usage,
                   const std::string& now) {
  const Delimiters& d = out.delimiters();
  const std::string e(1, d.element);
  out.raw("ISA" + e + "00" + e + fixedWidth("", 10) + e + "00" + e + fixedWidth("", 10) + e +
          fixedWidth(receivedIsa.at(7), 2) + e + fixedWidth(trimmedRight(receivedIsa.at(8)), 15) + e +
          fixedWidth(receivedIsa.at(5), 2) + e + fixedWidth(trimmedRight(receivedIsa.at(6)), 15) + e +
          now.substr(2, 6) + e + now.substr(8, 4) + e + std::string(1, d.repetition) + e + "00501" + e + control +
          e + "0" + e + std::string(1, usage) + e + std::string(1, d.component));
}

}  // namespace gw::x12
