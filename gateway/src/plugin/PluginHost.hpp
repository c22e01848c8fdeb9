// The plugin host: scans the plugin folder, loads and checks each file from its content-addressed copy,
// creates one adapter instance per configured partner and publishes the routing as an immutable snapshot.
// Rescans run on its own watch thread, on configuration reload and on the admin reload route.
#pragma once

#include <Poco/Event.h>
#include <Poco/Logger.h>
#include <Poco/RunnableAdapter.h>
#include <Poco/Thread.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/GatewayConfig.hpp"
#include "plugin/PluginCache.hpp"
#include "plugin/PluginHealth.hpp"
#include "plugin/RoutingSnapshot.hpp"

namespace gw {

class PluginHost {
 public:
  explicit PluginHost(const PluginsConfig& config);
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // The partners changed (start-up, SIGHUP): routes them again at once.
  void configure(std::shared_ptr<const GatewayConfig> config);
  // Scans the folder now. Never throws for a bad plugin or partner: those are refused or unrouted.
  void rescan();
  std::shared_ptr<const RoutingSnapshot> snapshot() const { return std::atomic_load(&snapshot_); }

  // Rescans every plugins.watch_interval_ms on a thread of its own until stopWatching() (or destruction).
  void startWatching();
  void stopWatching();

  const PluginsConfig& config() const { return config_; }
  // How each plugin version's workers fare (isolation: process): quarantines and the counters /metrics shows.
  const PluginHealth& health() const { return *health_; }

 private:
  struct FileIdentity {
    std::uint64_t device = 0, inode = 0, size = 0;
    std::int64_t modifiedNs = 0;
    bool operator==(const FileIdentity& other) const {
      return device == other.device && inode == other.inode && size == other.size && modifiedNs == other.modifiedNs;
    }
  };
  // What the host knows about one file of the plugin folder.
  struct ScannedFile {
    FileIdentity identity;
    std::string sha256;                            // of the file's current content
    std::shared_ptr<const PluginLibrary> library;  // the loaded version, possibly older than a refused new content
    // The cached copy of the version loaded before `library` (not kept mapped): partners go back to it when
    // `library` is quarantined.
    struct Version {
      std::string cachedCopy, sha256;
    };
    std::optional<Version> previous;
    std::optional<PluginRefusal> refusal;          // why the current content was not loaded
    bool accepted = false;                         // in use after the last scan (keeps its names in a conflict)
  };

  std::vector<std::string> listFolder();
  void examine(const std::string& path, ScannedFile& file);
  // A quarantined version is set aside: the file serves its previous version again, if there is a healthy one.
  void setAsideQuarantined(const std::string& path, ScannedFile& file);
  // Records and logs why the file's current content is not loaded (a check repeated every scan logs only a
  // reason that changed: !logIfUnchanged).
  void refuse(const std::string& path, ScannedFile& file, PluginRefusal refusal, bool logIfUnchanged);
  // Plugin and adapter names are unique: files already in use keep theirs; newcomers that clash are refused.
  std::vector<std::shared_ptr<const PluginLibrary>> resolveNames(std::vector<PluginRefusal>& refusals);
  void route(const GatewayConfig& config, const std::vector<std::shared_ptr<const PluginLibrary>>& plugins,
             RoutingSnapshot::Contents& out);
  void routePartner(const GatewayConfig& config, const PartnerConfig& partner, const std::string& path,
                    const std::vector<std::shared_ptr<const PluginLibrary>>& plugins, RoutingSnapshot::Contents& out);
  // Routes the partner to its running instance, or to a new one when a file its options name was edited and
  // the adapter accepts the new version.
  void keepOrReload(const PartnerConfig& partner, const std::shared_ptr<const AdapterInstance>& running,
                    RoutingSnapshot::Contents& out);
  void reportChanges(const RoutingSnapshot::Contents& next);
  void watch();

  const PluginsConfig config_;
  const PluginCache cache_;
  const std::shared_ptr<PluginHealth> health_;
  const std::string workerProgram_;
  Poco::Logger& log_;

  std::mutex scanning_;  // one scan at a time; guards everything below except snapshot_
  std::shared_ptr<const GatewayConfig> gatewayConfig_;
  std::map<std::string, ScannedFile> files_;  // by path in the plugin folder
  std::map<std::string, std::shared_ptr<const AdapterInstance>> instances_;  // by partner id
  // An edit of a partner's option files that its adapter refused: not tried again until the files change.
  struct RefusedReload {
    std::vector<OptionFile> files;
    std::string reason;
  };
  std::map<std::string, RefusedReload> refusedReloads_;  // by partner id
  std::set<std::string> unusedCopies_;  // cached copies this host stored and no longer uses, until unmapped
  std::map<std::string, std::string> clashesReported_;  // file -> name clash already logged
  bool folderMissingReported_ = false;
  std::uint64_t scans_ = 0;

  std::shared_ptr<const RoutingSnapshot> snapshot_;  // std::atomic_load / std::atomic_store only

  Poco::Thread watcher_;
  Poco::Event stopWatching_;
  Poco::RunnableAdapter<PluginHost> watchTask_;
};

}  // namespace gw
