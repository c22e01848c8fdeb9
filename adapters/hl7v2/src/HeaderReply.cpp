// HeaderReply.cpp: the MSH of a decoded message, kept for its acknowledgement (see HeaderReply.hpp).
#include "HeaderReply.hpp"

#include "Er7Reader.hpp"
#include "Er7Writer.hpp"

#include <gw/kit/JsonReader.hpp>

#include <Poco/JSON/Object.h>

#include <sstream>

namespace gw::hl7v2 {

namespace {

std::string delimiterText(const Delimiters& d) {
  return {d.field, d.component, d.repetition, d.escape, d.subcomponent};
}

const char* namespaceName(XmlStyle::Namespace ns) {
  switch (ns) {
    case XmlStyle::Namespace::Prefixed: return "prefixed";
    case XmlStyle::Namespace::None: return "none";
    default: return "default";
  }
}

XmlStyle::Namespace namespaceNamed(const std::string& name) {
  if (name == "prefixed") return XmlStyle::Namespace::Prefixed;
  if (name == "none") return XmlStyle::Namespace::None;
  return XmlStyle::Namespace::Default;
}

}  // namespace

std::string headerReply(const Message& message) {
  // Written with the standard delimiters, whatever the sender used: ER7 escapes make the copy exact
  // even when the sender's own separators were not five different characters.
  Message header;
  header.segments.push_back(message.header());
  std::string msh = writeEr7(header);
  Poco::JSON::Object reply;
  reply.set("encoding", message.encoding == Encoding::Xml ? "xml" : "er7");
  reply.set("delimiters", delimiterText(message.delimiters));
  reply.set("namespace", namespaceName(message.xmlStyle.ns));
  reply.set("prefix", message.xmlStyle.prefix);
  reply.set("mirth", message.xmlStyle.mirth);
  reply.set("msh", msh);
  std::ostringstream out;
  reply.stringify(out);
  return out.str();
}

std::optional<Message> messageFromHeaderReply(std::string_view reply) {
  if (reply.empty()) return std::nullopt;
  try {
    kit::JsonObject object = kit::parseObject(std::string(reply));
    const std::string msh = kit::stringAt(object, "msh");
    const std::string delimiters = kit::stringAt(object, "delimiters");
    if (msh.rfind("MSH", 0) != 0 || delimiters.size() != 5) return std::nullopt;
    Message m = std::move(readEr7(msh).messages.front());
    m.delimiters = {delimiters[0], delimiters[1], delimiters[2], delimiters[3], delimiters[4]};
    m.encoding = kit::stringAt(object, "encoding") == "xml" ? Encoding::Xml : Encoding::Er7;
    m.xmlStyle.ns = namespaceNamed(kit::stringAt(object, "namespace"));
    m.xmlStyle.prefix = kit::stringAt(object, "prefix");
    m.xmlStyle.mirth = object->optValue<bool>("mirth", false);
    return m;
  } catch (const std::exception&) {
    return std::nullopt;  // not ours (an older plugin's, or empty): the request is read instead
  }
}

}  // namespace gw::hl7v2
