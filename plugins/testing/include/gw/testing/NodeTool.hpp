// The independent checkers adapter tests trust more than our own code are node scripts (tools/fhir-validator,
// tools/x12-validator). Running one, and the rule when node cannot run: the test is skipped with the reason,
// or fails when GW_REQUIRE_NODE is set (scripts/test.sh and CI set it), so a check is never lost silently.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gw::testkit {

struct NodeToolRun {
  bool ran = false;  // false: node, the script or its node_modules/<module> is missing (the output says which)
  int exitCode = -1;
  std::string output;  // what the script printed, stdout and stderr
};

// Runs `node script arguments...`; `module` is the package the script needs under its folder's node_modules.
NodeToolRun runNodeTool(const std::string& script, const std::string& module, const std::vector<std::string>& arguments);

// GW_REQUIRE_NODE is set to anything but "" or "0".
bool nodeRequired();

}  // namespace gw::testkit

// Skips the current test when `run` could not start node, or fails it when node is required.
#define GW_NODE_TOOL_RAN_OR_SKIP(run)                                                                           \
  do {                                                                                                          \
    if (!(run).ran) {                                                                                           \
      if (::gw::testkit::nodeRequired()) FAIL() << (run).output << " (GW_REQUIRE_NODE is set)";                 \
      GTEST_SKIP() << (run).output << " (set GW_REQUIRE_NODE=1 to make this a failure)";                        \
    }                                                                                                           \
  } while (0)
