#include "FhirValidator.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>

namespace gwtest {

int runFhirValidator(const std::vector<std::string>& files, std::string& output) {
  const std::string tool = std::string(GW_SOURCE_DIR) + "/tools/fhir-validator";
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    output = "node is not installed: the FHIR validator cannot run (scripts/setup.sh installs it)";
    return -1;
  }
  if (!std::filesystem::exists(tool + "/node_modules/@medplum/core")) {
    output = tool + "/node_modules is missing: run scripts/setup.sh (npm ci) to install the FHIR validator";
    return -1;
  }
  std::string command = "node '" + tool + "/validate.js'";
  for (const auto& file : files) command += " '" + file + "'";
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    output = "cannot start " + command;
    return 2;
  }
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}

}  // namespace gwtest
