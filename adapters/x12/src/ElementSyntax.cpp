// The dictionary entries (reference number, data type) of the elements the 835 and 278 readers refuse, and
// the IK403 code each data type's faults map to.
#include "ElementSyntax.hpp"

#include <map>
#include <utility>

namespace gw::x12 {

namespace {

// X12 data types: R decimal, N0 integer, ID code, AN text, DT date, TM time.
using Entry = std::pair<const char*, const char*>;  // reference number, type

const std::map<std::string, Entry>& dictionary() {
  static const std::map<std::string, Entry> entries = {
      {"BPR02", {"782", "R"}},  {"BPR16", {"373", "DT"}},
      {"CLP01", {"1028", "AN"}}, {"CLP02", {"1029", "ID"}}, {"CLP03", {"782", "R"}},  {"CLP04", {"782", "R"}},
      {"CLP05", {"782", "R"}},   {"SVC02", {"782", "R"}},   {"SVC03", {"782", "R"}},
      {"CAS01", {"1033", "ID"}}, {"CAS02", {"1034", "ID"}}, {"CAS03", {"782", "R"}},  {"CAS06", {"782", "R"}},
      {"CAS09", {"782", "R"}},   {"CAS12", {"782", "R"}},   {"CAS15", {"782", "R"}},  {"CAS18", {"782", "R"}},
      {"PLB04", {"782", "R"}},   {"PLB06", {"782", "R"}},   {"PLB08", {"782", "R"}},  {"PLB10", {"782", "R"}},
      {"PLB12", {"782", "R"}},   {"PLB14", {"782", "R"}},
      // 278 responses: BHT02 purpose, HCR01 action, HCR02 certification number.
      {"BHT02", {"353", "ID"}},  {"HCR01", {"306", "ID"}},  {"HCR02", {"127", "AN"}}};
  return entries;
}

}  // namespace

ElementSyntaxError elementSyntaxErrorOf(const Segment& segment, std::size_t index) {
  const std::string& value = segment.at(index);
  auto found = dictionary().find(segment.elementName(index));
  const std::string reference = found == dictionary().end() ? "" : found->second.first;
  const std::string type = found == dictionary().end() ? "" : found->second.second;
  if (value.empty()) return {reference, "1"};  // required data element missing
  if (type == "R" || type == "N0") return {reference, "6"};  // invalid character in data element
  if (type == "ID") return {reference, "7"};                 // invalid code value
  if (type == "DT") return {reference, "8"};                 // invalid date
  if (type == "TM") return {reference, "9"};                 // invalid time
  return {reference, "I12"};  // implementation pattern match failure: present, but not what the guide asks
}

}  // namespace gw::x12
