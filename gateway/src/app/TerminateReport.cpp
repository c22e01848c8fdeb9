#include "app/TerminateReport.hpp"

#include <Poco/Exception.h>

#include <execinfo.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <typeinfo>

#include <cxxabi.h>

namespace gw {

namespace {

void reportAndAbort() {
  const char* type = "unknown";
  std::string what;
  if (std::exception_ptr current = std::current_exception()) {
    if (const std::type_info* info = abi::__cxa_current_exception_type()) type = info->name();
    try {
      std::rethrow_exception(current);
    } catch (const Poco::Exception& e) {
      what = e.displayText();
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
  }
  std::fprintf(stderr, "gatewayd: an exception escaped a thread (%s): %s\nstack of that thread:\n", type, what.c_str());
  void* frames[64];
  const int depth = ::backtrace(frames, 64);
  ::backtrace_symbols_fd(frames, depth, STDERR_FILENO);
  std::abort();
}

}  // namespace

void installTerminateReport() { std::set_terminate(reportAndAbort); }

}  // namespace gw
