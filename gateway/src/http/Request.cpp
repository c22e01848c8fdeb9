#include "http/Request.hpp"

#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/SecureStreamSocketImpl.h>
#include <Poco/URI.h>

#include <sstream>

#include "common/ServerTls.hpp"
#include "http/ConnectionGuard.hpp"
#include "http/HttpError.hpp"
#include "http/RequestBody.hpp"

namespace gw {

Request::Request(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                 std::size_t maxBodyBytes)
    : request_(request), response_(response), maxBodyBytes_(maxBodyBytes) {
  try {
    Poco::URI uri(request.getURI());
    path_ = uri.getPath();
    for (const auto& [name, value] : uri.getQueryParameters()) query_.emplace(name, value);
  } catch (const Poco::Exception&) {
    throw HttpError(400, "bad_uri", "the request URI is malformed");
  }
}

std::string Request::param(const std::string& name) const {
  auto it = params_.find(name);
  return it == params_.end() ? std::string() : it->second;
}

std::string Request::query(const std::string& name, const std::string& fallback) const {
  auto it = query_.find(name);
  return it == query_.end() ? fallback : it->second;
}

std::string Request::clientCertificateSha256() const {
  auto* served = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request_);
  if (!served) return {};
  auto* secure = dynamic_cast<Poco::Net::SecureStreamSocketImpl*>(served->socket().impl());
  if (!secure || !secure->havePeerCertificate()) return {};
  return certificateSha256(secure->peerCertificate());
}

std::string Request::apiKey() const {
  if (request_.has("X-API-Key")) return request_.get("X-API-Key");
  if (request_.has("Authorization")) {
    const std::string& value = request_.get("Authorization");
    const std::string prefix = "Bearer ";
    if (value.size() > prefix.size() && value.compare(0, prefix.size(), prefix) == 0) return value.substr(prefix.size());
  }
  return {};
}

std::string Request::readBody() {
  std::string body = readRequestBody(request_, maxBodyBytes_);
  bodyRead_ = true;
  ConnectionGuard::requestArrived();
  return body;
}

void Request::send(int status, const std::string& contentType, const std::string& body) {
  response_.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response_.setContentType(contentType);
  response_.setContentLength64(static_cast<Poco::Int64>(body.size()));
  // Bytes left unread would be parsed as the next request: close the connection instead.
  if (!bodyRead_ && requestCarriesBody(request_)) response_.setKeepAlive(false);
  response_.send().write(body.data(), static_cast<std::streamsize>(body.size()));
}

void Request::sendJson(int status, const Poco::JSON::Object& object) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(object, out);
  send(status, "application/json", out.str());
}

void Request::sendError(int status, const std::string& code, const std::string& message) {
  Poco::JSON::Object error;
  error.set("code", code);
  error.set("message", message);
  Poco::JSON::Object body;
  body.set("error", error);
  sendJson(status, body);
}

}  // namespace gw
