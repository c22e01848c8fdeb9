// Reading a request body whole, by its framing, or refusing it.
//
// A body that does not arrive whole is never handed on: a Content-Length body cut short, a chunked
// body without its last chunk, a malformed chunk, or one whose client missed the request deadline
// is an HttpError (400, 408 or 413), so nothing partial is decoded, stored or acknowledged.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <string>

namespace gw {

// Refuses ambiguous or unsupported framing (two Content-Lengths, Content-Length with
// Transfer-Encoding, a transfer coding other than chunked, a length that is not a number) before
// anything else looks at the request: a server and a proxy reading it differently is request
// smuggling.
void checkRequestFraming(const Poco::Net::HTTPServerRequest& request);

// Does the request carry a body (Content-Length above 0, or chunked)?
bool requestCarriesBody(const Poco::Net::HTTPServerRequest& request);

std::string readRequestBody(Poco::Net::HTTPServerRequest& request, std::size_t maxBytes);

}  // namespace gw
