// Splits an interchange on the delimiters its ISA declares, then walks the envelopes and counts.
#include "X12Interchange.hpp"

#include "IsaFields.hpp"

#include <gw/kit/Text.hpp>
#include <gw/plugin.hpp>

#include <cctype>

namespace gw::x12 {

namespace {

// ISA is fixed width: 106 characters with its terminator; ISA16 (the component separator) is at 104.
constexpr std::size_t kIsaLength = 106;

bool isSpace(char c) { return c == ' ' || c == '\r' || c == '\n' || c == '\t'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

bool validSegmentId(const std::string& id) {
  if (id.size() < 2 || id.size() > 3) return false;
  for (char c : id)
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

Delimiters delimitersOf(std::string_view isa) {
  IsaStructure structure = isaStructureOf(isa);
  if (!structure.noteCode.empty()) throw gw::sdk::Error(GW_ERR_INVALID, structure.message, "segment 1 (ISA)");
  Delimiters d;
  d.element = isa[3];
  d.component = isa[104];
  d.segment = isa[105];
  std::string_view version = isa.substr(84, 5);
  // 4010 has a standards identifier ("U") in ISA11; so do some 5010 senders. A letter is never a separator.
  d.repetition = version >= std::string_view("00501") && !std::isalnum(static_cast<unsigned char>(isa[82])) ? isa[82] : '\0';
  return d;
}

// Walks ISA GS ST … SE GE … IEA, filling groups and listing every envelope fault.
void walkEnvelopes(Interchange& interchange) {
  auto& segments = interchange.segments;
  auto& problems = interchange.problems;
  auto fault = [&](const Segment& segment, const std::string& text) { problems.push_back(segment.label() + ": " + text); };
  // A fault of the interchange envelope itself: also noted with its TA1 note code.
  auto interchangeFault = [&](const std::string& label, const char* noteCode, const std::string& text) {
    interchange.interchangeFaults.push_back({noteCode, problems.size()});
    problems.push_back(label + ": " + text);
  };
  const Segment& isa = segments.front();
  interchange.control = isa.at(13);
  interchange.version = isa.at(12);
  for (const auto& isaFault : isaFieldFaults(isa))
    interchangeFault(isa.elementLabel(isaFault.element), isaFault.noteCode.c_str(), isaFault.text);
  FunctionalGroup* group = nullptr;
  TransactionSet* set = nullptr;
  bool ended = false;
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const Segment& s = segments[i];
    if (ended) {
      interchangeFault(s.label(), "024", "segment after IEA");
      continue;
    }
    if (s.id() == "GS") {
      if (group) fault(s, "GS inside the group opened at " + segments[group->first].label() + " (GE missing)");
      interchange.groups.push_back({i, 0, s.at(1), s.at(6), s.at(8), {}});
      group = &interchange.groups.back();
      set = nullptr;
    } else if (s.id() == "ST") {
      if (!group) {
        interchangeFault(s.label(), "024", "ST outside a functional group (GS missing)");
        continue;
      }
      if (set) fault(s, "ST inside the transaction set opened at " + segments[set->first].label() + " (SE missing)");
      group->sets.push_back({i, 0, s.at(1), s.at(2)});
      set = &group->sets.back();
    } else if (s.id() == "SE") {
      if (!set) {
        fault(s, "SE without ST");
        continue;
      }
      set->last = i;
      std::size_t counted = i - set->first + 1;
      if (s.at(1) != std::to_string(counted))
        fault(s, "SE01 says " + s.at(1) + " segments, counted " + std::to_string(counted));
      if (s.at(2) != set->control) fault(s, "SE02 " + s.at(2) + " does not match ST02 " + set->control);
      set = nullptr;
    } else if (s.id() == "GE") {
      if (!group) {
        interchangeFault(s.label(), "024", "GE without GS");
        continue;
      }
      if (set) fault(s, "GE before the SE of " + segments[set->first].label());
      group->last = i;
      if (s.at(1) != std::to_string(group->sets.size()))
        fault(s, "GE01 says " + s.at(1) + " transaction sets, counted " + std::to_string(group->sets.size()));
      if (s.at(2) != group->control) fault(s, "GE02 " + s.at(2) + " does not match GS06 " + group->control);
      group = nullptr;
      set = nullptr;
    } else if (s.id() == "IEA") {
      if (group) interchangeFault(s.label(), "024", "IEA before the GE of " + segments[group->first].label());
      if (s.at(1) != std::to_string(interchange.groups.size()))
        interchangeFault(s.elementLabel(1), "021",
                         "IEA01 says " + s.at(1) + " functional groups, counted " + std::to_string(interchange.groups.size()));
      if (s.at(2) != interchange.control)
        interchangeFault(s.elementLabel(2), "001", "IEA02 " + s.at(2) + " does not match ISA13 " + interchange.control);
      ended = true;
    } else if (s.id() == "TA1") {
      // An interchange acknowledgement answers an interchange, so it belongs to none of the groups.
      if (group) fault(s, "TA1 inside the functional group opened at " + segments[group->first].label());
      else interchange.interchangeAcknowledgements.push_back(i);
    } else if (s.id() == "ISA") {
      interchangeFault(s.label(), "024", "a second ISA: one interchange per message");
    } else if (!set && !group) {
      interchangeFault(s.label(), "024", "segment outside a transaction set");
    } else if (!set) {
      fault(s, "segment outside a transaction set");
    }
  }
  // Cut short: X12's "improper (premature) end-of-file".
  if (!ended) interchangeFault(segments.back().label(), "023", "the interchange ends without IEA");
}

}  // namespace

const std::string& Segment::at(std::size_t index) const {
  static const std::string empty;
  return index < elements.size() ? elements[index] : empty;
}

std::vector<std::string> Segment::components(std::size_t index, char separator) const {
  return split(at(index), separator);
}

std::string Segment::label() const {
  return "segment " + std::to_string(position) + " (" + (elements.empty() ? std::string() : id()) + ")";
}

std::string Segment::elementLabel(std::size_t index) const { return label() + " element " + std::to_string(index); }

std::string Segment::missingLabel(const std::string& segmentId) const { return label() + " missing " + segmentId; }

std::string Segment::elementName(std::size_t index) const {
  return (elements.empty() ? std::string() : id()) + (index < 10 ? "0" : "") + std::to_string(index);
}

IsaStructure isaStructureOf(std::string_view isa) {
  if (isa.size() < kIsaLength || isa.compare(0, 3, "ISA") != 0)
    return {"022", "not an X12 interchange: it does not start with a 106-character ISA segment"};
  const char element = isa[3];
  // Every one of the 16 ISA elements sits at a fixed offset; a separator anywhere else means a
  // padded field was shortened, and the delimiters read below would be wrong.
  static constexpr std::size_t kSeparatorAt[] = {3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103};
  for (std::size_t at : kSeparatorAt)
    if (isa[at] != element)
      return {"022", "segment 1 (ISA): not fixed width: expected the element separator '" + std::string(1, element) +
                         "' at offset " + std::to_string(at)};
  const char component = isa[104], segment = isa[105];
  if (std::isalnum(static_cast<unsigned char>(segment)) || segment == element || segment == component)
    return {"004", "segment 1 (ISA): unusable segment terminator after ISA16"};
  return {};
}

Interchange readInterchange(std::string_view text) {
  // A UTF-8 byte order mark and leading blank lines are editors' doing, not the partner's data.
  text = kit::withoutBom(text);
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  Interchange interchange;
  interchange.delimiters = delimitersOf(text);
  const Delimiters& d = interchange.delimiters;
  for (const auto& raw : split(text, d.segment)) {
    std::string_view body = trimmed(raw);
    if (body.empty()) continue;
    Segment segment;
    segment.position = interchange.segments.size() + 1;
    segment.elements = split(body, d.element);
    if (!validSegmentId(segment.id()))
      throw gw::sdk::Error(GW_ERR_INVALID,
                           "segment " + std::to_string(segment.position) + ": \"" +
                               std::string(body.substr(0, 20)) + "\" does not start with a segment id",
                           "segment " + std::to_string(segment.position));
    interchange.segments.push_back(std::move(segment));
  }
  walkEnvelopes(interchange);
  return interchange;
}

void refuseEnvelopeProblems(const Interchange& interchange) {
  if (interchange.problems.empty()) return;
  const std::size_t first = interchange.interchangeFaults.empty() ? 0 : interchange.interchangeFaults.front().problem;
  std::string message = interchange.problems[first];
  if (interchange.problems.size() > 1)
    message += " (and " + std::to_string(interchange.problems.size() - 1) + " more envelope problems)";
  std::string location = message.substr(0, message.find(':'));
  throw gw::sdk::Error(GW_ERR_INVALID, message, location);
}

Interchange readValidInterchange(std::string_view text) {
  Interchange interchange = readInterchange(text);
  refuseEnvelopeProblems(interchange);
  return interchange;
}

}  // namespace gw::x12
