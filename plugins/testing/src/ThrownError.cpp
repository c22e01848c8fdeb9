#include "gw/testing/ThrownError.hpp"

#include <gtest/gtest.h>

namespace gw::testkit {

gw::sdk::Error errorOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const gw::sdk::Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a gw::sdk::Error, none was thrown";
  return gw::sdk::Error(GW_OK, "");
}

}  // namespace gw::testkit
