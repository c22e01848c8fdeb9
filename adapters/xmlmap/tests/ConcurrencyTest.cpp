// ConcurrencyTest.cpp: the ABI lets the host call decode from many threads on one instance; each
// call must give the same Bundle as a call made alone (the instance is read-only after create).
#include "XmlMapTestSupport.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace gw::xmlmap::test;

TEST(Concurrency, ParallelDecodesOnOneInstanceGiveTheSameBundles) {
  auto adapter = makeAdapter(mappingPath("visitrecord.yaml"));
  const std::vector<std::string> messages = {sampleMessage("visitrecord-inpatient-family-plan.xml"),
                                             sampleMessage("visitrecord-outpatient-self.xml"),
                                             sampleMessage("visitrecord-emergency-selfpay.xml")};
  std::vector<std::string> expected;
  for (const auto& m : messages) expected.push_back(adapter.decode(m, "application/xml").bytes);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        std::size_t k = static_cast<std::size_t>(t + i) % messages.size();
        if (adapter.decode(messages[k], "application/xml").bytes != expected[k]) ++mismatches;
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}
