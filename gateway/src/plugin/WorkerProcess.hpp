// One worker process as gatewayd sees it: started with posix_spawn (no fork of the threaded gateway), given
// its partner's instance to create, then called one request at a time. A call that fails for the worker's
// sake (it died, hung past the deadline, answered garbage) kills and reaps it and throws WorkerFault.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/AdapterInstance.hpp"
#include "plugin/WorkerFault.hpp"
#include "plugin/WorkerProtocol.hpp"

namespace gw::worker {

// What starting a worker for one partner instance takes.
struct WorkerLaunch {
  std::string program;     // the gateway-worker executable
  CreateRequest create;    // the first frame
  int startTimeoutMs = 10000;  // to load the plugin and create the instance
};

// plugins.worker_program if set, else gateway-worker next to the running program, else the one this build made.
std::string workerProgram(const std::string& configured);

class WorkerProcess {
 public:
  // Throws AdapterCreateError when the adapter refused the partner, WorkerFault when the worker failed.
  static std::unique_ptr<WorkerProcess> start(const WorkerLaunch& launch);
  ~WorkerProcess();  // kills and reaps the worker: it holds nothing that needs an orderly end
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  AdapterCallResult call(const std::vector<std::string_view>& request, int timeoutMs);
  pid_t pid() const { return pid_; }

 private:
  WorkerProcess(pid_t pid, int fd) : pid_(pid), fd_(fd) {}
  // Ends the worker (SIGKILL unless it already ended) and describes how it ended, for a fault.
  [[noreturn]] void fail(const std::exception& cause, bool deadlinePassed, int timeoutMs);
  void reap(bool kill, int* status);

  pid_t pid_;
  int fd_;
  bool reaped_ = false;
};

}  // namespace gw::worker
