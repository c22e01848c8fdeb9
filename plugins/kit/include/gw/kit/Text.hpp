// Text rules every adapter applies the same way: escaping for XML and JSON output, media types, the UTF-8 byte
// order mark, UTF-8 validity, percent-encoding of query values and base64 (the last three through Poco).
#pragma once

#include <string>
#include <string_view>

namespace gw::kit {

// XML 1.0 character data and attribute values: & < > " ' escaped. The control characters XML 1.0 forbids (below
// 0x20 except tab, LF and CR) cannot be written at all, not even escaped: each becomes a space.
std::string xmlEscaped(std::string_view text);
void appendXmlEscaped(std::string& out, std::string_view text);

// A JSON string literal, quotes included: " and \ escaped, control characters as \n \r \t or \u00XX; other bytes
// (UTF-8) pass through as they are.
std::string jsonQuoted(std::string_view text);
void appendJsonQuoted(std::string& out, std::string_view text);

// The media type of a Content-Type value: parameters dropped, surrounding white space trimmed, lower case
// ("Text/XML; charset=utf-8" is "text/xml").
std::string mediaType(std::string_view contentType);
// True for an XML media type: */xml or */*+xml, whatever the parameters and case.
bool isXmlMediaType(std::string_view contentType);

// `bytes` without a leading UTF-8 byte order mark (EF BB BF).
std::string_view withoutBom(std::string_view bytes);
// True when the first character after a BOM and white space is '<': the body is XML whatever its declared type.
bool startsLikeXml(std::string_view bytes);

// The byte offset of the first sequence that is not UTF-8, or npos. Overlong forms, surrogates and code points
// above U+10FFFF are not UTF-8.
std::size_t invalidUtf8At(std::string_view bytes);

// A value for a URL query (a conditional reference's identifier system or value): unreserved characters, ':' and
// '/' kept, every other byte as %XX.
std::string percentEncoded(std::string_view value);

// Base64 (RFC 4648, with padding, no line breaks).
std::string base64Encoded(std::string_view bytes);
// The bytes of base64 `text` (white space ignored); false when `text` is not base64.
bool base64Decode(std::string_view text, std::string& bytes);

}  // namespace gw::kit
