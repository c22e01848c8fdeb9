// What a 999's IK4 says about one refused element: its data element reference number (IK402) and the
// implementation data element syntax error code (IK403, 005010X231A1), from the X12 dictionary entry of
// the 835 and 278 elements the adapter refuses and the value the partner sent.
#pragma once

#include "X12Interchange.hpp"

#include <cstddef>
#include <string>

namespace gw::x12 {

struct ElementSyntaxError {
  std::string reference;  // "782" (monetary amount); "" for an element the table does not know
  std::string code;       // "1" required element missing, "6" invalid character, "7" invalid code value, ...
};

// Element `index` of `segment`, as received.
ElementSyntaxError elementSyntaxErrorOf(const Segment& segment, std::size_t index);

}  // namespace gw::x12
