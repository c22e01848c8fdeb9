// Acknowledgement.cpp: MCCI_IN000002UV01 writing (see Acknowledgement.hpp).
#include "Acknowledgement.hpp"

#include <gw/kit/Text.hpp>

namespace gw::cda {

namespace {

std::string idElement(const char* indent, const std::string& root, const std::string& extension, bool item) {
  std::string attrs = "root=\"" + kit::xmlEscaped(root) + "\"";
  if (!extension.empty()) attrs += " extension=\"" + kit::xmlEscaped(extension) + "\"";
  if (!item) return std::string(indent) + "<id " + attrs + "/>\n";
  return std::string(indent) + "<id>\n" + indent + "  <item " + attrs + "/>\n" + indent + "</id>\n";
}

std::string device(const char* role, const char* typeCode, const std::string& root, const std::string& id) {
  std::string out = std::string("  <") + role + " typeCode=\"" + typeCode + "\">\n";
  out += "    <device classCode=\"DEV\" determinerCode=\"INSTANCE\">\n";
  out += idElement("      ", root.empty() ? "2.16.156.10011.2.5.1.3" : root, id, true);
  out += "    </device>\n";
  out += std::string("  </") + role + ">\n";
  return out;
}

}  // namespace

std::string buildAcknowledgement(const AckRequest& r) {
  const char* code = r.outcome == GW_ACK_ACCEPT ? "AA" : r.outcome == GW_ACK_ERROR ? "AE" : "AR";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<MCCI_IN000002UV01 xmlns=\"urn:hl7-org:v3\" ITSVersion=\"XML_1.0\">\n";
  out += idElement("  ", "2.16.156.10011.2.5.1.1", r.ackId, false);
  out += "  <creationTime value=\"" + kit::xmlEscaped(r.creationTime) + "\"/>\n";
  out += "  <interactionId root=\"2.16.156.10011.2.5.1.2\" extension=\"MCCI_IN000002UV01\"/>\n";
  out += "  <processingCode code=\"P\"/>\n";
  out += "  <processingModeCode/>\n";
  out += "  <acceptAckCode code=\"NE\"/>\n";
  out += device("receiver", "RCV", r.senderRoot, r.senderId);
  out += device("sender", "SND", r.receiverRoot, r.receiverId);
  out += std::string("  <acknowledgement typeCode=\"") + code + "\">\n";
  out += "    <targetMessage>\n";
  if (r.targetRoot.empty() && r.targetExtension.empty()) out += "      <id nullFlavor=\"UNK\"/>\n";
  else out += idElement("      ", r.targetRoot, r.targetExtension, false);
  out += "    </targetMessage>\n";
  std::string text = r.text.empty() ? (r.outcome == GW_ACK_ACCEPT ? "成功" : "失败") : r.text;
  out += "    <acknowledgementDetail>\n";
  out += "      <text value=\"" + kit::xmlEscaped(text) + "\"/>\n";
  out += "    </acknowledgementDetail>\n";
  for (const std::string& warning : r.warnings) {
    out += "    <acknowledgementDetail typeCode=\"W\">\n";
    out += "      <text value=\"" + kit::xmlEscaped(warning) + "\"/>\n";
    out += "    </acknowledgementDetail>\n";
  }
  out += "  </acknowledgement>\n";
  out += "</MCCI_IN000002UV01>\n";
  return out;
}

}  // namespace gw::cda
