// XmlReader.cpp: libxml2 tree walk from v2.xml to the message model (see XmlReader.hpp).
//
// Every element is identified by its local name only; the number after the last '.' says which
// field, component or subcomponent it is (PID.5 / XPN.1 / FN.1, CM_MSG.1, Mirth's PID.5.1), so the
// datatype names that change between versions never matter. Elements that are not segments
// (ORU_R01.PATIENT_RESULT, ADT_A01.INSURANCE, …) are groups: their segments are read in document
// order. Text is taken as is: delimiters inside XML text are data and are never re-split.
#include "XmlReader.hpp"

#include <gw/kit/HardenedXml.hpp>
#include <gw/plugin.hpp>

#include <libxml/tree.h>

#include <cctype>

namespace gw::hl7v2 {

namespace {

using gw::sdk::Error;

constexpr int kMaxDepth = 64;  // groups nest a few levels; anything deeper is not HL7

std::string_view localName(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

bool isSegmentName(std::string_view name) {
  if (name.size() != 3 || !std::isupper(static_cast<unsigned char>(name[0]))) return false;
  return std::isalnum(static_cast<unsigned char>(name[1])) && std::isalnum(static_cast<unsigned char>(name[2]));
}

// The position encoded in an element name (`PID.13` -> 13, `XPN.1` -> 1), or 0 when none.
int positionOf(std::string_view name) {
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= name.size() || name.size() - dot > 5) return 0;
  int n = 0;
  for (char c : name.substr(dot + 1)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

bool isEscapeElement(const xmlNode* node) { return localName(node) == "escape"; }

bool hasStructure(const xmlNode* node) {
  for (const xmlNode* c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !isEscapeElement(c)) return true;
  return false;
}

void appendText(const xmlNode* node, std::string& out, int depth) {
  if (depth > kMaxDepth) throw Error(GW_ERR_INVALID, "XML nested deeper than " + std::to_string(kMaxDepth) + " levels");
  for (const xmlNode* c = node->children; c; c = c->next) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (c->content) out += reinterpret_cast<const char*>(c->content);
        break;
      case XML_ENTITY_REF_NODE:
        throw Error(GW_ERR_INVALID, "XML entity references are not accepted", "line " + std::to_string(c->line));
      case XML_ELEMENT_NODE:
        if (isEscapeElement(c)) {
          // <escape V=".br"/> is the XML form of the formatting escape \.br\ .
          xmlChar* v = xmlGetProp(c, reinterpret_cast<const xmlChar*>("V"));
          out += '\\';
          if (v) out += reinterpret_cast<const char*>(v);
          out += '\\';
          xmlFree(v);
        } else {
          appendText(c, out, depth + 1);
        }
        break;
      default:
        break;
    }
  }
}

Subcomponent leaf(const xmlNode* node) {
  std::string text;
  appendText(node, text, 0);
  if (text == "\"\"") return {"", true};
  return {std::move(text), false};
}

template <class Part, class Fill>
void place(std::vector<Part>& parts, int position, Fill&& fill) {
  if (position < 1) return;
  if (static_cast<std::size_t>(position) > parts.size()) parts.resize(position);
  fill(parts[position - 1]);
}

Component readComponent(const xmlNode* node) {
  Component c;
  if (!hasStructure(node)) {
    c.subcomponents.push_back(leaf(node));
    return c;
  }
  for (const xmlNode* s = node->children; s; s = s->next)
    if (s->type == XML_ELEMENT_NODE && !isEscapeElement(s))
      place(c.subcomponents, positionOf(localName(s)), [&](Subcomponent& target) { target = leaf(s); });
  return c;
}

Repetition readRepetition(const xmlNode* node) {
  Repetition r;
  if (!hasStructure(node)) {
    Subcomponent value = leaf(node);
    if (value.null || !value.text.empty()) r.components.push_back(Component{{value}});
    return r;
  }
  for (const xmlNode* c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !isEscapeElement(c))
      place(r.components, positionOf(localName(c)), [&](Component& target) { target = readComponent(c); });
  return r;
}

Segment readSegment(const xmlNode* node) {
  Segment s;
  s.name = std::string(localName(node));
  for (const xmlNode* f = node->children; f; f = f->next) {
    if (f->type != XML_ELEMENT_NODE) continue;
    int number = positionOf(localName(f));
    if (number < 1) continue;
    Field& field = s.fieldForWrite(number);
    field.present = true;
    if (s.name == "MSH" && number <= 2) {  // separators are literal text
      std::string text;
      appendText(f, text, 0);
      field.repetitions = {Repetition{{Component{{Subcomponent{text, false}}}}}};
      continue;
    }
    Repetition rep = readRepetition(f);
    // An empty element is an empty field, not a repetition with nothing in it.
    if (!rep.components.empty() || !field.repetitions.empty()) field.repetitions.push_back(std::move(rep));
  }
  return s;
}

void readSegments(const xmlNode* node, std::vector<Segment>& out, int depth) {
  if (depth > kMaxDepth) throw Error(GW_ERR_INVALID, "XML nested deeper than " + std::to_string(kMaxDepth) + " levels");
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type == XML_ENTITY_REF_NODE)
      throw Error(GW_ERR_INVALID, "XML entity references are not accepted", "line " + std::to_string(c->line));
    if (c->type != XML_ELEMENT_NODE) continue;
    if (isSegmentName(localName(c))) out.push_back(readSegment(c));
    else readSegments(c, out, depth + 1);
  }
}

}  // namespace

