// An error a handler raises to answer with a status and a JSON error body.
#pragma once

#include <stdexcept>
#include <string>

namespace gw {

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

}  // namespace gw
