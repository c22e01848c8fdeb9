// V3Xml.cpp: HL7 v3 / CDA tree reading (see V3Xml.hpp).
#include "V3Xml.hpp"

#include <cstring>

namespace gw::cda {

namespace {

const char* const kV3 = "urn:hl7-org:v3";
const char* const kXsi = "http://www.w3.org/2001/XMLSchema-instance";

bool named(Node n, std::string_view name) {
  if (!n || n->type != XML_ELEMENT_NODE) return false;
  if (n->ns && n->ns->href && std::strcmp(reinterpret_cast<const char*>(n->ns->href), kV3) != 0) return false;
  return name == reinterpret_cast<const char*>(n->name);
}

void collect(Node n, std::string_view name, std::vector<Node>& out) {
  for (Node c = n ? n->children : nullptr; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (named(c, name)) out.push_back(c);
    collect(c, name, out);
  }
}

std::string owned(xmlChar* value) {
  if (!value) return {};
  std::string s(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return s;
}

}  // namespace

std::string trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

Node child(Node n, std::string_view name) {
  for (Node c = n ? n->children : nullptr; c; c = c->next)
    if (named(c, name)) return c;
  return nullptr;
}

std::vector<Node> children(Node n, std::string_view name) {
  std::vector<Node> out;
  for (Node c = n ? n->children : nullptr; c; c = c->next)
    if (named(c, name)) out.push_back(c);
  return out;
}

std::vector<Node> descendants(Node n, std::string_view name) {
  std::vector<Node> out;
  collect(n, name, out);
  return out;
}

Node path(Node n, std::initializer_list<std::string_view> names) {
  for (auto name : names) {
    n = child(n, name);
    if (!n) return nullptr;
  }
  return n;
}

Node ancestor(Node n, std::string_view name) {
  for (Node p = n ? n->parent : nullptr; p && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (named(p, name)) return p;
  return nullptr;
}

std::string localName(Node n) { return n ? reinterpret_cast<const char*>(n->name) : ""; }

std::string attr(Node n, const char* name) {
  if (!n) return {};
  return trim(owned(xmlGetNoNsProp(const_cast<xmlNode*>(n), reinterpret_cast<const xmlChar*>(name))));
}

std::string text(Node n) {
  if (!n) return {};
  return trim(owned(xmlNodeGetContent(n)));
}

std::string xsiType(Node n) {
  if (!n) return {};
  auto* node = const_cast<xmlNode*>(n);
  std::string t = owned(xmlGetNsProp(node, reinterpret_cast<const xmlChar*>("type"), reinterpret_cast<const xmlChar*>(kXsi)));
  // C-CDA fragments use the xsi: prefix without declaring it; libxml2 then keeps the prefixed name.
  if (t.empty()) t = owned(xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>("xsi:type")));
  t = trim(t);
  std::size_t colon = t.find(':');
  return colon == std::string::npos ? t : t.substr(colon + 1);
}

int lineOf(Node n) { return n ? static_cast<int>(xmlGetLineNo(n)) : 0; }

std::vector<V3Id> ids(Node n) {
  std::vector<V3Id> out;
  for (Node id : children(n, "id")) {
    auto items = children(id, "item");
    if (items.empty()) items.push_back(id);
    for (Node item : items) {
      if (!attr(item, "nullFlavor").empty()) continue;
      V3Id v{attr(item, "root"), attr(item, "extension"), lineOf(item)};
      if (!v.root.empty() || !v.extension.empty()) out.push_back(v);
    }
  }
  return out;
}

std::string displayName(Node code) {
  std::string d = attr(code, "displayName");
  if (d.empty()) d = attr(child(code, "displayName"), "value");
  return d;
}

PersonName personName(Node name) {
  PersonName p;
  if (!name) return p;
  for (Node item : children(name, "item"))
    for (Node part : children(item, "part")) {
      std::string v = attr(part, "value");
      if (v.empty() || isPlaceholder(v)) continue;
      p.text += v;
    }
  if (!p.text.empty()) return p;
  p.family = text(child(name, "family"));
  for (Node g : children(name, "given"))
    if (!text(g).empty()) p.given.push_back(text(g));
  if (p.family.empty() && p.given.empty()) {
    p.text = text(name);
    if (isPlaceholder(p.text)) p.text.clear();
  }
  return p;
}

bool isPlaceholder(const std::string& raw) {
  std::string v = trim(raw);
  if (v.empty() || v == "-" || v == "无" || v == "--") return true;
  if (v.find_first_not_of("Xx") == std::string::npos) return true;
  // Template text left in from the standard's examples: "患者ID", "医务人员编号", "登记人ID"…
  static const char* const kTemplates[] = {"患者ID", "PatientID", "医务人员编号", "医务人员编码", "登记人ID",
                                           "操作人ID", "被合并患者ID", "科室名称", "机构名称", "责任医生姓名"};
  for (const char* t : kTemplates)
    if (v == t) return true;
  return false;
}

}  // namespace gw::cda
