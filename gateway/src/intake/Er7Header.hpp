// The fields of an ER7 header segment (MSH, BHS, FHS), which define their own field separator at their fourth
// byte. Used where the gateway itself must answer in ER7 without an adapter: fallback ACKs and batch envelopes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gw {

// Fields by their number (fields[1] is the separator, fields[2] the encoding characters, fields[10] MSH-10);
// empty when `segment` does not start with `name`. Reads at most the first 4 KiB of the segment.
std::vector<std::string> er7HeaderFields(std::string_view segment, std::string_view name);

// Text that cannot break the segment it is written into (delimiters and control characters become spaces).
std::string er7PlainText(std::string_view text, std::size_t limit);

}  // namespace gw
