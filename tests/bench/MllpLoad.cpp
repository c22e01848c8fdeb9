// The MLLP load generator for scripts/bench.sh: CONNECTIONS connections each send a message, wait for its ACK
// and send the next, for SECONDS (as wrk does over HTTP with tests/bench/wrk/ingest.lua); RATE > 0 paces the
// total to RATE messages/s on a wall-clock schedule. Each message is one of FILE... in turn (HL7 v2 XML) with a
// unique MSH.10. A message counts as failed unless its ACK says AA.
// Usage: gw_mllp_load PORT CONNECTIONS SECONDS RATE NONCE FILE...
// Prints: RESULT requests=N failed=N seconds=S p50_ms=X p99_ms=X
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A sample split around the content of its first MSH.10 (with or without a namespace prefix), so that each
// message costs the load generator two appends, not a parse.
struct Sample {
  std::string before, after;
};

Sample split(const std::string& text) {
  static const std::regex open("<([A-Za-z0-9_]*:?)MSH\\.10>");
  std::smatch m;
  const std::string head = text.substr(0, std::min<std::size_t>(text.size(), 4096));
  if (!std::regex_search(head, m, open)) throw std::runtime_error("a sample without MSH.10");
  const std::size_t start = static_cast<std::size_t>(m.position(0) + m.length(0));
  const std::size_t end = text.find("</" + m[1].str() + "MSH.10>", start);
  if (end == std::string::npos) throw std::runtime_error("a sample whose MSH.10 does not end");
  return {text.substr(0, start), text.substr(end)};
}

bool accepted(const std::string& ack) {
  return ack.find("<MSA.1>AA</MSA.1>") != std::string::npos || ack.find("MSA|AA|") != std::string::npos;
}

struct Totals {
  std::mutex mutex;
  std::vector<double> latenciesMs;
  std::atomic<long> requests{0}, failed{0};
};

void sendLoop(int port, int index, int connections, double seconds, double rate, const std::string& nonce,
              const std::vector<Sample>& samples, Totals& totals) {
  std::vector<double> latencies;
  try {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    socket.setNoDelay(true);
    socket.setReceiveTimeout(Poco::Timespan(30, 0));
    const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    const auto interval = rate > 0 ? std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(connections / rate))
                                   : Clock::duration::zero();
    auto next = Clock::now() + interval * index / std::max(connections, 1);
    std::string pending;
    char buffer[65536];
    for (long n = 0; Clock::now() < end; ++n) {
      if (rate > 0) {
        if (next < Clock::now() - std::chrono::seconds(1)) next = Clock::now();  // drop slots, never burst
        std::this_thread::sleep_until(next);
        next += interval;
      }
      const std::string id = "M" + nonce + "-" + std::to_string(index) + "-" + std::to_string(n);
      const Sample& sample = samples[static_cast<std::size_t>(n) % samples.size()];
      const std::string frame = "\x0b" + sample.before + id + sample.after + "\x1c\x0d";
      const auto started = Clock::now();
      socket.sendBytes(frame.data(), static_cast<int>(frame.size()));
      std::size_t stop;
      while ((stop = pending.find("\x1c\x0d")) == std::string::npos) {
        const int got = socket.receiveBytes(buffer, sizeof buffer);
        if (got <= 0) throw std::runtime_error("the gateway closed the connection");
        pending.append(buffer, static_cast<std::size_t>(got));
      }
      const std::string ack = pending.substr(0, stop);
      pending.erase(0, stop + 2);
      latencies.push_back(std::chrono::duration<double, std::milli>(Clock::now() - started).count());
      ++totals.requests;
      if (!accepted(ack)) ++totals.failed;
    }
  } catch (const std::exception& e) {
    std::cerr << "connection " << index << ": " << e.what() << "\n";
    ++totals.failed;
  }
  std::lock_guard<std::mutex> lock(totals.mutex);
  totals.latenciesMs.insert(totals.latenciesMs.end(), latencies.begin(), latencies.end());
}

double percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 7) {
    std::cerr << "usage: gw_mllp_load PORT CONNECTIONS SECONDS RATE NONCE FILE...\n";
    return 2;
  }
  const int port = std::atoi(argv[1]), connections = std::atoi(argv[2]);
  const double seconds = std::atof(argv[3]), rate = std::atof(argv[4]);
  const std::string nonce = argv[5];
  std::vector<Sample> samples;
  for (int i = 6; i < argc; ++i) samples.push_back(split(readFile(argv[i])));
  Totals totals;
  const auto started = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c)
    threads.emplace_back(sendLoop, port, c, connections, seconds, rate, nonce, std::cref(samples), std::ref(totals));
  for (auto& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf("RESULT requests=%ld failed=%ld seconds=%.3f p50_ms=%.3f p99_ms=%.3f\n", totals.requests.load(),
              totals.failed.load(), elapsed, percentile(totals.latenciesMs, 50), percentile(totals.latenciesMs, 99));
  return 0;
}
