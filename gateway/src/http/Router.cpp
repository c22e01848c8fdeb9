#include "http/Router.hpp"

#include <Poco/URI.h>

#include "common/PrintableText.hpp"
#include "http/HttpError.hpp"

namespace gw {

namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void Router::add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, pattern, split(pattern), std::move(handler)});
}

bool Router::matches(const Route& route, const std::vector<std::string>& path,
                     std::map<std::string, std::string>* params) {
  if (route.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& segment = route.segments[i];
    if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
      if (params) {
        std::string decoded;
        Poco::URI::decode(path[i], decoded);
        // An id reaches the audit log, the logs and error bodies: no control bytes, only UTF-8.
        if (decoded.size() > 200 || !isPrintableUtf8(decoded))
          throw HttpError(400, "bad_path", "a path segment is longer than 200 bytes, not UTF-8, or has control characters");
        (*params)[segment.substr(1, segment.size() - 2)] = decoded;
      }
    } else if (segment != path[i]) {
      return false;
    }
  }
  return true;
}

Router::Match Router::match(Request& request) const {
  const std::vector<std::string> path = split(request.path());
  Match result;
  result.route = "unmatched";
  for (const auto& route : routes_) {
    if (!matches(route, path, nullptr)) continue;
    if (route.method == request.method() || (route.method == "GET" && request.method() == "HEAD")) {
      matches(route, path, &request.params());
      result.handler = &route.handler;
      result.route = route.pattern;
      result.allowed.clear();
      return result;
    }
    result.route = route.pattern;
    if (result.allowed.find(route.method) == std::string::npos)
      result.allowed += (result.allowed.empty() ? "" : ", ") + route.method;
  }
  return result;
}

}  // namespace gw
