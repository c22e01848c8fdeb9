// MarkupCountScan: see MarkupCountScan.hpp. One pass, no allocation but the open-element stack.
#include "gw/kit/MarkupCountScan.hpp"

#include <Poco/TextConverter.h>
#include <Poco/UTF16Encoding.h>
#include <Poco/UTF32Encoding.h>
#include <Poco/UTF8Encoding.h>

#include <algorithm>
#include <memory>
#include <cstdint>
#include <string>
#include <vector>

#include "gw/kit/HardenedXml.hpp"

namespace gw::kit {
namespace {

bool isXmlBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class MarkupCounter {
 public:
  MarkupCounter(std::string_view bytes, const XmlLimits& limits) : bytes_(bytes), limits_(limits) {}

  std::optional<XmlRejection> run() {
    while (pos_ < bytes_.size()) {
      const std::size_t lt = bytes_.find('<', pos_);
      if (lt == std::string_view::npos) return std::nullopt;
      advanceTo(lt);
      if (startsWith("<!--")) {
        if (!skipPast("-->", 4)) return std::nullopt;
      } else if (startsWith("<![CDATA[")) {
        if (!skipPast("]]>", 9)) return std::nullopt;
      } else if (startsWith("<?")) {
        if (!skipPast("?>", 2)) return std::nullopt;
      } else if (startsWith("<!")) {
        if (!skipDeclaration()) return std::nullopt;
      } else if (startsWith("</")) {
        if (!skipPast(">", 2)) return std::nullopt;
        closeElement();
      } else {
        if (auto refused = startTag()) return refused;
        if (lost_) return std::nullopt;
      }
    }
    return std::nullopt;
  }

 private:
  bool startsWith(std::string_view token) const { return bytes_.compare(pos_, token.size(), token) == 0; }

  // Moves to `to`, counting lines on the way (for the refusal's position).
  void advanceTo(std::size_t to) {
    line_ += static_cast<int>(std::count(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                         bytes_.begin() + static_cast<std::ptrdiff_t>(to), '\n'));
    pos_ = to;
  }

  bool skipPast(std::string_view end, std::size_t from) {
    const std::size_t at = bytes_.find(end, pos_ + from);
    if (at == std::string_view::npos) return false;
    advanceTo(at + end.size());
    return true;
  }

  // <!DOCTYPE name SYSTEM "..."> (quotes may hold '>'). An internal subset is not followed.
  bool skipDeclaration() {
    std::size_t i = pos_ + 2;
    while (i < bytes_.size()) {
      const char c = bytes_[i];
      if (c == '[') return false;
      if (c == '>') {
        advanceTo(i + 1);
        return true;
      }
      if (c == '"' || c == '\'') {
        i = bytes_.find(c, i + 1);
        if (i == std::string_view::npos) return false;
      }
      ++i;
    }
    return false;
  }

  void closeElement() {
    if (openNamespaces_.empty()) return;
    inScope_ -= openNamespaces_.back();
    openNamespaces_.pop_back();
  }

  std::size_t skipBlanks(std::size_t i) const {
    while (i < bytes_.size() && isXmlBlank(bytes_[i])) ++i;
    return i;
  }

  std::string elementName(std::size_t from, std::size_t to) const {
    constexpr std::size_t kShown = 64;  // a hostile name can be 50,000 bytes long
    std::string name(bytes_.substr(from, std::min(to - from, kShown)));
    return "<" + name + (to - from > kShown ? "...>" : ">");
  }

  // libxml2 hashes and copies every name it meets; a name of 50,000 bytes is no partner's.
  std::optional<XmlRejection> nameTooLong(std::size_t from, std::size_t to, int tagLine) const {
    if (to - from <= limits_.maxNameBytes) return std::nullopt;
    return XmlRejection{XmlRejectionKind::nameTooLong,
                        "a name of " + std::to_string(to - from) + " bytes, over the limit of " +
                            std::to_string(limits_.maxNameBytes) + ", at " + elementName(from, to) + " (line " +
                            std::to_string(tagLine) + ")",
                        tagLine, 0};
  }

  // Where the scan cannot follow the markup: no verdict, libxml2 takes over from here.
  std::optional<XmlRejection> lost() {
    lost_ = true;
    return std::nullopt;
  }

  std::optional<XmlRejection> startTag() {
    const int tagLine = line_;
    std::size_t i = pos_ + 1;
    const std::size_t nameStart = i;
    while (i < bytes_.size() && !isXmlBlank(bytes_[i]) && bytes_[i] != '>' && bytes_[i] != '/') ++i;
    const std::size_t nameEnd = i;
    if (nameEnd == nameStart) return lost();
    if (auto refused = nameTooLong(nameStart, nameEnd, tagLine)) return refused;
    if (++elements_ > limits_.maxElements) {
      return XmlRejection{XmlRejectionKind::tooManyElements,
                          "more than " + std::to_string(limits_.maxElements) + " elements (line " +
                              std::to_string(tagLine) + ")",
                          tagLine, 0};
    }
    std::size_t attributes = 0;
    std::size_t namespaces = 0;
    for (;;) {
      i = skipBlanks(i);
      if (i >= bytes_.size()) return lost();
      if (bytes_[i] == '>' || bytes_.compare(i, 2, "/>") == 0) break;
      const std::size_t attributeStart = i;
      while (i < bytes_.size() && !isXmlBlank(bytes_[i]) && bytes_[i] != '=' && bytes_[i] != '>' && bytes_[i] != '/')
        ++i;
      const std::string_view attribute = bytes_.substr(attributeStart, i - attributeStart);
      if (attribute.empty()) return lost();
      if (auto refused = nameTooLong(attributeStart, i, tagLine)) return refused;
      i = skipBlanks(i);
      if (i >= bytes_.size() || bytes_[i] != '=') return lost();
      i = skipBlanks(i + 1);
      if (i >= bytes_.size() || (bytes_[i] != '"' && bytes_[i] != '\'')) return lost();
      const std::size_t close = bytes_.find(bytes_[i], i + 1);
      if (close == std::string_view::npos) return lost();
      i = close + 1;
      if (++attributes > limits_.maxAttributesPerElement) {
        return XmlRejection{XmlRejectionKind::tooManyAttributes,
                            elementName(nameStart, nameEnd) + " has more than " +
                                std::to_string(limits_.maxAttributesPerElement) + " attributes (line " +
                                std::to_string(tagLine) + ")",
                            tagLine, 0};
      }
      if (attribute == "xmlns" || attribute.substr(0, 6) == "xmlns:") {
        if (inScope_ + ++namespaces > limits_.maxNamespacesInScope) {
          return XmlRejection{XmlRejectionKind::tooManyNamespaces,
                              "more than " + std::to_string(limits_.maxNamespacesInScope) +
                                  " namespace declarations in scope at " + elementName(nameStart, nameEnd) +
                                  " (line " + std::to_string(tagLine) + ")",
                              tagLine, 0};
        }
      }
    }
    const bool selfClosing = bytes_[i] == '/';
    advanceTo(i + (selfClosing ? 2 : 1));
    if (!selfClosing) {
      openNamespaces_.push_back(namespaces);
      inScope_ += namespaces;
    }
    return std::nullopt;
  }

  std::string_view bytes_;
  const XmlLimits& limits_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::vector<std::size_t> openNamespaces_;  // declared on each open element
  std::size_t inScope_ = 0;
  std::size_t elements_ = 0;
  bool lost_ = false;
};

// The UTF-8 form of a document in UTF-16 or UTF-32 (told by its byte order mark, or by how its first '<' is
// written, as XML 1.0 appendix F does), or nothing for an ASCII-compatible one. Bytes that do not convert become
// U+FFFD: the count only needs the markup, and libxml2 refuses what is not well-formed.
std::optional<std::string> wideAsUtf8(std::string_view bytes) {
  auto startsWith = [bytes](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  std::unique_ptr<Poco::TextEncoding> wide;
  using namespace std::string_view_literals;
  if (startsWith("\xFF\xFE\0\0"sv) || startsWith("<\0\0\0"sv))
    wide = std::make_unique<Poco::UTF32Encoding>(Poco::UTF32Encoding::LITTLE_ENDIAN_BYTE_ORDER);
  else if (startsWith("\0\0\xFE\xFF"sv) || startsWith("\0\0\0<"sv))
    wide = std::make_unique<Poco::UTF32Encoding>(Poco::UTF32Encoding::BIG_ENDIAN_BYTE_ORDER);
  else if (startsWith("\xFF\xFE"sv) || startsWith("<\0"sv))
    wide = std::make_unique<Poco::UTF16Encoding>(Poco::UTF16Encoding::LITTLE_ENDIAN_BYTE_ORDER);
  else if (startsWith("\xFE\xFF"sv) || startsWith("\0<"sv))
    wide = std::make_unique<Poco::UTF16Encoding>(Poco::UTF16Encoding::BIG_ENDIAN_BYTE_ORDER);
  else
    return std::nullopt;
  Poco::UTF8Encoding utf8;
  Poco::TextConverter converter(*wide, utf8);
  std::string out;
  converter.convert(bytes.data(), static_cast<int>(bytes.size()), out);
  return out;
}

}  // namespace

std::optional<XmlRejection> scanMarkupCounts(std::string_view bytes, const XmlLimits& limits) {
  // UTF-16 and UTF-32 are not ASCII-compatible: count their UTF-8 form (the same markup; lines are the same).
  if (auto utf8 = wideAsUtf8(bytes)) return MarkupCounter(*utf8, limits).run();
  return MarkupCounter(bytes, limits).run();
}

}  // namespace gw::kit
