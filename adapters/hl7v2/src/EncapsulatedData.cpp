// EncapsulatedData.cpp: ED values as attachment content (see EncapsulatedData.hpp).
#include "EncapsulatedData.hpp"

#include "Datatypes.hpp"

#include <gw/kit/Text.hpp>
#include <gw/plugin.hpp>

#include <cctype>
#include <regex>

namespace gw::hl7v2 {

std::string mediaType(const Repetition& ed) {
  static const std::pair<const char*, const char*> types[] = {
      {"ap", "application"}, {"application", "application"}, {"im", "image"}, {"image", "image"},
      {"au", "audio"},       {"audio", "audio"},             {"tx", "text"},  {"text", "text"}};
  std::string type = lower(ed.text(2)), subtype = lower(ed.text(3));
  static const std::regex token("[a-z0-9][a-z0-9.+-]*");
  for (const auto& t : types)
    if (type == t.first && std::regex_match(subtype, token)) return std::string(t.second) + "/" + subtype;
  return "application/octet-stream";
}

std::string edData(const Repetition& ed, const std::string& where) {
  std::string data = ed.text(5);
  // Some engines (InterSystems) carry XML in ER7 as a literal CDATA section; in the XML encoding
  // the same value is the CDATA's content. Unwrapped, both twins give the same attachment.
  static const std::string open = "<![CDATA[", close = "]]>";
  if (data.size() >= open.size() + close.size() && data.compare(0, open.size(), open) == 0 &&
      data.compare(data.size() - close.size(), close.size(), close) == 0)
    data = data.substr(open.size(), data.size() - open.size() - close.size());
  if (lower(ed.text(4)) != "base64") return kit::base64Encoded(data);
  std::string out;
  for (char c : data) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=')
      throw gw::sdk::Error(GW_ERR_INVALID, where + ": ED data is not valid Base64", where);
    out += c;
  }
  return out;
}

}  // namespace gw::hl7v2
