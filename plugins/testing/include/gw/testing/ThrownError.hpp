// For tests of an adapter's classes (below the C ABI): the gw::sdk::Error a piece of code throws.
#pragma once

#include <gw/plugin.hpp>

#include <functional>

namespace gw::testkit {

// The gw::sdk::Error `body` throws; fails the current test (and answers an Error with GW_OK) when it
// throws none.
gw::sdk::Error errorOf(const std::function<void()>& body);

}  // namespace gw::testkit
