// The echo example adapter: a tiny hospital format, <Echo id="MSG-1"><patient mrn=".." family=".." given=".."/></Echo>,
// decoded into a FHIR R4 Bundle with one Patient. It shows the whole SDK surface (identify, decode, encode,
// acknowledge, a declared option), the kit's text helpers, and serves the loader's tests. Built with GW_ECHO_V2 it is version 2.0.0 and
// marks its Bundles with a second tag "v2", so a test can tell which version answered.
#include <gw/kit/Text.hpp>

#include <gw/kit/Profile.hpp>
#include <gw/plugin.hpp>

#include <string>
#include <string_view>

namespace {

#ifdef GW_ECHO_V2
constexpr const char* kVersion = "2.0.0";
#else
constexpr const char* kVersion = "1.0.0";
#endif

// Undoes the five predefined XML entities; anything else with '&' is refused (no DTDs in this format).
std::string unescapeXml(std::string_view text) {
  static const std::pair<std::string_view, char> entities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    bool known = false;
    for (const auto& [entity, c] : entities) {
      if (text.substr(i, entity.size()) == entity) {
        out += c;
        i += entity.size();
        known = true;
        break;
      }
    }
    if (!known) throw gw::sdk::Error(GW_ERR_INVALID, "unknown entity reference in an attribute value");
  }
  return out;
}

// The start tag <name ...> (or <name .../>) at the first occurrence of "<name"; empty when absent.
std::string_view startTag(std::string_view xml, std::string_view name) {
  for (std::size_t at = xml.find('<'); at != std::string_view::npos; at = xml.find('<', at + 1)) {
    if (xml.substr(at + 1, name.size()) != name) continue;
    char next = at + 1 + name.size() < xml.size() ? xml[at + 1 + name.size()] : '\0';
    if (next != ' ' && next != '>' && next != '/' && next != '\t' && next != '\n' && next != '\r') continue;
    std::size_t end = xml.find('>', at);
    if (end == std::string_view::npos) throw gw::sdk::Error(GW_ERR_INVALID, "unterminated <" + std::string(name) + "> tag");
    return xml.substr(at, end - at + 1);
  }
  return {};
}

// An attribute's value in a start tag, or nothing.
bool attribute(std::string_view tag, std::string_view name, std::string& value) {
  for (std::size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
    const char before = at > 0 ? tag[at - 1] : '<';
    if (before != ' ' && before != '\t' && before != '\n' && before != '\r') continue;
    std::size_t eq = at + name.size();
    if (eq >= tag.size() || tag[eq] != '=' || eq + 1 >= tag.size()) continue;
    const char quote = tag[eq + 1];
    if (quote != '"' && quote != '\'') continue;
    std::size_t close = tag.find(quote, eq + 2);
    if (close == std::string_view::npos) throw gw::sdk::Error(GW_ERR_INVALID, "unterminated attribute value");
    value = unescapeXml(tag.substr(eq + 2, close - eq - 2));
    return true;
  }
  return false;
}

struct EchoMessage {
  std::string id;
  std::string_view patientTag;  // empty when the message has no <patient/>
};

EchoMessage parse(std::string_view xml) {
  if (xml.find("<!") != std::string_view::npos)
    throw gw::sdk::Error(GW_ERR_INVALID, "DTDs, comments and CDATA are not allowed in an Echo message");
  std::string_view root = startTag(xml, "Echo");
  if (root.empty()) throw gw::sdk::Error(GW_ERR_INVALID, "not an Echo message: no <Echo> element", "Echo");
  if (root.substr(root.size() - 2) != "/>" && xml.find("</Echo>") == std::string_view::npos)
    throw gw::sdk::Error(GW_ERR_INVALID, "malformed Echo message: <Echo> is never closed", "Echo");
  EchoMessage message;
  if (!attribute(root, "id", message.id) || message.id.empty())
    throw gw::sdk::Error(GW_ERR_INVALID, "the Echo element has no id attribute", "Echo/@id");
  message.patientTag = startTag(xml, "patient");
  return message;
}

