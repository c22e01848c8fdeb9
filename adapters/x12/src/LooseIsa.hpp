// The ISA of an interchange the reader refuses (a field shortened so it is not fixed width, an unusable
// terminator, something after it that is not a segment), read element by element, so that a TA1 can
// still answer its sender in its delimiters. Bytes that do not start with "ISA" and 16 elements are not X12.
#pragma once

#include "X12Interchange.hpp"

#include <optional>
#include <string_view>

namespace gw::x12 {

struct LooseIsa {
  Segment isa;            // elements[13] is ISA13, as sent
  Delimiters delimiters;  // segment is 0 when the byte after ISA16 cannot be a terminator
};

std::optional<LooseIsa> readLooseIsa(std::string_view text);

}  // namespace gw::x12
