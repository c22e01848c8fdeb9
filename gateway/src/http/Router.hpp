// Maps method + path pattern ("/v1/hospitals/{hospital}/messages") to a handler; 404 and 405 otherwise.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/Request.hpp"

namespace gw {

using Handler = std::function<void(Request&)>;

class Router {
 public:
  void add(const std::string& method, const std::string& pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // null: no route for this method
    std::string route;                 // the pattern matched, for metrics; "unmatched" when none
    std::string allowed;               // methods allowed on the path, when the method is wrong
  };
  // Fills `request.params()` when a route matches.
  Match match(Request& request) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool matches(const Route& route, const std::vector<std::string>& path,
                      std::map<std::string, std::string>* params);
  std::vector<Route> routes_;
};

}  // namespace gw
