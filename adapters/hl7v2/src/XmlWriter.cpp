// XmlWriter.cpp: message model to HL7 v2 XML text (see XmlWriter.hpp).
#include "XmlWriter.hpp"

#include <gw/kit/Text.hpp>

#include "Datatypes25.hpp"

namespace gw::hl7v2 {

namespace {

const char* const kNamespace = "urn:hl7-org:v2xml";

std::string subText(const Subcomponent& s) { return s.null ? "\"\"" : s.text; }

bool componentEmpty(const Component& c) {
  for (const auto& s : c.subcomponents)
    if (s.null || !s.text.empty()) return false;
  return true;
}

class Writer {
 public:
  explicit Writer(const XmlStyle& style) : style_(style) {}

  void open(const std::string& name) { out_ += "<" + qualified(name) + ">"; }
  void close(const std::string& name) { out_ += "</" + qualified(name) + ">"; }
  void leaf(const std::string& name, const std::string& text) {
    open(name);
    kit::appendXmlEscaped(out_, text);
    close(name);
  }

  void segment(const Segment& s) {
    open(s.name);
    for (std::size_t f = 0; f < s.fields.size(); ++f) {
      const Field& field = s.fields[f];
      if (!field.present) continue;
      int number = static_cast<int>(f + 1);
      std::string name = s.name + "." + std::to_string(number);
      if (s.name == "MSH" && number <= 2) {
        leaf(name, field.repetitions.empty() ? "" : field.repetitions[0].text(1));
        continue;
      }
      std::string type = fieldDatatype(s.name, number);
      if (s.name == "OBX" && number == 5) type = s.text(2);  // "varies": OBX-2 names the type
      if (s.name == "MSH") type = oldHeaderType(number, type);
      for (const auto& rep : field.repetitions) repetition(name, type, rep);
    }
    close(s.name);
    out_ += '\n';  // one segment per line, for people reading the file
  }

  void repetition(const std::string& name, const std::string& type, const Repetition& rep) {
    if (rep.isEmpty()) return;
    bool single = rep.components.size() == 1 && rep.components[0].subcomponents.size() == 1;
    if (style_.mirth) {
      open(name);
      for (std::size_t c = 0; c < rep.components.size(); ++c)
        component(name + "." + std::to_string(c + 1), "", rep.components[c], name + "." + std::to_string(c + 1));
      close(name);
      return;
    }
    if (single && (type.empty() || isPrimitiveDatatype(type))) {
      leaf(name, subText(rep.components[0].subcomponents[0]));
      return;
    }
    open(name);
    for (std::size_t c = 0; c < rep.components.size(); ++c) {
      int position = static_cast<int>(c + 1);
      std::string componentName = (type.empty() || isPrimitiveDatatype(type) ? name : type) + "." + std::to_string(position);
      std::string componentType = type.empty() ? "" : componentDatatype(type, position);
      component(componentName, componentType, rep.components[c], componentName);
    }
    close(name);
  }

  void component(const std::string& name, const std::string& type, const Component& c, const std::string& fallback) {
    if (componentEmpty(c)) return;
    bool structured = c.subcomponents.size() > 1 || (!type.empty() && !isPrimitiveDatatype(type));
    if (!structured) {
      leaf(name, subText(c.subcomponents[0]));
      return;
    }
    open(name);
    for (std::size_t s = 0; s < c.subcomponents.size(); ++s) {
      const Subcomponent& sub = c.subcomponents[s];
      if (!sub.null && sub.text.empty()) continue;
      std::string base = type.empty() || isPrimitiveDatatype(type) ? fallback : type;
      leaf(base + "." + std::to_string(s + 1), subText(sub));
    }
    close(name);
  }

  // Before v2.3.1 MSH-9 was CM_MSG and MSH-3..6, 11 and 12 were plain text.
  std::string oldHeaderType(int number, const std::string& type) const {
    if (version_ != "2.1" && version_ != "2.2" && version_ != "2.3") return type;
    if (number == 9) return "CM_MSG";
    if ((number >= 3 && number <= 6) || number == 11 || number == 12) return "";
    return type;
  }
  void setVersion(const std::string& version) { version_ = version; }

  std::string qualified(const std::string& name) const {
    return style_.ns == XmlStyle::Namespace::Prefixed ? style_.prefix + ":" + name : name;
  }

  std::string take() { return std::move(out_); }

 private:
  const XmlStyle& style_;
  std::string version_;
  std::string out_;
};

}  // namespace

std::string structureName(const Message& message) {
  const Segment& msh = message.header();
  if (!msh.text(9, 3).empty()) return msh.text(9, 3);
  if (msh.text(9, 2).empty()) return msh.text(9, 1);
  return msh.text(9, 1) + "_" + msh.text(9, 2);
}

std::string writeXml(const Message& message, const std::string& rootName, const XmlStyle& style) {
  Writer w(style);
  w.setVersion(message.segments.empty() ? "" : message.segments.front().text(12));
  std::string root = style.mirth ? "HL7Message" : rootName;
  std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + w.qualified(root);
  if (style.ns == XmlStyle::Namespace::Default && !style.mirth) head += std::string(" xmlns=\"") + kNamespace + "\"";
  if (style.ns == XmlStyle::Namespace::Prefixed) head += " xmlns:" + style.prefix + "=\"" + kNamespace + "\"";
  head += ">\n";
  for (const auto& s : message.segments) w.segment(s);
  return head + w.take() + "</" + w.qualified(root) + ">\n";
}

}  // namespace gw::hl7v2
