#include "gw/kit/Text.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/URI.h>
#include <Poco/UTF8Encoding.h>

#include <cctype>
#include <cstdio>
#include <sstream>

namespace gw::kit {

void appendXmlEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': case '\n': case '\r': out += c; break;
      default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
  }
}

std::string xmlEscaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  appendXmlEscaped(out, text);
  return out;
}

void appendJsonQuoted(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string jsonQuoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  appendJsonQuoted(out, text);
  return out;
}

std::string mediaType(std::string_view contentType) {
  std::string_view type = contentType.substr(0, contentType.find(';'));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front()))) type.remove_prefix(1);
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.remove_suffix(1);
  std::string out(type);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool isXmlMediaType(std::string_view contentType) {
  const std::string type = mediaType(contentType);
  auto endsWith = [&type](std::string_view suffix) {
    return type.size() >= suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return endsWith("/xml") || endsWith("+xml");
}

std::string_view withoutBom(std::string_view bytes) {
  return bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
}

bool startsLikeXml(std::string_view bytes) {
  std::string_view text = withoutBom(bytes);
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i < text.size() && text[i] == '<';
}

std::size_t invalidUtf8At(std::string_view bytes) {
  static const Poco::UTF8Encoding utf8;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  while (i < bytes.size()) {
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    const int available = static_cast<int>(std::min<std::size_t>(bytes.size() - i, 4));
    const int length = utf8.sequenceLength(data + i, available);
    if (length <= 0 || length > available || !Poco::UTF8Encoding::isLegal(data + i, length)) return i;
    i += static_cast<std::size_t>(length);
  }
  return std::string_view::npos;
}

std::string percentEncoded(std::string_view value) {
  // Poco encodes bytes outside ASCII, controls, space and its illegal set ("%<>{}|\"^`!*'()$,[]"); these are the
  // reserved characters it would otherwise keep.
  std::string out;
  Poco::URI::encode(std::string(value), "#&+;=?@", out);
  return out;
}

std::string base64Encoded(std::string_view bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

bool base64Decode(std::string_view text, std::string& bytes) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) compact += c;
  // Poco's decoder stops quietly at the first byte outside the alphabet: check the text first.
  if (compact.size() % 4 != 0) return false;
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    const bool padding = c == '=' && i + 2 >= compact.size() && (i + 1 == compact.size() || compact[i + 1] == '=');
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && !padding) return false;
  }
  std::istringstream in(compact);
  Poco::Base64Decoder decoder(in);
  bytes.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
  return !decoder.bad();
}

}  // namespace gw::kit
