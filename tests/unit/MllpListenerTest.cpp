// MLLP listeners (issue 18) over real loopback TCP with the real hl7v2 plugin loaded from disk: clients we did not
// write (python3-hl7's mllp_send, Medplum's Hl7Client) and raw sockets for what a well-behaved client never does
// (a frame in pieces, two in one write, a partial frame, an oversize one, a stuck one, noise between frames).
// Every ACK comes after the commit; nothing that was not answered AA is stored as accepted.
#include <gtest/gtest.h>

#include <Poco/File.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>

#include <gw/testing/NodeTool.hpp>

#include <atomic>
#include <chrono>
#include <regex>
#include <thread>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"

namespace {

using namespace std::chrono_literals;

const std::string kData = std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/";

// A small ADT^A04 of our own, unique by its control id and MRN (for volume, not for realism).
std::string admission(const std::string& control) {
  return "MSH|^~\\&|HIS|SH-MLLP|GW|GROUP|20261203101500||ADT^A04^ADT_A01|" + control +
         "|P|2.5\rEVN|A04|20261203101500\rPID|1||MRN-" + control +
         "^^^SH-MLLP^MR||Li^Wei||19800101|M\rPV1|1|O|CLINIC^101\r";
}

std::string framed(const std::string& message) { return "\x0b" + message + "\x1c\x0d"; }

// MSA-1 and MSA-2 of an ER7 acknowledgement ("AA CTRL-1"); empty when there is no MSA.
std::string msa(const std::string& ack) {
  static const std::regex segment("(^|\r)MSA\\|([^|\r]*)\\|([^|\r]*)");
  std::smatch m;
  return std::regex_search(ack, m, segment) ? m[2].str() + " " + m[3].str() : std::string();
}

// A raw MLLP client.
class RawClient {
 public:
  explicit RawClient(std::uint16_t port) : socket_(Poco::Net::SocketAddress("127.0.0.1", port)) {
    socket_.setNoDelay(true);
    socket_.setReceiveTimeout(Poco::Timespan(20, 0));
  }
  // False when the gateway had already closed the connection (a refused client may see a reset).
  bool send(const std::string& bytes) {
    try {
      return socket_.sendBytes(bytes.data(), static_cast<int>(bytes.size())) == static_cast<int>(bytes.size());
    } catch (const Poco::Net::ConnectionResetException&) {
      return false;
    }
  }
  // The next frame's content; throws when the connection closes or nothing comes in time.
  std::string frame() {
    for (;;) {
      const auto start = pending_.find('\x0b');
      const auto end = pending_.find("\x1c\x0d");
      if (start != std::string::npos && end != std::string::npos && end > start) {
        std::string content = pending_.substr(start + 1, end - start - 1);
        pending_.erase(0, end + 2);
        return content;
      }
      char buffer[65536];
      const int n = socket_.receiveBytes(buffer, sizeof buffer);
      if (n <= 0) throw Poco::Net::ConnectionResetException("closed");
      pending_.append(buffer, static_cast<std::size_t>(n));
    }
  }
  // True when the gateway closed the connection (within the receive timeout), with nothing more sent.
  bool closedByPeer() {
    char buffer[256];
    try {
      return socket_.receiveBytes(buffer, sizeof buffer) == 0;
    } catch (const Poco::Net::ConnectionResetException&) {
      return true;
    }
  }
  void close() { socket_.close(); }