Message readXml(std::string_view bytes) {
  // The kit's hardened parser, as the host's screen would use: the plugin declares
  // GW_ADAPTER_HARDENED_XML, so the host does not parse the document a second time.
  kit::XmlParseResult parsed = kit::HardenedXml::parse(bytes);
  if (!parsed) {
    const kit::XmlRejection& r = parsed.rejection();
    std::string location = r.line > 0 ? "line " + std::to_string(r.line) + ", column " + std::to_string(r.column) : "";
    std::string reason = r.kind == kit::XmlRejectionKind::malformed ? "not well-formed XML: " + r.reason : r.reason;
    throw Error(GW_ERR_INVALID, reason, location);
  }
  kit::XmlDocument doc = std::move(parsed.document());
  const xmlNode* root = doc.root();

  Message m;
  m.encoding = Encoding::Xml;
  if (root->ns && root->ns->prefix) {
    m.xmlStyle.ns = XmlStyle::Namespace::Prefixed;
    m.xmlStyle.prefix = reinterpret_cast<const char*>(root->ns->prefix);
  } else {
    m.xmlStyle.ns = root->ns ? XmlStyle::Namespace::Default : XmlStyle::Namespace::None;
  }
  m.xmlStyle.mirth = localName(root) == "HL7Message";
  readSegments(root, m.segments, 0);  // the root is the message (ADT_A01, ACK, HL7Message), never a segment
  if (m.segments.empty() || m.segments.front().name != "MSH")
    throw Error(GW_ERR_INVALID, "the XML root <" + std::string(localName(root)) +
                                    "> does not start with an MSH segment: not an HL7 v2 XML message");
  const std::string& encodingChars = m.segments.front().text(2);
  if (encodingChars.size() >= 1) m.delimiters.component = encodingChars[0];
  if (encodingChars.size() >= 2) m.delimiters.repetition = encodingChars[1];
  if (encodingChars.size() >= 3) m.delimiters.escape = encodingChars[2];
  if (encodingChars.size() >= 4) m.delimiters.subcomponent = encodingChars[3];
  const std::string& fieldSeparator = m.segments.front().text(1);
  if (!fieldSeparator.empty()) m.delimiters.field = fieldSeparator[0];
  return m;
}

}  // namespace gw::hl7v2
