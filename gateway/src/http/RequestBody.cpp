#include "http/RequestBody.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/String.h>

#include <algorithm>
#include <string>

#include "http/ConnectionGuard.hpp"
#include "http/HttpError.hpp"
#include "http/SessionBytes.hpp"

namespace gw {

namespace {

constexpr int kEof = std::char_traits<char>::eof();

std::string tooLarge(std::size_t maxBytes) {
  return "the body is larger than the limit of " + std::to_string(maxBytes) + " bytes";
}

// The end of the stream before the body was whole: the deadline passed, or the client went away.
[[noreturn]] void cutShort(const std::string& what) {
  if (ConnectionGuard::deadlinePassed())
    throw HttpError(408, "request_timeout", "the request did not arrive whole within the request deadline");
  throw HttpError(400, "incomplete_body", "the connection ended before the body arrived whole: " + what);
}

int countHeaders(const Poco::Net::HTTPServerRequest& request, const std::string& name) {
  int count = 0;
  for (const auto& [key, value] : request)
    if (Poco::icompare(key, name) == 0) ++count;
  return count;
}

bool allDigits(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Appends the next `length` bytes of the session to `body`; false when the stream ends first. The body grows
// as bytes arrive, so a declared length that never comes costs no memory (a client could otherwise make each
// connection hold server.max_body_bytes by declaring it and sending one byte).
bool appendFromSession(Poco::Net::HTTPSession& session, std::string& body, std::size_t length) {
  char buffer[64 * 1024];
  for (std::size_t got = 0; got < length;) {
    const std::size_t wanted = std::min(sizeof buffer, length - got);
    const int n = SessionBytes::readSome(session, buffer, static_cast<std::streamsize>(wanted));
    if (n <= 0) return false;
    body.append(buffer, static_cast<std::size_t>(n));
    got += static_cast<std::size_t>(n);
  }
  return true;
}

std::string readFixed(Poco::Net::HTTPSession& session, std::size_t length) {
  std::string body;
  if (!appendFromSession(session, body, length))
    cutShort(std::to_string(body.size()) + " of " + std::to_string(length) + " bytes (Content-Length)");
  return body;
}

// One line of chunk framing, without its CRLF (a bare LF is accepted too).
std::string readFramingLine(Poco::Net::HTTPSession& session) {
  std::string line;
  for (;;) {
    int c = SessionBytes::nextByte(session);
    if (c == kEof) cutShort("a chunked body without its last chunk");
    if (c == '\n') break;
    line.push_back(static_cast<char>(c));
    if (line.size() > 4096) throw HttpError(400, "bad_chunk", "a chunk size line is longer than 4096 bytes");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::size_t chunkSize(const std::string& line) {
  std::string size = Poco::trim(line.substr(0, line.find(';')));
  if (size.empty() || size.size() > 8) throw HttpError(400, "bad_chunk", "a chunk size is missing or too long");
  std::size_t value = 0;
  for (char c : size) {
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) throw HttpError(400, "bad_chunk", "a chunk size is not a hexadecimal number");
    value = value * 16 + static_cast<std::size_t>(digit);
  }
  return value;
}

std::string readChunked(Poco::Net::HTTPSession& session, std::size_t maxBytes) {
  std::string body;
  for (;;) {
    const std::size_t size = chunkSize(readFramingLine(session));
    if (size == 0) break;
    if (size > maxBytes - body.size()) throw HttpError(413, "body_too_large", tooLarge(maxBytes));
    const std::size_t start = body.size();
    if (!appendFromSession(session, body, size))
      cutShort("a chunk of " + std::to_string(size) + " bytes ended after " + std::to_string(body.size() - start));
    if (!readFramingLine(session).empty()) throw HttpError(400, "bad_chunk", "a chunk is longer than its size");
  }
  // Trailer fields up to the empty line that ends the message.
  for (int lines = 0; !readFramingLine(session).empty(); ++lines)
    if (lines >= 100) throw HttpError(400, "bad_chunk", "more than 100 trailer fields");
  return body;
}

}  // namespace

void checkRequestFraming(const Poco::Net::HTTPServerRequest& request) {
  const int lengths = countHeaders(request, "Content-Length");
  const int codings = countHeaders(request, "Transfer-Encoding");
  if (lengths > 1) throw HttpError(400, "ambiguous_framing", "the request has more than one Content-Length header");
  if (lengths == 1 && codings > 0)
    throw HttpError(400, "ambiguous_framing", "the request has both Content-Length and Transfer-Encoding");
  if (lengths == 1 && !allDigits(Poco::trim(request.get("Content-Length"))))
    throw HttpError(400, "bad_content_length", "Content-Length is not a number");
  if (codings > 1 || (codings == 1 && Poco::icompare(Poco::trim(request.get("Transfer-Encoding")), "chunked") != 0))
    throw HttpError(501, "unsupported_transfer_encoding", "the only transfer coding accepted is chunked");
}

bool requestCarriesBody(const Poco::Net::HTTPServerRequest& request) {
  if (request.has("Transfer-Encoding")) return true;
  return request.hasContentLength() && request.getContentLength64() > 0;
}

std::string readRequestBody(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes) {
  auto* served = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request);
  if (!served) throw std::logic_error("readRequestBody needs a request read by Poco's HTTP server");
  Poco::Net::HTTPSession& session = served->session();
  try {
    if (request.has("Transfer-Encoding")) return readChunked(session, maxBytes);
    if (!request.hasContentLength()) return {};  // no framing: no body (RFC 9112, 6.3)
    const Poco::Int64 length = request.getContentLength64();
    if (length > static_cast<Poco::Int64>(maxBytes)) throw HttpError(413, "body_too_large", tooLarge(maxBytes));
    return readFixed(session, static_cast<std::size_t>(length));
  } catch (const Poco::TimeoutException&) {
    throw HttpError(408, "request_timeout", "the body stopped arriving (no data within the request timeout)");
  } catch (const Poco::Exception&) {
    cutShort("the connection failed");
  }
}

}  // namespace gw
