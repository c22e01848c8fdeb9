#include "pickup/FolderPickup.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Logger.h>
#include <fnmatch.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "http/Metrics.hpp"
#include "intake/BatchIntake.hpp"

namespace gw::pickup {

namespace fs = std::filesystem;

namespace {

Poco::Logger& logger() { return Poco::Logger::get("gateway.pickup"); }

// Files that are still being written by convention (hidden, .part, .tmp, .filepart) and our own answers.
bool mayTake(const std::string& name, const std::string& pattern) {
  if (name.empty() || name[0] == '.') return false;
  for (const char* suffix : {".part", ".tmp", ".filepart", ".ack"})
    if (name.size() > std::strlen(suffix) && name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
      return false;
  return ::fnmatch(pattern.c_str(), name.c_str(), FNM_PERIOD) == 0;
}

std::string readWhole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw fs::filesystem_error("cannot read", file, std::make_error_code(std::errc::io_error));
  return text.str();
}

// Written beside, then renamed: a reader of the folder never sees half an acknowledgement.
void writeAtomically(const fs::path& target, const std::string& text) {
  const fs::path temporary = target.string() + ".part";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw fs::filesystem_error("cannot write", temporary, std::make_error_code(std::errc::io_error));
  }
  fs::rename(temporary, target);
}

// `folder/name`, or `folder/name.<UTC time>` when a file of that name was moved there before.
fs::path freeName(const fs::path& folder, const std::string& name) {
  fs::path target = folder / name;
  if (!fs::exists(target)) return target;
  return folder / (name + "." + Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y%m%dT%H%M%S%i"));
}

bool isXml(const std::string& contentType) { return contentType.find("xml") != std::string::npos; }

}  // namespace

FolderPickup::FolderPickup(std::string hospital, PickupConfig config, IntakeServices services)
    : hospital_(std::move(hospital)), config_(std::move(config)), services_(services) {
  fs::create_directories(fs::path(config_.folder) / "done");
  fs::create_directories(fs::path(config_.folder) / "failed");
  thread_ = std::thread([this] { run(); });
  logger().information("%s: picking up %s from %s", hospital_, config_.pattern, config_.folder);
}

FolderPickup::~FolderPickup() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void FolderPickup::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      scan();
    } catch (const std::exception& e) {
      // The folder is gone or unreadable: said once per scan, and tried again at the next one.
      logger().error("%s: cannot scan %s: %s", hospital_, config_.folder, std::string(e.what()));
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::milliseconds(config_.intervalMs), [this] { return stopping_; });
  }
}

void FolderPickup::scan() {
  const auto now = std::chrono::steady_clock::now();
  std::map<fs::path, Seen> present;
  for (const auto& entry : fs::directory_iterator(config_.folder)) {
    if (!entry.is_regular_file() || !mayTake(entry.path().filename().string(), config_.pattern)) continue;
    Seen current{entry.file_size(), entry.last_write_time(), now};
    auto earlier = seen_.find(entry.path());
    if (earlier != seen_.end() && earlier->second.size == current.size && earlier->second.written == current.written)
      current.since = earlier->second.since;
    present[entry.path()] = current;
  }
  seen_ = std::move(present);
  for (auto it = seen_.begin(); it != seen_.end();) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_) return;
    }
    if (now - it->second.since >= std::chrono::seconds(config_.stableSeconds)) {
      take(it->first);
      it = seen_.erase(it);
    } else {
      ++it;
    }
  }
}

void FolderPickup::take(const fs::path& file) {
  const std::string name = file.filename().string();
  std::string text;
  try {
    if (const auto size = fs::file_size(file); size > config_.maxFileBytes) {
      const std::string why = "refused unread: the file is " + std::to_string(size) + " bytes, over max_file_bytes (" +
                              std::to_string(config_.maxFileBytes) + ")";
      const fs::path target = freeName(fs::path(config_.folder) / "failed", name);
      writeAtomically(target.string() + ".ack", why + "\n");
      fs::rename(file, target);
      ++failed_;
      logger().warning("%s: %s %s, moved to failed/", hospital_, name, why);
      return;
    }
    text = readWhole(file);
  } catch (const std::exception& e) {
    logger().warning("%s: cannot take %s yet: %s", hospital_, name, std::string(e.what()));
    return;
  }
  auto config = services_.context.config.get();
  auto routes = services_.plugins.snapshot();
  const IntakeRequest request{hospital_, config_.contentType, text, "file:" + name};
  std::string ack, summary;
  bool allAccepted = false;
  if (isXml(config_.contentType)) {
    // One XML document is one message.
    IntakeResponse answer = services_.intake.receive(request, *config, *routes);
    ack = answer.body;
    allAccepted = answer.outcome == "AA";
    summary = "1 message: " + answer.outcome;
  } else {
    // ER7: every message from MSH to the next, within batch headers or not.
    BatchOutcome batch = receiveHl7Batch(services_.intake, request, *config, *routes);
    ack = batch.ackBatch;
    allAccepted = batch.errors == 0 && batch.rejected == 0 && !batch.acks.empty();
    summary = batch.summary();
  }
  const fs::path folder = fs::path(config_.folder) / (allAccepted ? "done" : "failed");
  try {
    const fs::path target = freeName(folder, name);
    writeAtomically(target.string() + ".ack", ack);
    fs::rename(file, target);
  } catch (const std::exception& e) {
    // Left where it is: taken again at the next scan, and answered from the intake's idempotency.
    logger().error("%s: %s processed (%s) but not moved: %s", hospital_, name, summary, std::string(e.what()));
    return;
  }
  ++(allAccepted ? done_ : failed_);
  logger().information("%s: picked up %s: %s, moved to %s/", hospital_, name, summary,
                       std::string(allAccepted ? "done" : "failed"));
}

std::string FolderPickup::metricSamples() const {
  const std::string h = "gateway_pickup_files_total{hospital=\"" + Metrics::escapeLabel(hospital_) + "\"";
  return h + ",result=\"done\"} " + std::to_string(done_.load()) + "\n" + h + ",result=\"failed\"} " +
         std::to_string(failed_.load()) + "\n";
}

}  // namespace gw::pickup
