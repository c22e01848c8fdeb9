// One TA1 in an interchange of no functional groups (IEA01 = 0).
#include "Ta1Writer.hpp"

#include "ReplyEnvelope.hpp"
#include "X12Writer.hpp"

namespace gw::x12 {

std::string ta1Of(const Segment& receivedIsa, const Delimiters& delimiters, const std::string& noteCode,
                  const X12Options& options, const std::string& now) {
  const Delimiters& ours = options.delimiters;
  X12Writer out(Delimiters{delimiters.element, delimiters.component ? delimiters.component : ours.component,
                           delimiters.repetition ? delimiters.repetition : ours.repetition,
                           delimiters.segment ? delimiters.segment : ours.segment});
  const std::string control = replyControlNumber(now);
  writeReplyIsa(out, receivedIsa, control, options.usage, now);
  out.segment({"TA1", receivedIsa.at(13), receivedIsa.at(9), receivedIsa.at(10), "R", noteCode});
  out.segment({"IEA", "0", control});
  return out.text();
}

}  // namespace gw::x12
