// Reasons without values: a refusal names the field and the position, never what the field held.
//
// Adapters and parsers quote the offending value ("PID-7: 'Aug 15, 1942' is not a valid date"); that
// text is kept with a dead letter, written to the audit log and the logs, and sent back in the
// acknowledgement, where a patient's name or ID number must not appear. The stored message itself
// is the only place for values.
#pragma once

#include <string>

namespace gw {

// `reason` with the inside of every quoted span ('…' or "…") replaced by an ellipsis. A quote opens
// a span only at the start or after a space, '(', ':', ',' or '=', so "the adapter's output" is
// left alone.
std::string withoutValues(const std::string& reason);

}  // namespace gw
