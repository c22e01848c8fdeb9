// Test data loading, the configured adapter and the node tool runner for the x12 tests.
#include "X12TestSupport.hpp"

#include "X12Interchange.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gw::x12::test {

std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string sample(const std::string& name) { return readText(std::string(GW_TEST_DATA_DIR) + "/x12/" + name); }
std::string fixture(const std::string& name) { return readText(std::string(X12_FIXTURES) + "/" + name); }
JsonObject fixtureObject(const std::string& name) { return parseObject(fixture(name)); }

std::string optionsJson(const std::string& extra) {
  std::string json = R"({"sender_id":"GROUP01","receiver_id":"KEYINS","billing_provider_npi":"1912301953",)"
                     R"("billing_provider_name":"Partner Doctor Group","billing_provider_tax_id":"587654321",)"
                     R"("billing_provider_street":"234 Seaway St","billing_provider_city":"Miami",)"
                     R"("billing_provider_state":"FL","billing_provider_postal_code":"331110000",)"
                     R"("contact_phone":"3055552222")";
  if (!extra.empty()) json += "," + extra;
  return json + "}";
}

X12Adapter adapterWith(const std::string& extra) {
  return X12Adapter(gw::sdk::Partner{"keyins", GW_KIND_INSURER, optionsJson(extra)});
}

gw::sdk::Error errorOf(const std::function<void()>& body) {
  try {
    body();
  } catch (const gw::sdk::Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a gw::sdk::Error, none was thrown";
  return gw::sdk::Error(GW_OK, "");
}

std::vector<std::vector<std::string>> segmentsWithId(const std::string& x12, const std::string& id) {
  std::vector<std::vector<std::string>> found;
  for (const auto& segment : readInterchange(x12).segments)
    if (segment.id() == id) found.push_back(segment.elements);
  return found;
}

TempFolder::TempFolder() {
  std::string pattern = (std::filesystem::temp_directory_path() / "x12-test.XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempFolder::write(const std::string& name, const std::string& content) const {
  std::string path = path_ + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

int runNodeTool(const std::string& tool, const std::string& module, const std::vector<std::string>& arguments,
                std::string& output) {
  const std::string path = std::string(GW_SOURCE_DIR) + "/tools/" + tool;
  const std::string folder = std::filesystem::path(path).parent_path().string();
  if (std::system("command -v node >/dev/null 2>&1") != 0) {
    output = "node is not installed: " + tool + " cannot run (scripts/setup.sh installs it)";
    return -1;
  }
  if (!std::filesystem::exists(folder + "/node_modules/" + module)) {
    output = folder + "/node_modules is missing: run scripts/setup.sh (npm ci) to install " + module;
    return -1;
  }
  std::string command = "node '" + path + "'";
  for (const auto& argument : arguments) command += " '" + argument + "'";
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

}  // namespace gw::x12::test
