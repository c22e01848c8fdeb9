#include "plugin/WorkerProcess.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Poco/File.h>
#include <Poco/Path.h>

#include <cerrno>
#include <cstring>

#include "plugin/WorkerProtocol.hpp"

namespace gw::worker {

namespace {

constexpr int kChannel = 3;  // the worker's end of the channel, as gateway-worker expects it

std::string signalLabel(int signal) {
  const char* abbreviation = ::sigabbrev_np(signal);
  return abbreviation ? std::string("SIG") + abbreviation : "signal " + std::to_string(signal);
}

std::string signalMeaning(int signal) {
  switch (signal) {
    case SIGSYS: return " (a system call the sandbox forbids: network, files, processes)";
    case SIGKILL: return " (killed from outside, e.g. by the kernel when memory ran out)";
    case SIGSEGV: return " (an invalid memory access)";
    case SIGABRT: return " (it aborted)";
    default: return "";
  }
}

// An fd away from 0..3, close-on-exec, so that the spawn's file actions cannot clobber it or leak it.
int highDuplicate(int fd) {
  const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 10);
  ::close(fd);
  if (high < 0) throw std::runtime_error(std::string("cannot duplicate the channel: ") + std::strerror(errno));
  return high;
}

// Owns the spawn attributes for the length of one posix_spawn.
class SpawnActions {
 public:
  explicit SpawnActions(int childFd) {
    posix_spawn_file_actions_init(&actions_);
    posix_spawn_file_actions_addopen(&actions_, 0, "/dev/null", O_RDONLY, 0);
    // What a plugin prints goes nowhere: the channel is fd 3, and a log of partner data is a leak.
    posix_spawn_file_actions_addopen(&actions_, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions_, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions_, childFd, kChannel);
    posix_spawn_file_actions_addclosefrom_np(&actions_, kChannel + 1);
  }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

}  // namespace

std::string workerProgram(const std::string& configured) {
  if (!configured.empty()) return configured;
  char self[4096];
  const ssize_t size = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (size > 0) {
    Poco::Path beside(std::string(self, static_cast<std::size_t>(size)));
    beside.setFileName("gateway-worker");
    if (Poco::File(beside).exists()) return beside.toString();
  }
  return GW_WORKER_BUILD_PATH;
}

std::unique_ptr<WorkerProcess> WorkerProcess::start(const WorkerLaunch& launch) {
  int ends[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
    throw WorkerFault("start", std::string("cannot create the worker channel: ") + std::strerror(errno));
  const int hostFd = highDuplicate(ends[0]);
  const int childFd = highDuplicate(ends[1]);

  // The worker gets no environment of the gateway (it may hold database passwords), only what a sanitizer
  // build needs: it bounds resident memory, since an address-space limit cannot be used there.
  std::vector<std::string> environment;
#ifdef __SANITIZE_ADDRESS__
  environment.push_back("ASAN_OPTIONS=handle_segv=0:handle_sigbus=0:handle_abort=0:symbolize=0:detect_leaks=0:"
                        "allocator_may_return_null=1:hard_rss_limit_mb=" + std::to_string(launch.create.memoryMb));
#endif
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::string program = launch.program;
  char* argv[] = {program.data(), nullptr};

  pid_t pid = 0;
  int rc;
  {
    SpawnActions actions(childFd);
    rc = ::posix_spawn(&pid, program.c_str(), actions.get(), nullptr, argv, envp.data());
  }
  ::close(childFd);
  if (rc != 0) {
    ::close(hostFd);
    throw WorkerFault("start", "cannot start " + program + ": " + std::strerror(rc));
  }
  ::fcntl(hostFd, F_SETFL, ::fcntl(hostFd, F_GETFL) | O_NONBLOCK);
  std::unique_ptr<WorkerProcess> worker(new WorkerProcess(pid, hostFd));

  const auto deadline = Clock::now() + std::chrono::milliseconds(launch.startTimeoutMs);
  AdapterCallResult created;
  try {
    const std::vector<std::string> fields = createFields(launch.create);
    sendFrame(hostFd, std::vector<std::string_view>(fields.begin(), fields.end()), deadline);
    created = resultOf(receiveFrame(hostFd, deadline));
  } catch (const ChannelError& e) {
    worker->fail(e, e.kind() == ChannelError::Kind::deadline, launch.startTimeoutMs);
  }
  if (!created.ok()) throw AdapterCreateError(created.status, created.error);
  return worker;
}

WorkerProcess::~WorkerProcess() {
  ::close(fd_);
  reap(true, nullptr);
}

void WorkerProcess::reap(bool kill, int* status) {
  if (reaped_) return;
  if (kill) ::kill(pid_, SIGKILL);
  int ignored = 0;
  while (::waitpid(pid_, status ? status : &ignored, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
}

void WorkerProcess::fail(const std::exception& cause, bool deadlinePassed, int timeoutMs) {
  if (deadlinePassed) {
    reap(true, nullptr);
    throw WorkerFault("deadline", "the call passed its deadline of " + std::to_string(timeoutMs) +
                                      " ms; the worker was killed");
  }
  // The channel closed or carried garbage. SIGKILL either way: a worker that closed its end may still run, and
  // a dead one keeps the status it died with.
  int status = 0;
  const auto* channel = dynamic_cast<const ChannelError*>(&cause);
  const bool closed = channel && channel->kind() == ChannelError::Kind::closed;
  reap(true, &status);
  if (closed && WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    throw WorkerFault(signalLabel(signal), "the worker was killed by " + signalLabel(signal) + signalMeaning(signal));
  }
  if (closed && WIFEXITED(status))
    throw WorkerFault("exit", "the worker exited with status " + std::to_string(WEXITSTATUS(status)));
  throw WorkerFault("malformed", std::string("the worker broke the channel (") + cause.what() + "); it was killed");
}

AdapterCallResult WorkerProcess::call(const std::vector<std::string_view>& request, int timeoutMs) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
  try {
    sendFrame(fd_, request, deadline);
    return resultOf(receiveFrame(fd_, deadline));
  } catch (const ChannelError& e) {
    fail(e, e.kind() == ChannelError::Kind::deadline, timeoutMs);
  }
}

}  // namespace gw::worker
