// Runs one operation over and over for a fixed wall-clock time, for rates in calls per second.
#pragma once

#include <chrono>
#include <cstdint>

namespace gwbench {

struct LoopRate {
  std::uint64_t calls = 0;
  double seconds = 0;
  double perSecond() const { return seconds > 0 ? static_cast<double>(calls) / seconds : 0; }
};

// Calls `operation(i)` with i = 0, 1, 2, ... until `seconds` have passed (at least once).
template <class Operation>
LoopRate runFor(double seconds, Operation&& operation) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  LoopRate rate;
  Clock::time_point now;
  do {
    operation(rate.calls);
    ++rate.calls;
    now = Clock::now();
  } while (now < end);
  rate.seconds = std::chrono::duration<double>(now - start).count();
  return rate;
}

}  // namespace gwbench
