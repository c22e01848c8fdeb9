// Why a call into a worker process did not complete: the worker died (a signal, an exit), passed its
// deadline, or answered something that is not an answer. The worker is gone when this is thrown.
#pragma once

#include <stdexcept>
#include <string>

namespace gw::worker {

class WorkerFault : public std::runtime_error {
 public:
  // `label` names the kind for metrics and tests: "SIGSEGV", "SIGSYS", "exit", "deadline", "malformed".
  WorkerFault(std::string label, const std::string& reason) : std::runtime_error(reason), label_(std::move(label)) {}
  const std::string& label() const { return label_; }

 private:
  std::string label_;
};

}  // namespace gw::worker
