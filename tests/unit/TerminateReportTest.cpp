// If an exception ever escapes a thread, gatewayd names it and the thread's stack before it aborts.
#include <gtest/gtest.h>

#include <Poco/Exception.h>

#include <thread>

#include "app/TerminateReport.hpp"

namespace {

TEST(TerminateReportDeathTest, AnExceptionEscapingAThreadIsNamedWithItsStack) {
  EXPECT_DEATH(
      {
        gw::installTerminateReport();
        std::thread([] { throw Poco::SystemException("cannot wait for event"); }).join();
      },
      "an exception escaped a thread \\(.*SystemException.*\\): System exception: cannot wait for event\n"
      "stack of that thread:");
}

}  // namespace
