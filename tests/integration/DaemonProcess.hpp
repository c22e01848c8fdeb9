// gatewayd and other programs as real processes for the integration tests: a free loopback port, a
// command's output and exit code, a running gatewayd with its stderr in a file.
#pragma once

#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Thread.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>
#include <sys/wait.h>
#include <unistd.h>

#include "TestSupport.hpp"

namespace gwtest {

inline std::uint16_t freePort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  return socket.address().port();
}

struct CommandResult {
  int exitCode;
  std::string out;
  std::string err;
};

inline CommandResult runCommand(const std::string& program, const std::vector<std::string>& args) {
  Poco::Pipe out, err;
  Poco::ProcessHandle handle = Poco::Process::launch(program, args, nullptr, &out, &err);
  Poco::PipeInputStream outStream(out), errStream(err);
  CommandResult result;
  Poco::StreamCopier::copyToString(outStream, result.out);
  Poco::StreamCopier::copyToString(errStream, result.err);
  result.exitCode = handle.wait();
  return result;
}

// A running gatewayd with its stderr captured to a file.
class Daemon {
 public:
  Daemon(const std::string& configPath, const std::string& logPath) {
    pid_ = ::fork();
    if (pid_ == 0) {
      FILE* log = std::freopen(logPath.c_str(), "w", stderr);
      (void)log;
      ::execl(GW_GATEWAYD, GW_GATEWAYD, "--config", configPath.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Daemon() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  bool waitHealthy(std::uint16_t port) {
    for (int i = 0; i < 300; ++i) {
      try {
        if (httpCall(port, "GET", "/healthz").status == 200) return true;
      } catch (const std::exception&) {
      }
      Poco::Thread::sleep(20);
    }
    return false;
  }
  void signal(int number) { ::kill(pid_, number); }
  // The exit status, or -1 when it did not exit within `seconds`.
  int waitExit(double seconds) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      Poco::Thread::sleep(10);
    }
    return -1;
  }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
};

}  // namespace gwtest
