// Chooses the answer: text/plain, TA1 or 999, from what the received bytes turn out to be.
#include "Acknowledgement.hpp"

#include "Ack999Writer.hpp"
#include "LooseIsa.hpp"
#include "Ta1Writer.hpp"
#include "X12Interchange.hpp"

#include <gw/kit/Text.hpp>

#include <optional>

namespace gw::x12 {

namespace {

constexpr const char* kX12 = "application/edi-x12";

const char* outcomeWord(gw_ack_outcome outcome) {
  return outcome == GW_ACK_ACCEPT ? "accepted" : outcome == GW_ACK_ERROR ? "error" : "rejected";
}

Acknowledgement plainText(gw_ack_outcome outcome, std::string_view errorLocation, std::string_view text) {
  std::string body = std::string("X12 ") + outcomeWord(outcome);
  if (!errorLocation.empty()) body += " at " + std::string(errorLocation);
  if (!text.empty()) body += ": " + std::string(text);
  return {body + "\n", "text/plain", "text"};
}

// X12 never acknowledges an acknowledgement: 999/997 sets, or TA1s with no group at all.
bool onlyAcknowledgements(const Interchange& received) {
  if (received.groups.empty()) return !received.interchangeAcknowledgements.empty();
  for (const auto& group : received.groups)
    for (const auto& set : group.sets)
      if (set.code != "999" && set.code != "997") return false;
  return true;
}

// The TA1 note code when the interchange the reader refused still has an ISA to answer: the ISA's own
// structure (not fixed width, its terminator), else what follows it cannot be read as X12 content.
std::string unreadableNoteCode(std::string_view request) {
  request = kit::withoutBom(request);
  while (!request.empty() && (request.front() == ' ' || request.front() == '\r' || request.front() == '\n' || request.front() == '\t'))
    request.remove_prefix(1);
  std::string code = isaStructureOf(request).noteCode;
  return code.empty() ? "024" : code;
}

}  // namespace

Acknowledgement acknowledgementOf(std::string_view request, gw_ack_outcome outcome, std::string_view errorLocation,
                                  std::string_view text, const X12Options& options, const std::string& now) {
  const bool refused = outcome != GW_ACK_ACCEPT;
  std::optional<Interchange> received;
  try {
    received = readInterchange(request);
  } catch (const gw::sdk::Error&) {
    // Not X12 at all, or an ISA the reader cannot use: a refusal may still be answered with a TA1.
    std::optional<LooseIsa> loose = refused ? readLooseIsa(request) : std::nullopt;
    if (!loose) return plainText(outcome, errorLocation, text);
    return {ta1Of(loose->isa, loose->delimiters, unreadableNoteCode(request), options, now), kX12, "TA1"};
  }
  if (onlyAcknowledgements(*received)) return plainText(outcome, errorLocation, text);
  // The envelope is judged before the groups inside it: a fault there is the TA1's to report.
  if (refused && !received->interchangeFaults.empty())
    return {ta1Of(received->segments.front(), received->delimiters, received->interchangeFaults.front().noteCode,
                  options, now),
            kX12, "TA1"};
  if (received->groups.empty()) return plainText(outcome, errorLocation, text);
  return {ack999Of(*received, outcome, errorLocation, options, now), kX12, "999"};
}

}  // namespace gw::x12
