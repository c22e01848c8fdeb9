// Builds the reply 999: AK1 per group, AK2 + IK5 per set, IK3/IK4 at what the error names, AK9.
#include "Ack999Writer.hpp"

#include "ElementSyntax.hpp"
#include "ErrorLocation.hpp"
#include "ReplyEnvelope.hpp"
#include "X12Writer.hpp"

#include <cstdlib>

namespace gw::x12 {

namespace {

// IK404 is at most 99 characters.
constexpr std::size_t kBadDataLength = 99;

// IK502 for a set refused at its own SE: the trailer's count or control number, else "segments in error".
std::string trailerErrorCode(const Interchange& received, const TransactionSet& set) {
  const Segment& se = received.segments[set.last];
  if (se.at(1) != std::to_string(set.last - set.first + 1)) return "4";  // included segment count is wrong
  if (se.at(2) != set.control) return "3";                                // ST02/SE02 do not match
  return "5";
}

// IK3 (and IK4 when an element is named) for the refused segment `bad` of the set that starts at `st`.
void writeSegmentError(X12Writer& out, const Segment& st, const Segment& bad, const ErrorLocation& error) {
  const std::string position = std::to_string(bad.position - st.position + 1);
  // IK304 3: a required segment is missing from the loop `bad` opens; IK302 is where it was looked for.
  if (!error.missing.empty()) return out.segment({"IK3", error.missing, position, "", "3"});
  // IK304 8: the segment has data element errors (the IK4 says which); 2: the segment is not expected there.
  const std::size_t element = error.element;
  out.segment({"IK3", bad.id(), position, "", element ? "8" : "2"});
  if (!element) return;
  ElementSyntaxError syntax = elementSyntaxErrorOf(bad, element);
  out.segment({"IK4", std::to_string(element), syntax.reference, syntax.code, bad.at(element).substr(0, kBadDataLength)});
}

}  // namespace

std::string ack999Of(const Interchange& received, gw_ack_outcome outcome, std::string_view errorLocation,
                     const X12Options& options, const std::string& now) {
  const Delimiters& d = received.delimiters;
  X12Writer out(Delimiters{d.element, d.component, d.repetition ? d.repetition : options.delimiters.repetition, d.segment});
  const std::string control = replyControlNumber(now);
  const std::string gs06 = std::to_string(std::strtoul(control.c_str(), nullptr, 10));
  writeReplyIsa(out, received.segments.front(), control, options.usage, now);
  const Segment& firstGs = received.segments[received.groups.front().first];
  out.segment({"GS", "FA", firstGs.at(3), firstGs.at(2), now.substr(0, 8), now.substr(8, 4), gs06, "X", "005010X231A1"});
  const bool accepted = outcome == GW_ACK_ACCEPT;
  const ErrorLocation error = errorLocationOf(errorLocation);
  std::size_t setNumber = 0;
  for (const auto& group : received.groups) {
    const Segment& gs = received.segments[group.first];
    out.mark();
    std::string st02 = std::to_string(++setNumber);
    if (st02.size() < 4) st02.insert(0, 4 - st02.size(), '0');
    out.segment({"ST", "999", st02, "005010X231A1"});
    out.segment({"AK1", gs.at(1), gs.at(6), gs.at(8)});
    for (const auto& set : group.sets) {
      out.segment({"AK2", set.code, set.control, gs.at(8)});
      const Segment& st = received.segments[set.first];
      const bool errorInSet = !accepted && error.segment >= st.position && set.last > 0 &&
                              error.segment <= received.segments[set.last].position;
      std::string setError = "5";  // one or more segments in error
      if (errorInSet && error.segment == received.segments[set.last].position)
        setError = trailerErrorCode(received, set);
      else if (errorInSet)
        writeSegmentError(out, st, received.segments[error.segment - 1], error);
      out.segment({"IK5", accepted ? "A" : "R", accepted ? "" : setError});
    }
    std::string count = std::to_string(group.sets.size());
    out.segment({"AK9", accepted ? "A" : "R", count, count, accepted ? count : "0"});
    out.segment({"SE", std::to_string(out.segmentsSinceMark() + 1), st02});
  }
  out.segment({"GE", std::to_string(setNumber), gs06});
  out.segment({"IEA", "1", control});
  return out.text();
}

}  // namespace gw::x12