 private:
  Poco::Net::StreamSocket socket_;
  std::string pending_;
};

class Mllp : public ::testing::Test {
 protected:
  // A gateway whose hospital sh-mllp has an MLLP listener with `options` (YAML flow mapping entries).
  void start(const std::string& options = "", const std::string& adapter = "hl7v2") {
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/hl7v2.so").copyTo(dir_.file("plugins/hl7v2.so"));
    writeConfig("\n    mllp: {listen: \"127.0.0.1:0\"" + options + "}", adapter);
    gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
    gateway_->start();
    port_ = gateway_->mllpPort("sh-mllp");
    ASSERT_NE(port_, 0);
  }
  // The configuration file, with `mllp` (YAML) ending the hospital's entry.
  void writeConfig(const std::string& mllp, const std::string& adapter = "hl7v2") {
    gwtest::writeFile(dir_.file("gateway.yaml"),
                      "server:\n  listen: 127.0.0.1:0\n  threads: 4\n  admin_key_sha256: " +
                          gwtest::sha256(gwtest::kAdminKey) + "\nstore:\n  sqlite:\n    path: " + dir_.file("gw.db") +
                          "\nplugins:\n  folder: " + dir_.file("plugins") + "\n  cache_folder: " +
                          dir_.file("cache") + "\nhospitals:\n  - id: sh-mllp\n    key_sha256: " +
                          gwtest::sha256("sh-key") + "\n    adapter: " + adapter + mllp + "\n");
  }
  void TearDown() override { gateway_.reset(); }

  // Every listener test has the one hospital.
  int stored(const std::string& status = "accepted") { return gwtest::storedMessages(gateway_->context().db, status); }
  long metric(const std::string& series) {
    const std::string text = gwtest::httpCall(gateway_->port(), "GET", "/metrics").body;
    const auto at = text.find(series + " ");
    return at == std::string::npos ? -1 : std::stol(text.substr(at + series.size() + 1));
  }
  // Waits until the metric reaches `value` (the connection's thread counts it after the client saw the close).
  long awaitMetric(const std::string& series, long value) {
    long seen = metric(series);
    for (int i = 0; i < 100 && seen != value; ++i) {
      std::this_thread::sleep_for(50ms);
      seen = metric(series);
    }
    return seen;
  }