void requireXml(std::string_view contentType) {
  std::string_view type = contentType.substr(0, contentType.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (!type.empty() && type != "application/xml" && type != "text/xml")
    throw gw::sdk::Error(GW_ERR_UNSUPPORTED, "echo reads application/xml or text/xml, not " + std::string(type));
}

// The value of "key" in the host's options JSON (a flat object of strings); the host already checked types.
std::string optionString(const std::string& json, const std::string& key) {
  const std::string needle = "\"" + key + "\":\"";
  std::size_t at = json.find(needle);
  if (at == std::string::npos) return {};
  std::string value;
  for (std::size_t i = at + needle.size(); i < json.size() && json[i] != '"'; ++i) {
    if (json[i] == '\\' && i + 1 < json.size()) ++i;
    value += json[i];
  }
  return value;
}

class EchoAdapter : public gw::sdk::Adapter {
 public:
  static gw::sdk::AdapterInfo info() {
    return {"echo",
            kVersion,
            GW_KIND_HOSPITAL,
            {"echo-xml"},
            {"application/xml", "text/xml"},
            {{"tag", GW_FIELD_STRING, 0, "", "copied into Bundle.meta.tag[0].code of every decoded Bundle"}}};
  }

  explicit EchoAdapter(const gw::sdk::Partner& partner)
      : partnerId_(partner.id), tag_(optionString(partner.optionsJson, "tag")) {}

  gw::sdk::Output identify(std::string_view input, std::string_view contentType) override {
    requireXml(contentType);
    gw::sdk::Output out;
    out.messageId = parse(input).id;
    out.event = "ECHO";
    return out;
  }

  gw::sdk::Output decode(std::string_view input, std::string_view contentType) override {
    requireXml(contentType);
    EchoMessage message = parse(input);
    if (message.patientTag.empty())
      throw gw::sdk::Error(GW_ERR_INVALID, "the Echo message has no <patient/> element", "Echo/patient");
    std::string mrn, family, given;
    if (!attribute(message.patientTag, "mrn", mrn) || mrn.empty())
      throw gw::sdk::Error(GW_ERR_INVALID, "the patient has no mrn attribute", "Echo/patient/@mrn");
    attribute(message.patientTag, "family", family);
    attribute(message.patientTag, "given", given);

    std::string tags = "{\"code\":" + gw::kit::jsonQuoted(tag_) + "}";
#ifdef GW_ECHO_V2
    tags += ",{\"code\":\"v2\"}";
#endif
    const std::string name =
        "{\"family\":" + gw::kit::jsonQuoted(family) + ",\"given\":[" + gw::kit::jsonQuoted(given) + "]}";
    const std::string identifier = "{\"system\":" + gw::kit::jsonQuoted(gw::kit::profile::partnerSystem(partnerId_, "mr")) +
                                   ",\"value\":" + gw::kit::jsonQuoted(mrn) + "}";
    gw::sdk::Output out;
    out.bytes = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"meta\":{\"tag\":[" + tags +
                "]},\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"identifier\":[" + identifier +
                "],\"name\":[" + name + "]}}]}";
    out.contentType = "application/fhir+json";
    out.messageId = message.id;
    out.event = "ECHO";
    return out;
  }

  // Echo has no outbound format of its own: the JSON goes back unchanged, to exercise the path.
  gw::sdk::Output encode(std::string_view canonicalJson) override {
    return {std::string(canonicalJson), "application/xml", "", ""};
  }

  gw::sdk::Output acknowledge(std::string_view request, std::string_view, gw_ack_outcome outcome, std::string_view,
                              std::string_view text) override {
    std::string id;
    try {
      id = parse(request).id;
    } catch (const gw::sdk::Error&) {
      // An acknowledgement of an unreadable request still has to be sent; it just carries no id.
    }
    const char* code = outcome == GW_ACK_ACCEPT ? "AA" : outcome == GW_ACK_ERROR ? "AE" : "AR";
    return {"<EchoAck id=\"" + gw::kit::xmlEscaped(id) + "\" outcome=\"" + code + "\">" + gw::kit::xmlEscaped(text) + "</EchoAck>",
            "application/xml", id, "ECHO"};
  }

 private:
  std::string partnerId_;
  std::string tag_;
};

}  // namespace

GW_PLUGIN("echo", kVersion, EchoAdapter)
