// The assembled gateway: store, migrations, plugin host, routes and HTTP server; used by gatewayd and the tests.
#pragma once

#include <memory>
#include <string>

#include "app/GatewayContext.hpp"
#include "config/GatewayConfig.hpp"
#include "http/HttpServer.hpp"
#include "http/Metrics.hpp"
#include "http/Router.hpp"
#include "intake/MessageIntake.hpp"
#include "mllp/MllpListeners.hpp"
#include "pickup/FolderPickups.hpp"
#include "plugin/PluginHost.hpp"
#include "store/Database.hpp"
#include "store/GroupCommit.hpp"

namespace gw {

class Gateway {
 public:
  // Opens the store and brings its schema up to date; throws when the store cannot be used.
  explicit Gateway(GatewayConfig config);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  void start();
  // Drains requests in flight (server.drain_seconds), then closes the store.
  void stop();

  // Re-reads `path` and applies its partner sections (hospitals, insurers, practitioners, memberships),
  // then rescans the plugin folder and routes the partners again. A file with errors is refused, the
  // running configuration kept (the folder is still rescanned), and false returned with the errors.
  bool reload(const std::string& path, std::string& errors);

  std::uint16_t port() const { return server_->port(); }
  const HttpServer& server() const { return *server_; }
  // The port a hospital's MLLP listener is bound to (listen: HOST:0 picks one); 0 when it has none.
  std::uint16_t mllpPort(const std::string& hospital) const { return mllp_->port(hospital); }
  GatewayContext& context() { return *context_; }
  // Handlers take plugins().snapshot() once and keep it for the whole request.
  PluginHost& plugins() { return *plugins_; }

 private:
  ConfigSnapshot config_;
  Metrics metrics_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<GroupCommit> commits_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<GatewayContext> context_;
  std::unique_ptr<PluginHost> plugins_;  // before router_ and server_: their handlers use it
  Router router_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<MessageIntake> transportIntake_;
  std::unique_ptr<mllp::MllpListeners> mllp_;
  std::unique_ptr<pickup::FolderPickups> pickups_;
  bool stopped_ = false;
};

}  // namespace gw
