// One HTTP exchange as handlers see it: path parameters, query, bounded body, JSON answers.
#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <map>
#include <string>

namespace gw {

class Request {
 public:
  Request(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, std::size_t maxBodyBytes);

  Poco::Net::HTTPServerRequest& http() { return request_; }
  Poco::Net::HTTPServerResponse& response() { return response_; }

  const std::string& method() const { return request_.getMethod(); }
  const std::string& path() const { return path_; }
  // Set by the router from `{name}` segments of the matched route.
  std::map<std::string, std::string>& params() { return params_; }
  std::string param(const std::string& name) const;
  // The first value of a query parameter, or `fallback`.
  std::string query(const std::string& name, const std::string& fallback = "") const;
  // True when the query names `name`, with a value or without (`?wsdl`).
  bool hasQuery(const std::string& name) const { return query_.count(name) > 0; }
  // The client's IP address (of the TCP peer), as text.
  std::string clientAddress() const { return request_.clientAddress().host().toString(); }
  // The SHA-256 fingerprint (lower-case hex) of the client's TLS certificate; empty without one.
  std::string clientCertificateSha256() const;
  // The API key from `X-API-Key` or `Authorization: Bearer`; empty when absent.
  std::string apiKey() const;

  // Reads the whole body, refusing (413) more than the configured limit and (400/408) a body that
  // does not arrive whole. Call only after authentication.
  std::string readBody();

  void send(int status, const std::string& contentType, const std::string& body);
  void sendJson(int status, const Poco::JSON::Object& object);
  void sendError(int status, const std::string& code, const std::string& message);
  bool sent() const { return response_.sent(); }
  int status() const { return static_cast<int>(response_.getStatus()); }

 private:
  Poco::Net::HTTPServerRequest& request_;
  Poco::Net::HTTPServerResponse& response_;
  std::size_t maxBodyBytes_;
  bool bodyRead_ = false;
  std::string path_;
  std::map<std::string, std::string> params_;
  std::multimap<std::string, std::string> query_;
};

}  // namespace gw
