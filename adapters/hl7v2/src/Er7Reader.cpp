// Er7Reader.cpp: ER7 text to the message model (see Er7Reader.hpp).
#include "Er7Reader.hpp"

#include <gw/kit/Text.hpp>
#include <gw/plugin.hpp>

#include <cctype>

namespace gw::hl7v2 {

namespace {

using gw::sdk::Error;

bool isSegmentId(std::string_view line) {
  if (line.size() < 3) return false;
  if (!std::isupper(static_cast<unsigned char>(line[0]))) return false;
  for (int i = 1; i < 3; ++i)
    if (!std::isupper(static_cast<unsigned char>(line[i])) && !std::isdigit(static_cast<unsigned char>(line[i])))
      return false;
  return line.size() == 3 || !std::isalnum(static_cast<unsigned char>(line[3]));
}

// Comment lines seen between messages of batch files: `//…`, `/* … */` blocks, `# …`.
bool isComment(std::string_view line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return true;
  char c = line[i];
  return c == '/' || c == '*' || c == '#';
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  if (separator == '\0') return {text};
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Subcomponent readSubcomponent(std::string_view raw, const Delimiters& d) {
  if (raw == "\"\"") return {"", true};
  return {decodeEr7Escapes(raw, d), false};
}

Repetition readRepetition(std::string_view raw, const Delimiters& d) {
  Repetition rep;
  for (auto component : split(raw, d.component)) {
    Component c;
    for (auto sub : split(component, d.subcomponent)) c.subcomponents.push_back(readSubcomponent(sub, d));
    rep.components.push_back(std::move(c));
  }
  return rep;
}

Field readField(std::string_view raw, const Delimiters& d) {
  Field f;
  f.present = true;
  if (raw.empty()) return f;
  for (auto rep : split(raw, d.repetition)) f.repetitions.push_back(readRepetition(rep, d));
  return f;
}

Field literalField(std::string_view text) {
  Field f;
  f.present = true;
  f.repetitions.push_back(Repetition{{Component{{Subcomponent{std::string(text), false}}}}});
  return f;
}

// Reads MSH (or FHS/BHS): the delimiters come from the segment itself.
Segment readHeader(std::string_view line, Delimiters& d, int lineNumber) {
  if (line.size() < 4) throw Error(GW_ERR_INVALID, "line " + std::to_string(lineNumber) + ": MSH has no field separator", "MSH-1");
  d = Delimiters{};
  d.field = line[3];
  std::size_t end = line.find(d.field, 4);
  std::string_view encoding = line.substr(4, end == std::string_view::npos ? std::string_view::npos : end - 4);
  if (encoding.empty() || std::isalnum(static_cast<unsigned char>(d.field)))
    throw Error(GW_ERR_INVALID, "line " + std::to_string(lineNumber) + ": MSH-2 encoding characters are missing", "MSH-2");
  d.component = encoding.size() > 0 ? encoding[0] : '\0';
  d.repetition = encoding.size() > 1 ? encoding[1] : '\0';
  d.escape = encoding.size() > 2 ? encoding[2] : '\0';
  d.subcomponent = encoding.size() > 3 ? encoding[3] : '\0';
  Segment s;
  s.name = std::string(line.substr(0, 3));
  s.fields.push_back(literalField(std::string_view(&d.field, 1)));
  s.fields.push_back(literalField(encoding));
  if (end != std::string_view::npos)
    for (auto raw : split(line.substr(end + 1), d.field)) s.fields.push_back(readField(raw, d));
  return s;
}

Segment readSegment(std::string_view line, const Delimiters& d) {
  Segment s;
  s.name = std::string(line.substr(0, 3));
  if (line.size() > 4)
    for (auto raw : split(line.substr(4), d.field)) s.fields.push_back(readField(raw, d));
  return s;
}

}  // namespace

std::string decodeEr7Escapes(std::string_view raw, const Delimiters& d) {
  if (d.escape == '\0' || raw.find(d.escape) == std::string_view::npos) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != d.escape) {
      out += raw[i];
      continue;
    }
    std::size_t close = raw.find(d.escape, i + 1);
    if (close == std::string_view::npos) {  // an unterminated escape is kept as text
      out += raw.substr(i);
      break;
    }
    std::string_view seq = raw.substr(i + 1, close - i - 1);
    if (seq == "F") out += d.field;
    else if (seq == "S") out += d.component;
    else if (seq == "T") out += d.subcomponent;
    else if (seq == "R") out += d.repetition;
    else if (seq == "E") out += d.escape;
    else if (!seq.empty() && seq[0] == 'X' && seq.size() % 2 == 1) {
      bool ok = true;
      std::string bytes;
      for (std::size_t k = 1; k + 1 < seq.size() + 1 && ok; k += 2) {
        int hi = hexValue(seq[k]), lo = hexValue(seq[k + 1]);
        ok = hi >= 0 && lo >= 0;
        char c = static_cast<char>(hi * 16 + lo);
        // Control characters (\X00\ is used by some senders for "nothing") cannot travel in FHIR.
        if (ok && (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\r' || c == '\n')) bytes += c;
      }
      out += ok ? bytes : "\\" + std::string(seq) + "\\";
    } else {
      // Formatting escapes (\.br\, \H\, \N\, \Cxxyy\, …) are kept as text, in the standard
      // backslash form so that the XML encoding (where they are text too) reads the same.
      out += '\\';
      out += seq;
      out += '\\';
    }
    i = close;
  }
  return out;
}

Er7Document readEr7(std::string_view text) {
  text = kit::withoutBom(text);
  Er7Document doc;
  Delimiters d;
  int lineNumber = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    ++lineNumber;
    if (end == std::string_view::npos) pos = text.size() + 1;
    else pos = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);

    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (!isSegmentId(line)) {
      if (isComment(line)) continue;
      throw Error(GW_ERR_INVALID, "line " + std::to_string(lineNumber) + ": not an HL7 segment: '" +
                                      std::string(line.substr(0, 20)) + "'");
    }
    std::string_view id = line.substr(0, 3);
    if (id == "FHS" || id == "BHS") {
      Delimiters ignored;
      readHeader(line, ignored, lineNumber);
      doc.batchEnvelope = true;
      continue;
    }
    if (id == "BTS" || id == "FTS") {
      doc.batchEnvelope = true;
      continue;
    }
    if (id == "MSH") {
      Message m;
      m.encoding = Encoding::Er7;
      m.segments.push_back(readHeader(line, d, lineNumber));
      m.delimiters = d;
      doc.messages.push_back(std::move(m));
      continue;
    }
    if (doc.messages.empty())
      throw Error(GW_ERR_INVALID, "line " + std::to_string(lineNumber) + ": segment " + std::string(id) +
                                      " before any MSH: an HL7 v2 message starts with MSH");
    doc.messages.back().segments.push_back(readSegment(line, d));
  }
  if (doc.messages.empty()) throw Error(GW_ERR_INVALID, "no HL7 v2 message: the input has no MSH segment");
  return doc;
}

}  // namespace gw::hl7v2
