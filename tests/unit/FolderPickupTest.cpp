// Folder pickup (issue 18) with the real hl7v2 plugin: a hospital drops files into a folder; complete files are
// taken (renamed into place, or no longer growing), every message goes through the intake, and each file moves to
// done/ or failed/ with its acknowledgement beside it. A file that comes back (as after a crash between the commit
// and the move) stores nothing twice.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string admission(const std::string& control) {
  return "MSH|^~\\&|HIS|SH|GW|GROUP|20261203101500||ADT^A04^ADT_A01|" + control +
         "|P|2.5\rEVN|A04|20261203101500\rPID|1||MRN-" + control + "^^^SH^MR||Li^Wei||19800101|M\rPV1|1|O\r";
}

class FolderPickup : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(dir_.file("inbox")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/hl7v2.so").copyTo(dir_.file("plugins/hl7v2.so"));
    gwtest::writeFile(dir_.file("gateway.yaml"),
                      "server:\n  listen: 127.0.0.1:0\n  threads: 4\n  admin_key_sha256: " +
                          gwtest::sha256(gwtest::kAdminKey) + "\nstore:\n  sqlite:\n    path: " + dir_.file("gw.db") +
                          "\nplugins:\n  folder: " + dir_.file("plugins") + "\n  cache_folder: " +
                          dir_.file("cache") + "\nhospitals:\n  - id: sh-files\n    key_sha256: " +
                          gwtest::sha256("k") + "\n    adapter: hl7v2\n    pickup: {folder: inbox, pattern: \"*.hl7\", "
                          "interval_ms: 100, stable_seconds: 1, max_file_bytes: 65536}\n");
    gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
    gateway_->start();
  }
  void TearDown() override { gateway_.reset(); }

  // As a hospital should: written under a name the pickup ignores, then renamed into place.
  void drop(const std::string& name, const std::string& text) {
    gwtest::writeFile(dir_.file("inbox/" + name + ".part"), text);
    fs::rename(dir_.file("inbox/" + name + ".part"), dir_.file("inbox/" + name));
  }
  // Waits for `path` (relative to the inbox) to appear; its text.
  std::string await(const std::string& path) {
    for (int i = 0; i < 200 && !fs::exists(dir_.file("inbox/" + path)); ++i) std::this_thread::sleep_for(50ms);
    EXPECT_TRUE(fs::exists(dir_.file("inbox/" + path))) << path << " never appeared";
    return fs::exists(dir_.file("inbox/" + path)) ? gwtest::readFile(dir_.file("inbox/" + path)) : std::string();
  }
  int accepted() { return gwtest::storedMessages(gateway_->context().db); }

  gwtest::TempDir dir_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_F(FolderPickup, ABatchFileWithOneBadMessageGoesToFailedWithItsAcknowledgementBatch) {
  std::string batch = "FHS|^~\\&|HIS|SH|GW|GROUP|20261203||||F-9\rBHS|^~\\&|HIS|SH|GW|GROUP|20261203||||B-9\r";
  for (int i = 1; i <= 18; ++i) {
    std::string message = admission("F-" + std::to_string(i));
    if (i == 5) message.replace(message.find("ADT^A04^ADT_A01"), 15, "ZZZ^Z99");
    batch += message;
  }
  drop("batch-1.hl7", batch + "BTS|18\rFTS|1\r");
  const std::string ack = await("failed/batch-1.hl7.ack");
  EXPECT_TRUE(fs::exists(dir_.file("inbox/failed/batch-1.hl7")));
  EXPECT_FALSE(fs::exists(dir_.file("inbox/batch-1.hl7")));
  EXPECT_NE(ack.find("\rMSA|AR|F-5\r"), std::string::npos) << ack;
  EXPECT_NE(ack.find("\rBTS|18\rFTS|1\r"), std::string::npos) << ack;
  EXPECT_EQ(accepted(), 17);
}

TEST_F(FolderPickup, APlainFileOfMessagesGoesToDoneAndComingBackStoresNothingTwice) {
  drop("day-1.hl7", admission("D-1") + "\n" + admission("D-2"));
  const std::string ack = await("done/day-1.hl7.ack");
  EXPECT_NE(ack.find("\rMSA|AA|D-1\r"), std::string::npos) << ack;
  EXPECT_NE(ack.find("\rMSA|AA|D-2\r"), std::string::npos) << ack;
  EXPECT_EQ(accepted(), 2);
  // The same file again (as when the gateway died after the commit, before the move): repeats, stored once.
  drop("day-1.hl7", admission("D-1") + "\n" + admission("D-2"));
  bool movedAgain = false;
  for (int i = 0; i < 200 && !movedAgain; ++i) {
    std::this_thread::sleep_for(50ms);
    for (const auto& entry : fs::directory_iterator(dir_.file("inbox/done")))
      movedAgain = movedAgain || entry.path().filename().string().rfind("day-1.hl7.2", 0) == 0;
  }
  EXPECT_TRUE(movedAgain) << "the second day-1.hl7 was not moved to done/ under a name of its own";
  EXPECT_EQ(accepted(), 2);
}

TEST_F(FolderPickup, AFileStillGrowingOrNotMatchingIsLeftAlone) {
  gwtest::writeFile(dir_.file("inbox/notes.txt"), admission("N-1"));  // not *.hl7
  gwtest::writeFile(dir_.file("inbox/.hidden.hl7"), admission("H-1"));
  const std::string path = dir_.file("inbox/growing.hl7");
  // Written in pieces for longer than stable_seconds: not taken before it stops growing.
  const std::string text = admission("G-1");
  for (std::size_t i = 0; i < text.size(); i += text.size() / 4 + 1) {
    std::ofstream(path, std::ios::app | std::ios::binary) << text.substr(i, text.size() / 4 + 1);
    std::this_thread::sleep_for(400ms);
    EXPECT_TRUE(fs::exists(path)) << "taken while still being written";
  }
  await("done/growing.hl7.ack");
  EXPECT_EQ(accepted(), 1);
  EXPECT_TRUE(fs::exists(dir_.file("inbox/notes.txt")));
  EXPECT_TRUE(fs::exists(dir_.file("inbox/.hidden.hl7")));
  const auto metrics = gwtest::httpCall(gateway_->port(), "GET", "/metrics").body;
  EXPECT_NE(metrics.find(R"(gateway_pickup_files_total{hospital="sh-files",result="done"} 1)"), std::string::npos)
      << metrics;
}

TEST_F(FolderPickup, AFileOverTheLimitGoesToFailedUnread) {
  drop("huge.hl7", admission("HUGE-1") + "NTE|1||" + std::string(70000, 'x') + "\r");
  const std::string ack = await("failed/huge.hl7.ack");
  EXPECT_NE(ack.find("over max_file_bytes (65536)"), std::string::npos) << ack;
  EXPECT_EQ(accepted() + gwtest::storedMessages(gateway_->context().db, "failed") +
                gwtest::storedMessages(gateway_->context().db, "rejected"),
            0);
}

}  // namespace
