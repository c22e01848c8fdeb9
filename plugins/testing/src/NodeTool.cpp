#include "gw/testing/NodeTool.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace gw::testkit {

namespace {

// `text` as one shell word.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

NodeToolRun runNodeTool(const std::string& script, const std::string& module, const std::vector<std::string>& arguments) {
  NodeToolRun run;
  const std::filesystem::path modules = std::filesystem::path(script).parent_path() / "node_modules" / module;
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    run.output = "node is not installed: " + script + " cannot run (scripts/setup.sh installs it)";
    return run;
  }
  if (!std::filesystem::exists(script)) {
    run.output = script + " does not exist";
    return run;
  }
  if (!std::filesystem::exists(modules)) {
    run.output = modules.string() + " is missing: run scripts/setup.sh (npm ci) to install it";
    return run;
  }
  std::string command = "node " + quoted(script);
  for (const auto& argument : arguments) command += " " + quoted(argument);
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    run.output = "cannot start " + command;
    return run;
  }
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
  int status = pclose(pipe);
  run.ran = true;
  run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return run;
}

bool nodeRequired() {
  const char* require = std::getenv("GW_REQUIRE_NODE");
  return require && *require && std::string(require) != "0";
}

}  // namespace gw::testkit
