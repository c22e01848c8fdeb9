// Shared by the x12 tests: the public X12 samples (tests/data/x12, copied unmodified), the claim page
// fixture, a configured adapter, error capture, temp folders and the independent X12 parser (node-x12).
#pragma once

#include "X12Adapter.hpp"
#include "X12Json.hpp"

#include <gw/plugin.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace gw::x12::test {

std::string readText(const std::string& path);
// A public sample from tests/data/x12.
std::string sample(const std::string& name);
// A fixture written for these tests, from adapters/x12/tests/fixtures.
std::string fixture(const std::string& name);
JsonObject fixtureObject(const std::string& name);

// Options a real insurer block would carry; `extra` (a JSON object's members, without braces) is added.
std::string optionsJson(const std::string& extra = "");
X12Adapter adapterWith(const std::string& extra = "");

// The gw::sdk::Error `body` throws; fails the test when it throws none.
gw::sdk::Error errorOf(const std::function<void()>& body);

// The elements of every segment with id `id`, in order (reading with the interchange's delimiters).
std::vector<std::vector<std::string>> segmentsWithId(const std::string& x12, const std::string& id);

class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

// Runs a node tool of tools/ (`tool` = "x12-validator/validate.js") on `arguments`; returns its exit
// code and fills `output`. -1 (reason in `output`) when node or the tool's node_modules is missing.
int runNodeTool(const std::string& tool, const std::string& module, const std::vector<std::string>& arguments,
                std::string& output);

// Skips the current test when node cannot run, or fails it when GW_REQUIRE_NODE=1.
#define X12_NODE_OR_SKIP(code, output)                                                         \
  do {                                                                                         \
    if ((code) == -1) {                                                                        \
      const char* require = std::getenv("GW_REQUIRE_NODE");                                    \
      if (require && std::string(require) == "1") FAIL() << (output) << " (GW_REQUIRE_NODE=1)"; \
      GTEST_SKIP() << (output);                                                                \
    }                                                                                          \
  } while (0)

}  // namespace gw::x12::test
