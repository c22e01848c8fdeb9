#include "plugin/PluginHost.hpp"

#include <sys/stat.h>

#include <Poco/DirectoryIterator.h>
#include <Poco/Exception.h>
#include <Poco/File.h>

#include <algorithm>
#include <set>

#include "plugin/PartnerOptions.hpp"
#include "plugin/PluginFileTrust.hpp"
#include "plugin/PluginRefused.hpp"
#include "plugin/WorkerProcess.hpp"

namespace gw {

namespace {

bool sameXmlLimits(const kit::XmlLimits& a, const kit::XmlLimits& b) {
  return a.maxAttributesPerElement == b.maxAttributesPerElement && a.maxElements == b.maxElements &&
         a.maxNameBytes == b.maxNameBytes && a.maxDepth == b.maxDepth;
}

gw_adapter_kind adapterKindOf(PartnerKind kind) {
  return kind == PartnerKind::hospital ? GW_KIND_HOSPITAL : GW_KIND_INSURER;
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

PluginHost::PluginHost(const PluginsConfig& config)
    : config_(config),
      cache_(config.cacheFolder),
      health_(std::make_shared<PluginHealth>(config.quarantineCrashes, config.quarantineWindowSeconds)),
      workerProgram_(worker::workerProgram(config.workerProgram)),
      log_(Poco::Logger::get("gateway.plugins")),
      snapshot_(std::make_shared<const RoutingSnapshot>()),
      watcher_("plugin-watch"),
      watchTask_(*this, &PluginHost::watch) {}

PluginHost::~PluginHost() { stopWatching(); }

void PluginHost::configure(std::shared_ptr<const GatewayConfig> config) {
  {
    std::lock_guard<std::mutex> lock(scanning_);
    gatewayConfig_ = std::move(config);
  }
  rescan();
}

void PluginHost::startWatching() {
  if (watcher_.isRunning()) return;
  stopWatching_.reset();
  watcher_.start(watchTask_);
}

void PluginHost::stopWatching() {
  if (!watcher_.isRunning()) return;
  stopWatching_.set();
  watcher_.join();
}

void PluginHost::watch() {
  // No exception may leave a thread: the wait (Poco::Event throws SystemException when the system
  // call fails) is inside the try too.
  for (;;) {
    try {
      if (stopWatching_.tryWait(config_.watchIntervalMs)) return;
      rescan();
    } catch (const std::exception& e) {
      log_.error("plugin folder scan failed: %s", std::string(e.what()));
    } catch (...) {
      log_.error("plugin folder scan failed");
    }
  }
}

std::vector<std::string> PluginHost::listFolder() {
  std::vector<std::string> paths;
  Poco::File folder(config_.folder);
  if (!folder.exists() || !folder.isDirectory()) {
    if (!folderMissingReported_) log_.warning("plugin folder %s does not exist: no plugins loaded", config_.folder);
    folderMissingReported_ = true;
    return paths;
  }
  folderMissingReported_ = false;
  try {
    // Hidden files are ignored so that an operator can copy to ".name.so" and rename into place.
    for (Poco::DirectoryIterator it(folder), end; it != end; ++it) {
      if (it.name().empty() || it.name()[0] == '.' || !endsWith(it.name(), ".so")) continue;
      if (it->isFile()) paths.push_back(it.path().toString());
    }
  } catch (const Poco::Exception& e) {
    // Unreadable for now (permissions, a file vanishing mid-listing): keep what is loaded, try again next scan.
    log_.error("cannot list plugin folder %s: %s", config_.folder, e.displayText());
    paths.clear();
    for (const auto& [path, file] : files_) paths.push_back(path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

void PluginHost::examine(const std::string& path, ScannedFile& file) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return;  // vanished between listing and now: the next scan drops it
  FileIdentity identity{static_cast<std::uint64_t>(status.st_dev), static_cast<std::uint64_t>(status.st_ino),
                        static_cast<std::uint64_t>(status.st_size),
                        std::int64_t(status.st_mtim.tv_sec) * 1000000000 + status.st_mtim.tv_nsec};
  if (identity == file.identity && !file.sha256.empty()) return;
  file.identity = identity;
  try {
    checkPluginFolderTrusted(config_.folder);
    checkPluginFileTrusted(path);
  } catch (const PluginRefused& e) {
    refuse(path, file, PluginRefusal{path, e.code(), e.what()}, /*logIfUnchanged=*/false);
    // A fixed mode or owner leaves the file's identity as it was: check again next scan, and then load its
    // content anew even when it is the content that was refused.
    file.identity = {};
    file.sha256.clear();
    return;
  }
  std::string sha256;
  try {
    sha256 = PluginCache::digest(path);
  } catch (const std::exception& e) {
    const std::string reason = std::string("cannot read the file: ") + e.what();
    if (!file.refusal || file.refusal->reason != reason) log_.error("plugin %s refused: %s", path, reason);
    file.refusal = PluginRefusal{path, "unreadable", reason};
    file.identity = {};  // permissions may be fixed without touching the file: read it again next scan
    return;
  }
  if (sha256 == file.sha256) return;  // touched, same content
  file.sha256 = sha256;
  std::string copy;
  try {
    // The copy is hashed as it is written: what is loaded and reported is that hash, whatever the file in the
    // folder holds by now.
    const CachedCopy cached = cache_.store(path);
    copy = cached.path;
    file.sha256 = cached.sha256;
    if (cached.replacedForeignFile)
      log_.warning("plugin cache held a file under %s whose content does not hash to its name: replaced it", copy);
    auto library = PluginLibrary::load(path, cached.path, cached.sha256);
    log_.information("plugin %s loaded: '%s' %s (ABI %s, sha256 %s)", path, library->name(), library->version(),
                     library->abiVersion(), library->sha256());
    if (file.previous) unusedCopies_.insert(file.previous->cachedCopy);
    if (file.library) file.previous = ScannedFile::Version{file.library->cachedCopy(), file.library->sha256()};
    file.library = std::move(library);
    file.refusal.reset();
    file.accepted = false;
  } catch (const PluginRefused& e) {
    if (!copy.empty()) unusedCopies_.insert(copy);
    refuse(path, file, PluginRefusal{path, e.code(), e.what()}, /*logIfUnchanged=*/true);
  } catch (const std::exception& e) {
    if (!copy.empty()) unusedCopies_.insert(copy);
    refuse(path, file,
           PluginRefusal{path, "unreadable", std::string("cannot copy the file into the cache: ") + e.what()},
           /*logIfUnchanged=*/true);
  }
}

void PluginHost::setAsideQuarantined(const std::string& path, ScannedFile& file) {
  if (!file.library) return;
  auto reason = health_->quarantined(file.library->sha256());
  if (!reason || !file.previous || health_->quarantined(file.previous->sha256)) return;
  const std::string what = "version " + file.library->version() + " (sha256 " + file.library->sha256() +
                           ") is quarantined: " + *reason;
  try {
    auto previous = PluginLibrary::load(path, file.previous->cachedCopy, file.previous->sha256);
    log_.error("plugin %s %s; serving the previous version %s again", path, what, previous->version());
    unusedCopies_.insert(file.library->cachedCopy());
    file.library = std::move(previous);
    file.previous.reset();
    file.accepted = false;
    // The file's content is still the quarantined one: reported as refused until it is replaced.
    file.refusal = PluginRefusal{path, "quarantined", what + "; serving the previous version " +
                                                          file.library->version() + " again"};
  } catch (const std::exception& e) {
    log_.error("plugin %s %s; the previous version cannot be loaded again: %s", path, what, std::string(e.what()));
    file.previous.reset();
  }
}

void PluginHost::refuse(const std::string& path, ScannedFile& file, PluginRefusal refusal, bool logIfUnchanged) {
  if (file.library) refusal.reason += "; still serving the previous version (sha256 " + file.library->sha256() + ")";
  if (logIfUnchanged || !file.refusal || file.refusal->code != refusal.code || file.refusal->reason != refusal.reason)
    log_.error("plugin %s refused: %s", path, refusal.reason);
  file.refusal = std::move(refusal);
}

std::vector<std::shared_ptr<const PluginLibrary>> PluginHost::resolveNames(std::vector<PluginRefusal>& refusals) {
  std::vector<ScannedFile*> order;
  for (auto& [path, file] : files_)
    if (file.library && file.accepted) order.push_back(&file);
  for (auto& [path, file] : files_)
    if (file.library && !file.accepted) order.push_back(&file);

  std::map<std::string, std::string> pluginNames, adapterNames;  // name -> file that has it
  std::map<std::string, std::string> clashes;                    // file -> reason, to log each clash once
  std::vector<std::shared_ptr<const PluginLibrary>> accepted;
  for (ScannedFile* file : order) {
    const PluginLibrary& library = *file->library;
    const std::string& path = library.sourceFile();
    std::optional<PluginRefusal> clash;
    if (auto it = pluginNames.find(library.name()); it != pluginNames.end())
      clash = PluginRefusal{path, "duplicate_plugin",
                            "plugin name '" + library.name() + "' is already taken by " + it->second};
    for (const gw_adapter* adapter : library.adapters()) {
      if (clash) break;
      if (auto it = adapterNames.find(adapter->name); it != adapterNames.end())
        clash = PluginRefusal{path, "duplicate_adapter",
                              "adapter name '" + std::string(adapter->name) + "' is already taken by " + it->second};
    }
    if (clash) {
      if (clashesReported_[path] != clash->reason) log_.error("plugin %s refused: %s", path, clash->reason);
      clashes[path] = clash->reason;
      file->accepted = false;
      refusals.push_back(*clash);
      continue;
    }
    file->accepted = true;
    pluginNames[library.name()] = path;
    for (const gw_adapter* adapter : library.adapters()) adapterNames[adapter->name] = path;
    accepted.push_back(file->library);
  }
  clashesReported_ = std::move(clashes);
  return accepted;
}

void PluginHost::routePartner(const GatewayConfig& config, const PartnerConfig& partner, const std::string& path,
                              const std::vector<std::shared_ptr<const PluginLibrary>>& plugins,
                              RoutingSnapshot::Contents& out) {
  std::shared_ptr<const PluginLibrary> library;
  const gw_adapter* adapter = nullptr;
  for (const auto& candidate : plugins) {
    if ((adapter = candidate->adapter(partner.adapter)) != nullptr) {
      library = candidate;
      break;
    }
  }
  if (!adapter) {
    out.unrouted[partner.id] = "adapter '" + partner.adapter + "' is not loaded";
    return;
  }
  if (auto reason = health_->quarantined(library->sha256())) {
    out.unrouted[partner.id] = "plugin '" + library->name() + "' " + library->version() + " is quarantined: " +
                               *reason + "; no earlier version to serve instead";
    return;
  }
  const gw_adapter_kind kind = adapterKindOf(partner.kind);
  if (adapter->kind != GW_KIND_OTHER && adapter->kind != static_cast<uint32_t>(kind)) {
    out.unrouted[partner.id] = "adapter '" + partner.adapter + "' is for " + adapterKindName(adapter->kind) +
                               " partners, '" + partner.id + "' is a " + adapterKindName(kind);
    return;
  }
  std::vector<ConfigIssue> issues;
  auto options = partnerOptionsJson(*adapter, partner, path, config.file, issues);
  if (!options) {
    out.unrouted[partner.id] = ConfigError(std::move(issues)).what();
    return;
  }
  auto previous = instances_.find(partner.id);
  if (previous != instances_.end() && &previous->second->library() == library.get() &&
      previous->second->adapterName() == partner.adapter && previous->second->optionsJson() == *options &&
      previous->second->partnerKind() == kind && sameXmlLimits(previous->second->xmlLimits(), config.server.xmlLimits)) {
    keepOrReload(partner, previous->second, out);
    return;
  }
  try {
    std::optional<WorkerIsolation> isolation;
    if (const IsolationConfig& settings = config_.isolationOf(library->name()); settings.process)
      isolation = WorkerIsolation{workerProgram_, settings, health_};
    out.routes[partner.id] =
        AdapterInstance::create(library, *adapter, partner.id, kind, *options, config.server.xmlLimits, isolation);
  } catch (const std::exception& e) {
    out.unrouted[partner.id] = "adapter '" + partner.adapter + "' refused partner '" + partner.id + "': " + e.what();
  }
}

void PluginHost::keepOrReload(const PartnerConfig& partner, const std::shared_ptr<const AdapterInstance>& running,
                              RoutingSnapshot::Contents& out) {
  out.routes[partner.id] = running;
  const std::vector<OptionFile> files = optionFilesOf(running->optionsJson());
  if (files == running->optionFiles()) {
    refusedReloads_.erase(partner.id);
    return;
  }
  // A file the options name was edited: the adapter checks the new version by creating an instance from it.
  // A broken edit keeps the running instance, so the partner stays served, and is not tried again until the
  // files change once more.
  if (auto refused = refusedReloads_.find(partner.id); refused != refusedReloads_.end() && refused->second.files == files) {
    out.reloadsRefused[partner.id] = refused->second.reason;
    return;
  }
  try {
    out.routes[partner.id] = running->recreate();
    refusedReloads_.erase(partner.id);
    log_.information("partner '%s': an edited option file was loaded (adapter '%s')", partner.id,
                     running->adapterName());
  } catch (const std::exception& e) {
    const std::string reason = std::string("the edited option files were refused; still serving the previous "
                                           "version: ") + e.what();
    log_.error("partner '%s': %s", partner.id, reason);
    refusedReloads_[partner.id] = {files, reason};
    out.reloadsRefused[partner.id] = reason;
  }
}

void PluginHost::route(const GatewayConfig& config, const std::vector<std::shared_ptr<const PluginLibrary>>& plugins,
                       RoutingSnapshot::Contents& out) {
  auto routeGroup = [&](const std::vector<PartnerConfig>& partners, const std::string& section) {
    for (std::size_t i = 0; i < partners.size(); ++i) {
      try {
        routePartner(config, partners[i], section + "[" + std::to_string(i) + "]", plugins, out);
      } catch (const std::exception& e) {  // one partner's surprise must not unroute the others
        out.unrouted[partners[i].id] = std::string("cannot route: ") + e.what();
      }
    }
  };
  routeGroup(config.hospitals, "hospitals");
  routeGroup(config.insurers, "insurers");
}

void PluginHost::reportChanges(const RoutingSnapshot::Contents& next) {
  auto current = snapshot();
  for (const auto& [partner, instance] : next.routes) {
    auto before = current->partner(partner);
    if (before != instance)
      log_.information("partner '%s' routed to adapter '%s' %s (plugin '%s', %s)", partner, instance->adapterName(),
                       instance->adapterVersion(), instance->pluginName(), instance->library().sha256());
  }
  for (const auto& [partner, reason] : next.unrouted) {
    auto before = current->unrouted().find(partner);
    if (before == current->unrouted().end() || before->second != reason)
      log_.warning("partner '%s' is not routed: %s", partner, reason);
  }
}

void PluginHost::rescan() {
  std::lock_guard<std::mutex> lock(scanning_);
  const std::vector<std::string> present = listFolder();
  for (auto it = files_.begin(); it != files_.end();) {
    if (std::binary_search(present.begin(), present.end(), it->first)) {
      ++it;
    } else {
      log_.information("plugin %s removed from the folder: its adapters are unrouted", it->first);
      if (it->second.library) unusedCopies_.insert(it->second.library->cachedCopy());
      if (it->second.previous) unusedCopies_.insert(it->second.previous->cachedCopy);
      it = files_.erase(it);
    }
  }
  for (const auto& path : present) {
    examine(path, files_[path]);
    setAsideQuarantined(path, files_[path]);
  }

  RoutingSnapshot::Contents next;
  for (const auto& [path, file] : files_)
    if (file.refusal) next.refusals.push_back(*file.refusal);
  next.plugins = resolveNames(next.refusals);
  if (gatewayConfig_) route(*gatewayConfig_, next.plugins, next);
  next.scans = ++scans_;
  reportChanges(next);
  instances_ = next.routes;
  std::atomic_store(&snapshot_, std::make_shared<const RoutingSnapshot>(std::move(next)));

  std::set<std::string> inUse;
  for (const auto& [path, file] : files_) {
    if (file.library) inUse.insert(file.library->cachedCopy());
    if (file.previous) inUse.insert(file.previous->cachedCopy);
  }
  for (const auto& copy : inUse) unusedCopies_.erase(copy);
  cache_.prune(unusedCopies_);
}

}  // namespace gw
