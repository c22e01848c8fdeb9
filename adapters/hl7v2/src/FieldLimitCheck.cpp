// FieldLimitCheck.cpp: HL7 maximum repetitions and lengths of the fields read (see FieldLimitCheck.hpp).
#include "FieldLimitCheck.hpp"

#include "FieldLimits.hpp"

namespace gw::hl7v2 {

namespace {

// Fields some version defines as non-repeating whose mapper nevertheless reads every repetition (identifiers,
// names, performers, authors): the extra repetitions are kept, never dropped, and the warning says so.
const std::set<std::string> kEveryRepetitionRead = {"PID-2", "PID-4",  "PD1-4", "PR1-8",  "PR1-11", "PR1-12", "OBX-8",
                                                    "OBX-16", "AL1-5", "FT1-20", "AIP-3", "TXA-5",  "TXA-9"};

bool hasValue(const Subcomponent& s) { return s.null || !s.text.empty(); }

// Characters, not bytes: the model's text is UTF-8, HL7 lengths count characters.
std::size_t characters(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// One repetition as ER7 writes it: components joined by the component separator, subcomponents by the
// subcomponent separator, trailing empty ones left out (as HL7 asks senders to), an HL7 null as its two
// quotes. Escapes count decoded (`\F\` is one character), so an ER7 message and its XML twin, which both
// fill the same model, measure the same.
std::string asSent(const Repetition& repetition, const Delimiters& d) {
  std::string out;
  std::size_t components = repetition.components.size();
  auto valued = [](const Component& c) {
    for (const auto& s : c.subcomponents)
      if (hasValue(s)) return true;
    return false;
  };
  while (components > 0 && !valued(repetition.components[components - 1])) --components;
  for (std::size_t c = 0; c < components; ++c) {
    if (c > 0) out += d.component;
    const auto& subs = repetition.components[c].subcomponents;
    std::size_t count = subs.size();
    while (count > 0 && !hasValue(subs[count - 1])) --count;
    for (std::size_t s = 0; s < count; ++s) {
      if (s > 0) out += d.subcomponent;
      out += subs[s].null ? std::string("\"\"") : subs[s].text;
    }
  }
  return out;
}

// Repetitions up to the last one with a value (`M~` is one repetition, `~F` two).
std::size_t repetitionsSent(const Field& field) {
  std::size_t count = field.repetitions.size();
  while (count > 0 && field.repetitions[count - 1].isEmpty()) --count;
  return count;
}

std::string allowed(int maximum) { return maximum == 1 ? "one" : std::to_string(maximum); }

}  // namespace

FieldLimitCheck::FieldLimitCheck(const Message& message, kit::Issues& issues)
    : delimiters_(message.delimiters), version_(message.version()), tableVersion_(limitsVersion(version_)),
      issues_(issues) {}

void FieldLimitCheck::check(const Segment& segment) {
  for (std::size_t index = 0; index < segment.fields.size(); ++index) {
    const int number = static_cast<int>(index) + 1;
    const Field* field = segment.field(number);
    if (!field) continue;
    const FieldLimit* limit = fieldLimit(version_, segment.name, number);
    if (!limit) continue;
    const std::string name = segment.name + "-" + std::to_string(number);
    const std::size_t sent = repetitionsSent(*field);

    if (limit->maxRepetitions > 0 && sent > static_cast<std::size_t>(limit->maxRepetitions) &&
        reported_.insert(name + " structure").second) {
      std::string original;
      for (std::size_t r = 0; r < sent; ++r)
        original += (r > 0 ? std::string(1, delimiters_.repetition) : "") + asSent(field->repetitions[r], delimiters_);
      const bool everyOne = kEveryRepetitionRead.count(name) > 0;
      issues_.defect(name, "structure",
                     name + ": sent " + std::to_string(sent) + " repetitions where HL7 v" + tableVersion_ + " allows " +
                         allowed(limit->maxRepetitions) + (everyOne ? ": each is kept" : ": the first is kept"),
                     original);
    }

    if (limit->maxLength <= 0) continue;
    for (std::size_t r = 0; r < sent; ++r) {
      const std::string value = asSent(field->repetitions[r], delimiters_);
      const std::size_t length = characters(value);
      if (length <= static_cast<std::size_t>(limit->maxLength)) continue;
      if (reported_.insert(name + " too-long").second)
        issues_.defect(name, "too-long",
                       name + ": " + std::to_string(length) + " characters where HL7 v" + tableVersion_ +
                           " allows at most " + std::to_string(limit->maxLength) + ": kept whole",
                       value);
      break;
    }
  }
}

}  // namespace gw::hl7v2
