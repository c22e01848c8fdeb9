// Er7Writer.cpp: message model to ER7 text (see Er7Writer.hpp).
#include "Er7Writer.hpp"

namespace gw::hl7v2 {

namespace {

// A formatting escape such as \.br\ or \H\ that the model keeps verbatim: copied, not escaped.
std::size_t formattingEscapeLength(const std::string& text, std::size_t at) {
  if (text[at] != '\\') return 0;
  std::size_t close = text.find('\\', at + 1);
  if (close == std::string::npos || close == at + 1) return 0;
  char first = text[at + 1];
  if (first != '.' && first != 'H' && first != 'N' && first != 'C' && first != 'M' && first != 'Z') return 0;
  for (std::size_t i = at + 1; i < close; ++i)
    if (text[i] == '|' || text[i] == '^' || text[i] == '~' || text[i] == '&' || text[i] == ' ') return 0;
  return close - at + 1;
}

std::string escape(const std::string& text, const Delimiters& d) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::size_t n = formattingEscapeLength(text, i)) {
      std::string inner = text.substr(i + 1, n - 2);
      out += d.escape + inner + d.escape;
      i += n - 1;
      continue;
    }
    char c = text[i];
    if (c == d.field) out += std::string(1, d.escape) + "F" + d.escape;
    else if (c == d.component) out += std::string(1, d.escape) + "S" + d.escape;
    else if (c == d.repetition) out += std::string(1, d.escape) + "R" + d.escape;
    else if (c == d.escape) out += std::string(1, d.escape) + "E" + d.escape;
    else if (c == d.subcomponent && d.subcomponent != '\0') out += std::string(1, d.escape) + "T" + d.escape;
    else if (c == '\r') out += std::string(1, d.escape) + "X0D" + d.escape;
    else if (c == '\n') out += std::string(1, d.escape) + "X0A" + d.escape;
    else out += c;
  }
  return out;
}

template <class Part, class Write>
std::string joinTrimmed(const std::vector<Part>& parts, char separator, Write&& write) {
  std::vector<std::string> texts;
  for (const auto& p : parts) texts.push_back(write(p));
  while (!texts.empty() && texts.back().empty()) texts.pop_back();
  std::string out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i) out += separator;
    out += texts[i];
  }
  return out;
}

}  // namespace

std::string writeEr7(const Message& message) {
  const Delimiters& d = message.delimiters;
  std::string out;
  for (const auto& s : message.segments) {
    out += s.name;
    std::size_t first = 0;
    if (s.name == "MSH") {
      out += d.field;
      out += std::string(1, d.component) + d.repetition + d.escape + (d.subcomponent ? std::string(1, d.subcomponent) : "");
      first = 2;
    }
    std::vector<std::string> fields;
    for (std::size_t f = first; f < s.fields.size(); ++f) {
      fields.push_back(joinTrimmed(s.fields[f].repetitions, d.repetition, [&](const Repetition& r) {
        return joinTrimmed(r.components, d.component, [&](const Component& c) {
          return joinTrimmed(c.subcomponents, d.subcomponent ? d.subcomponent : d.component,
                             [&](const Subcomponent& sc) { return sc.null ? std::string("\"\"") : escape(sc.text, d); });
        });
      }));
    }
    while (!fields.empty() && fields.back().empty()) fields.pop_back();
    for (const auto& f : fields) out += d.field + f;
    out += '\r';
  }
  return out;
}

}  // namespace gw::hl7v2
