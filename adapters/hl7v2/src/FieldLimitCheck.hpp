// FieldLimitCheck.hpp: the fields of a mapped segment against HL7's maximum repetitions and length for the
// message's version (FieldLimits.hpp). Neither defect identifies anything, so both are kit::Issues defects
// (lenient: a warning; strict: a refusal naming the field), each reported once per field and segment name:
//   - more repetitions than the field allows (code `structure`): the mappers read the first, as always (the
//     few fields they read every repetition of keep them all, and the warning says so);
//   - a repetition longer than the field's maximum length (code `too-long`): kept whole, the value as sent
//     in the issue's original text. v2.7 and later define no maximum for most fields: nothing is checked then.
// The message is only read, never changed.
#pragma once

#include <gw/kit/Issues.hpp>

#include "Message.hpp"

#include <set>
#include <string>

namespace gw::hl7v2 {

class FieldLimitCheck {
 public:
  FieldLimitCheck(const Message& message, kit::Issues& issues);
  void check(const Segment& segment);  // a segment the mappers read; others have no limits in the table

 private:
  const Delimiters& delimiters_;
  std::string version_;  // MSH-12.1 as sent
  std::string tableVersion_;  // the table that serves it: "2.5"
  kit::Issues& issues_;
  std::set<std::string> reported_;  // "PID-8 structure", "PID-8 too-long"
};

}  // namespace gw::hl7v2
