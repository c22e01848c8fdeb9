#include "TestSupport.hpp"

#include "store/Migrations.hpp"

#include <Poco/Data/Session.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/UUIDGenerator.h>

#include <cstdio>
#include <cstdlib>

#include "http/ApiKey.hpp"
#include "store/Database.hpp"

namespace gwtest {

std::vector<std::string> storeBackends() { return {"sqlite", "postgresql"}; }

void MigratedStoreTest::SetUp() {
  store_ = std::make_unique<TestStore>(GetParam(), dir_);
  GW_REQUIRE_STORE(*store_);
  db_ = std::make_unique<gw::Database>(store_->config());
  gw::migrate(*db_);
}

void MigratedStoreTest::TearDown() {
  db_.reset();
  store_.reset();
}

namespace {

void adminExecute(const std::string& connection, const std::string& sql) {
  gw::StoreConfig admin;
  admin.backend = gw::StoreBackend::postgresql;
  admin.postgresConnection = connection;
  admin.poolMin = 1;
  admin.poolMax = 1;
  gw::Database db(admin);
  Poco::Data::Session s = db.session();
  s << sql, Poco::Data::Keywords::now;
}

}  // namespace

TestStore::TestStore(const std::string& backend, const TempDir& dir) {
  if (backend == "sqlite") {
    config_.backend = gw::StoreBackend::sqlite;
    config_.sqlitePath = dir.file("gateway.db");
    return;
  }
  const char* base = std::getenv("GW_TEST_PG");
  if (base == nullptr || *base == '\0') {
    const char* require = std::getenv("GW_REQUIRE_PG");
    if (require != nullptr && std::string(require) == "1")
      ADD_FAILURE() << "GW_REQUIRE_PG=1 but GW_TEST_PG is not set: the PostgreSQL tests cannot run";
    available_ = false;
    return;
  }
  std::string uuid = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
  database_ = "gwtest_" + uuid.substr(0, 8) + uuid.substr(9, 4);
  adminExecute(base, "CREATE DATABASE " + database_);
  config_.backend = gw::StoreBackend::postgresql;
  config_.postgresConnection = std::string(base) + " dbname=" + database_;
}

TestStore::~TestStore() {
  if (database_.empty()) return;
  try {
    adminExecute(std::getenv("GW_TEST_PG"), "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
  } catch (...) {
  }
}

std::string TestStore::yaml() const {
  if (config_.backend == gw::StoreBackend::sqlite)
    return "store:\n  backend: sqlite\n  sqlite:\n    path: " + config_.sqlitePath + "\n";
  return "store:\n  backend: postgresql\n  postgresql:\n    connection: \"" + config_.postgresConnection + "\"\n";
}

HttpResult httpCall(std::uint16_t port, const std::string& method, const std::string& path, const std::string& body,
                    const std::map<std::string, std::string>& headers, const std::string& contentType) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.setContentType(contentType);
    request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  Poco::StreamCopier::copyToString(in, result.body);
  for (const auto& [name, value] : response) result.headers[name] = value;
  return result;
}

std::string sha256(const std::string& text) { return gw::sha256Hex(text); }

int storedMessages(gw::Database& db, const std::string& status) {
  Poco::Data::Session s = db.session();
  int count = 0;
  std::string wanted = status;
  s << "SELECT COUNT(*) FROM inbound_message WHERE status = ?", Poco::Data::Keywords::use(wanted),
      Poco::Data::Keywords::into(count), Poco::Data::Keywords::now;
  return count;
}

std::string commandOutput(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

}  // namespace gwtest
