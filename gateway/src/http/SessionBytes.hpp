// Raw bytes of an HTTP session, past Poco's body streams.
//
// Poco 1.11's body streams end silently when a client drops the connection: a truncated
// Content-Length body, or a chunked body without its last chunk, reads like a complete one. The
// gateway therefore reads request bodies from the session itself and checks the framing. The
// session's read and get are protected; naming them through a derived class is what C++ allows.
#pragma once

#include <Poco/Net/HTTPSession.h>

#include <ios>

namespace gw {

class SessionBytes : public Poco::Net::HTTPSession {
 public:
  // Up to `length` bytes (buffered first); 0 at end of stream. Throws what the socket throws.
  static int readSome(Poco::Net::HTTPSession& session, char* buffer, std::streamsize length) {
    int (Poco::Net::HTTPSession::*readFn)(char*, std::streamsize) = &SessionBytes::read;
    return (session.*readFn)(buffer, length);
  }
  // One byte, or std::char_traits<char>::eof() at end of stream.
  static int nextByte(Poco::Net::HTTPSession& session) {
    int (Poco::Net::HTTPSession::*getFn)() = &SessionBytes::get;
    return (session.*getFn)();
  }

  SessionBytes() = delete;
};

}  // namespace gw
