// Builds the reply 999: AK1 per group, AK2 + IK5 per set, IK3 at the segment the error names, AK9.
#include "Ack999Writer.hpp"

#include "X12Interchange.hpp"
#include "X12Writer.hpp"

#include <cstdlib>

namespace gw::x12 {

namespace {

std::string trimmedRight(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

const char* outcomeWord(gw_ack_outcome outcome) {
  return outcome == GW_ACK_ACCEPT ? "accepted" : outcome == GW_ACK_ERROR ? "error" : "rejected";
}

// "segment 57 (SE)" → 57; 0 when the location does not name a segment.
std::size_t segmentPosition(std::string_view location) {
  if (location.rfind("segment ", 0) != 0) return 0;
  return static_cast<std::size_t>(std::strtoul(std::string(location.substr(8)).c_str(), nullptr, 10));
}

}  // namespace

Acknowledgement acknowledgementOf(std::string_view request, gw_ack_outcome outcome, std::string_view errorLocation,
                                  std::string_view text, const X12Options& options, const std::string& now) {
  Interchange received;
  try {
    received = readInterchange(request);
  } catch (const gw::sdk::Error&) {
    received.segments.clear();
  }
  // X12 never acknowledges an acknowledgement: a received 999/997 gets the plain-text answer too.
  bool onlyAcknowledgements = !received.groups.empty();
  for (const auto& group : received.groups)
    for (const auto& set : group.sets) onlyAcknowledgements = onlyAcknowledgements && (set.code == "999" || set.code == "997");
  if (received.segments.empty() || received.groups.empty() || onlyAcknowledgements) {
    std::string body = std::string("X12 ") + outcomeWord(outcome);
    if (!errorLocation.empty()) body += " at " + std::string(errorLocation);
    if (!text.empty()) body += ": " + std::string(text);
    return {body + "\n", "text/plain"};
  }

  const Delimiters& d = received.delimiters;
  X12Writer out(Delimiters{d.element, d.component, d.repetition ? d.repetition : options.delimiters.repetition, d.segment});
  const Segment& isa = received.segments.front();
  // The reply goes back the way the interchange came: its receiver is our sender.
  std::string control = now.substr(4, 8) + "0";  // MMDDHHMM + 0: distinct per minute (README: limits)
  std::string gs06 = std::to_string(std::strtoul(control.c_str(), nullptr, 10));
  const std::string e(1, d.element);
  out.raw("ISA" + e + "00" + e + fixedWidth("", 10) + e + "00" + e + fixedWidth("", 10) + e + isa.at(7) + e +
          fixedWidth(trimmedRight(isa.at(8)), 15) + e + isa.at(5) + e + fixedWidth(trimmedRight(isa.at(6)), 15) + e +
          now.substr(2, 6) + e + now.substr(8, 4) + e + std::string(1, out.delimiters().repetition) + e + "00501" + e +
          control + e + "0" + e + std::string(1, options.usage) + e + std::string(1, d.component));
  const Segment& firstGs = received.segments[received.groups.front().first];
  out.segment({"GS", "FA", firstGs.at(3), firstGs.at(2), now.substr(0, 8), now.substr(8, 4), gs06, "X", "005010X231A1"});
  const bool accepted = outcome == GW_ACK_ACCEPT;
  const std::size_t errorAt = segmentPosition(errorLocation);
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
      if (!accepted && errorAt >= st.position && errorAt <= received.segments[set.last].position) {
        const Segment& bad = received.segments[errorAt - 1];
        out.segment({"IK3", bad.id(), std::to_string(errorAt - st.position + 1), "", "8"});
      }
      out.segment({"IK5", accepted ? "A" : "R", accepted ? "" : "5"});
    }
    std::string count = std::to_string(group.sets.size());
    out.segment({"AK9", accepted ? "A" : "R", count, count, accepted ? count : "0"});
    out.segment({"SE", std::to_string(out.segmentsSinceMark() + 1), st02});
  }
  out.segment({"GE", std::to_string(setNumber), gs06});
  out.segment({"IEA", "1", control});
  return {out.text(), "application/edi-x12"};
}

}  // namespace gw::x12
