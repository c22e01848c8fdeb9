// Where in a received interchange an error is, read back from the location text decode gave it:
// "segment 13 (CLP)", "segment 13 (CLP) element 4" (Segment::label, Segment::elementLabel), or the
// expression a charge defect carries, "segment 13 CLP03" (kit::Issues). The 999 reply points IK3/IK4 with it.
#pragma once

#include <cstddef>
#include <string_view>

namespace gw::x12 {

struct ErrorLocation {
  std::size_t segment = 0;  // 1-based position in the interchange (ISA = 1); 0 when no segment is named
  std::size_t element = 0;  // 1-based element in that segment; 0 when the error is about the whole segment
};

ErrorLocation errorLocationOf(std::string_view text);

}  // namespace gw::x12