  gwtest::TempDir dir_;
  std::unique_ptr<gw::Gateway> gateway_;
  std::uint16_t port_ = 0;
};

TEST_F(Mllp, PythonHl7MllpSendGetsTheAdaptersAcknowledgementAndTheMessageIsStored) {
  start();
  // python3-hl7's command line client, on a message another project wrote (CRLF line ends: --loose).
  const std::string out = gwtest::commandOutput("/usr/bin/python3 /usr/bin/mllp_send --loose -p " +
                                                std::to_string(port_) + " -f " + kData +
                                                "ohiecr_adt_a01_v231_crlf.hl7 127.0.0.1");
  EXPECT_NE(out.find("MSA|AA|"), std::string::npos) << out;
  EXPECT_EQ(stored(), 1);
  EXPECT_EQ(metric(R"(gateway_mllp_frames_total{hospital="sh-mllp"})"), 1);
  EXPECT_EQ(metric(R"(gateway_intake_messages_total{hospital="sh-mllp",outcome="AA"})"), 1);
}

TEST_F(Mllp, MedplumsNodeClientSendsSeveralMessagesOnOneConnection) {
  start();
  const auto result = gw::testkit::runNodeTool(
      std::string(GW_SOURCE_DIR) + "/tools/mllp-client/send.js", "@medplum/hl7",
      {"127.0.0.1", std::to_string(port_), kData + "v2tofhir_adt_a04_v231_allergies.hl7",
       kData + "mirth_adt_a08_v23_gt1_in1.hl7"});
  GW_NODE_TOOL_RAN_OR_SKIP(result);
  EXPECT_EQ(result.exitCode, 0) << result.output;
  const std::regex accepted(R"(\{"file":"[^"]+","code":"AA","control":"[^"]+"\})");
  EXPECT_EQ(std::distance(std::sregex_iterator(result.output.begin(), result.output.end(), accepted),
                          std::sregex_iterator()),
            2)
      << result.output;
  EXPECT_EQ(stored(), 2);
}

TEST_F(Mllp, AFrameSplitOverManyWritesIsOneMessage) {
  start();
  RawClient client(port_);
  const std::string bytes = framed(admission("SPLIT-1"));
  for (std::size_t i = 0; i < bytes.size(); i += 7) {
    client.send(bytes.substr(i, 7));
    if (i % 70 == 0) std::this_thread::sleep_for(2ms);
  }
  EXPECT_EQ(msa(client.frame()), "AA SPLIT-1");
  EXPECT_EQ(stored(), 1);
}

TEST_F(Mllp, TwoFramesInOneWriteAreAnsweredInOrderAndNoiseBetweenFramesIsCounted) {
  start();
  RawClient client(port_);
  client.send("\r\n" + framed(admission("PAIR-1")) + "noise" + framed(admission("PAIR-2")));
  EXPECT_EQ(msa(client.frame()), "AA PAIR-1");
  EXPECT_EQ(msa(client.frame()), "AA PAIR-2");
  EXPECT_EQ(stored(), 2);
  EXPECT_EQ(metric(R"(gateway_mllp_bytes_outside_frames_total{hospital="sh-mllp"})"), 7);
}

TEST_F(Mllp, APartialFrameAtDisconnectIsNeverDispatched) {
  start();
  {
    RawClient client(port_);
    const std::string whole = admission("PART-1");
    client.send("\x0b" + whole.substr(0, whole.size() / 2));
    client.close();
  }
  EXPECT_EQ(awaitMetric(R"(gateway_mllp_refused_total{hospital="sh-mllp",reason="partial_frame"})", 1), 1);
  EXPECT_EQ(stored(), 0);
  EXPECT_EQ(stored("failed") + stored("rejected"), 0);
}

TEST_F(Mllp, AnOversizeFrameIsRefusedWithAnArAndTheConnectionClosedNothingStored) {
  start(", max_frame_bytes: 2048");
  RawClient client(port_);
  std::string big = admission("BIG-1");
  big += "NTE|1||" + std::string(4000, 'x') + "\r";
  client.send(framed(big));
  const std::string ack = client.frame();
  EXPECT_EQ(msa(ack), "AR BIG-1") << ack;
  EXPECT_NE(ack.find("max_frame_bytes (2048 bytes)"), std::string::npos) << ack;
  EXPECT_TRUE(client.closedByPeer());
  EXPECT_EQ(stored() + stored("failed") + stored("rejected"), 0);
  EXPECT_EQ(metric(R"(gateway_mllp_refused_total{hospital="sh-mllp",reason="frame_too_large"})"), 1);
}

TEST_F(Mllp, AFrameStuckPastItsTimeoutClosesTheConnectionButAnIdleOneStaysOpen) {
  start(", frame_timeout_seconds: 1, idle_timeout_seconds: 30");
  RawClient idle(port_);
  RawClient stuck(port_);
  stuck.send("\x0b" + admission("STUCK-1").substr(0, 40));
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(stuck.closedByPeer());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(metric(R"(gateway_mllp_refused_total{hospital="sh-mllp",reason="frame_timeout"})"), 1);
  EXPECT_EQ(stored() + stored("failed") + stored("rejected"), 0);
  // The idle connection (no frame begun) outlived the frame timeout and still serves.
  idle.send(framed(admission("IDLE-1")));
  EXPECT_EQ(msa(idle.frame()), "AA IDLE-1");
}

TEST_F(Mllp, AConnectionFromASourceNotAllowedIsClosedUnansweredAndAudited) {
  start(", allowed_sources: [\"10.20.0.0/16\", \"::ffff:10.21.0.1\"]");
  RawClient client(port_);
  client.send(framed(admission("SOURCE-1")));
  EXPECT_TRUE(client.closedByPeer());
  EXPECT_EQ(stored() + stored("failed") + stored("rejected"), 0);
  EXPECT_EQ(awaitMetric(R"(gateway_mllp_refused_total{hospital="sh-mllp",reason="source"})", 1), 1);
  // The audit log has no read API yet (issue 21): read its table.
  Poco::Data::Session s = gateway_->context().db.session();
  std::string detail;
  s << "SELECT detail FROM audit_log WHERE action = 'auth.fail' AND source = '127.0.0.1'",
      Poco::Data::Keywords::into(detail), Poco::Data::Keywords::now;
  EXPECT_NE(detail.find("allowed_sources"), std::string::npos) << detail;
}

TEST_F(Mllp, ADuplicateGetsTheFirstAnswerAndIsStoredOnce) {
  start();
  RawClient client(port_);
  client.send(framed(admission("DUP-1")));
  const std::string first = client.frame();
  client.send(framed(admission("DUP-1")));
  EXPECT_EQ(client.frame(), first);
  EXPECT_EQ(stored(), 1);
}

TEST_F(Mllp, AHospitalWithoutAnAdapterIsAnsweredAnHl7AeNotJson) {
  start("", "no-such-adapter");
  RawClient client(port_);
  client.send(framed(admission("NOADAPTER-1")));
  const std::string ack = client.frame();
  EXPECT_EQ(msa(ack), "AE NOADAPTER-1") << ack;
  EXPECT_EQ(ack.rfind("MSH|^~\\&|GW|GROUP|HIS|SH-MLLP|", 0), 0u) << ack;
  EXPECT_EQ(stored(), 0);
}

TEST_F(Mllp, Release2AnswersCommitAcknowledgementsAndANakWhenNothingWasCommitted) {
  start(", release: 2");
  RawClient client(port_);
  client.send(framed(admission("R2-1")));
  EXPECT_EQ(client.frame(), "\x06");
  client.send(framed(admission("R2-1")));  // a resend after a lost commit ACK: the same answer, stored once
  EXPECT_EQ(client.frame(), "\x06");
  EXPECT_EQ(stored(), 1);
}

TEST_F(Mllp, Release2NaksAMessageThatCouldNotBeCommitted) {
  start(", release: 2", "no-such-adapter");
  RawClient client(port_);
  client.send(framed(admission("R2-NAK")));
  EXPECT_EQ(client.frame(), "\x15");
  EXPECT_EQ(stored(), 0);
}

TEST_F(Mllp, EightConnectionsSendTenThousandMessagesEachAcknowledgedOnceAndStoredOnce) {
  start();
  constexpr int kConnections = 8, kEach = 1250;
  std::atomic<int> acknowledged{0}, wrong{0};
  std::vector<std::thread> senders;
  std::string firstWrong;
  std::mutex mutex;
  for (int c = 0; c < kConnections; ++c)
    senders.emplace_back([&, c] {
      try {
        RawClient client(port_);
        for (int i = 0; i < kEach; ++i) {
          const std::string control = "LOAD-" + std::to_string(c) + "-" + std::to_string(i);
          client.send(framed(admission(control)));
          const std::string answer = msa(client.frame());
          if (answer == "AA " + control) {
            ++acknowledged;
          } else {
            ++wrong;
            std::lock_guard<std::mutex> lock(mutex);
            if (firstWrong.empty()) firstWrong = answer;
          }
        }
      } catch (const std::exception& e) {
        ++wrong;
        std::lock_guard<std::mutex> lock(mutex);
        if (firstWrong.empty()) firstWrong = e.what();
      }
    });
  for (auto& sender : senders) sender.join();
  EXPECT_EQ(wrong.load(), 0) << firstWrong;
  EXPECT_EQ(acknowledged.load(), kConnections * kEach);
  EXPECT_EQ(stored(), kConnections * kEach);
  EXPECT_EQ(metric(R"(gateway_mllp_frames_total{hospital="sh-mllp"})"), kConnections * kEach);
}

TEST_F(Mllp, ReadyzReportsTheListenerAndStopEndsIdleConnections) {
  start();
  const auto ready = gwtest::httpCall(gateway_->port(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_NE(ready.body.find("\"mllp:sh-mllp\":\"listening on 127.0.0.1:" + std::to_string(port_) + "\""),
            std::string::npos)
      << ready.body;
  RawClient idle(port_);
  idle.send(framed(admission("BEFORE-STOP")));
  EXPECT_EQ(msa(idle.frame()), "AA BEFORE-STOP");
  const auto started = std::chrono::steady_clock::now();
  gateway_->stop();  // the idle connection waits up to idle_timeout_seconds (600) for its next message
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  EXPECT_TRUE(idle.closedByPeer());
}

// 17 admissions of our own and one message of an event no adapter takes, as one FHS/BHS batch.
std::string batchOfEighteenWithOneBad() {
  std::string batch = "FHS|^~\\&|HIS|SH|GW|GROUP|20261203||||F-1\rBHS|^~\\&|HIS|SH|GW|GROUP|20261203||||B-1\r";
  for (int i = 1; i <= 18; ++i) {
    std::string message = admission("MB-" + std::to_string(i));
    if (i == 9) message.replace(message.find("ADT^A04^ADT_A01"), 15, "ZZZ^Z99");
    batch += message;
  }
  return batch + "BTS|18\rFTS|1\r";
}

TEST_F(Mllp, ABatchInAFrameIsAnsweredWithAnAcknowledgementBatch) {
  start();
  RawClient client(port_);
  client.send(framed(batchOfEighteenWithOneBad()));
  const std::string answer = client.frame();
  EXPECT_EQ(answer.rfind("FHS|", 0), 0u) << answer;
  EXPECT_NE(answer.find("\rBTS|18\rFTS|1\r"), std::string::npos) << answer;
  EXPECT_NE(answer.find("\rMSA|AR|MB-9\r"), std::string::npos) << answer;
  EXPECT_NE(answer.find("\rMSA|AA|MB-18\r"), std::string::npos) << answer;
  EXPECT_EQ(stored(), 17);
  EXPECT_EQ(stored("rejected"), 1);
}

TEST_F(Mllp, ABatchCanBeAnsweredWithOneAckFramePerMessage) {
  start(", batch_acks: messages");
  RawClient client(port_);
  client.send(framed(batchOfEighteenWithOneBad()));
  for (int i = 1; i <= 18; ++i) EXPECT_EQ(msa(client.frame()), (i == 9 ? "AR MB-" : "AA MB-") + std::to_string(i));
  EXPECT_EQ(stored(), 17);
}

TEST_F(Mllp, AReloadAppliesNewSourcesToNewConnectionsAndClosesARemovedListener) {
  start();
  RawClient before(port_);
  before.send(framed(admission("BEFORE-1")));  // admitted (a connection is checked when its thread takes it)
  EXPECT_EQ(msa(before.frame()), "AA BEFORE-1");
  writeConfig("\n    mllp: {listen: \"127.0.0.1:0\", allowed_sources: [10.20.0.0/16]}");
  std::string errors;
  ASSERT_TRUE(gateway_->reload(dir_.file("gateway.yaml"), errors)) << errors;
  EXPECT_EQ(gateway_->mllpPort("sh-mllp"), port_);  // the same socket: only the address rule changed
  RawClient after(port_);
  after.send(framed(admission("AFTER-RELOAD")));
  EXPECT_TRUE(after.closedByPeer());
  // A connection admitted before the reload keeps its hospital's trust until it closes.
  before.send(framed(admission("BEFORE-2")));
  EXPECT_EQ(msa(before.frame()), "AA BEFORE-2");

  writeConfig("");
  ASSERT_TRUE(gateway_->reload(dir_.file("gateway.yaml"), errors)) << errors;
  EXPECT_EQ(gateway_->mllpPort("sh-mllp"), 0);
  EXPECT_TRUE(before.closedByPeer());
  EXPECT_THROW(RawClient{port_}, Poco::Net::ConnectionRefusedException);
  EXPECT_EQ(stored(), 2);
}

}  // namespace
