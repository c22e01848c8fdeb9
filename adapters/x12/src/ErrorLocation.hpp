// Where in a received interchange an error is, read back from the location text decode gave it:
// "segment 13 (CLP)", "segment 13 (CLP) element 4", "segment 11 (HL) missing HCR" (Segment::label,
// Segment::elementLabel, Segment::missingLabel), or the expression a charge defect carries, "segment 13 CLP03"
// (kit::Issues). The 999 reply points IK3/IK4 with it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gw::x12 {

struct ErrorLocation {
  std::size_t segment = 0;  // 1-based position in the interchange (ISA = 1); 0 when no segment is named
  std::size_t element = 0;  // 1-based element in that segment; 0 when the error is about the whole segment
  std::string missing;      // the id of a required segment absent from the loop that segment opens ("HCR")
};

ErrorLocation errorLocationOf(std::string_view text);

}  // namespace gw::x12
