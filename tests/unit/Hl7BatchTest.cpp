// HL7 v2 batches: split as written by others (Mirth's FHS/BHS test file, CRLF), answered with an acknowledgement
// batch that refers to the sender's control ids; and through a gateway over HTTP, each message on its own.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <regex>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include "intake/Hl7Batch.hpp"

namespace {

const std::string kData = std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/";

TEST(Hl7Batch, MirthsBatchFileSplitsIntoItsOneMessageWithCrEndedSegments) {
  const std::string text = gwtest::readFile(kData + "mirth_orm_o01_fhs_bhs_batch.txt");
  ASSERT_TRUE(gw::isHl7Batch(text));
  const gw::Hl7Batch batch = gw::splitHl7Batch(text);
  EXPECT_EQ(batch.fileHeader, "FHS|^~\\&|||||");
  EXPECT_EQ(batch.batchHeader, "BHS|^~\\&|||||");
  ASSERT_EQ(batch.messages.size(), 1u);
  EXPECT_EQ(batch.messages[0].rfind("MSH|^~\\&|MIRTH|MIRTH|||200612131519||ORM^O01|12345678|", 0), 0u);
  EXPECT_EQ(batch.messages[0].find('\n'), std::string::npos);
  // From MSH to the last OBX: 22 segments (the file has no BTS or FTS).
  EXPECT_EQ(std::count(batch.messages[0].begin(), batch.messages[0].end(), '\r'), 22);
}

TEST(Hl7Batch, MessagesEndAtTheNextHeaderOrTrailerAndStraySegmentsAreKeptNotLost) {
  const gw::Hl7Batch batch = gw::splitHl7Batch(
      "\xEF\xBB\xBF\nBHS|^~\\&|HIS|SH|GW|GROUP|20261203||||B-77\nPID|stray\nMSH|^~\\&|A\nPID|1\n\nMSH|^~\\&|B\r\n"
      "BTS|2\nBHS|^~\\&\nMSH|^~\\&|C\nBTS|1\n");
  EXPECT_EQ(batch.messages, (std::vector<std::string>{"PID|stray\r", "MSH|^~\\&|A\rPID|1\r", "MSH|^~\\&|B\r",
                                                       "MSH|^~\\&|C\r"}));
  EXPECT_FALSE(gw::isHl7Batch("MSH|^~\\&|A\r"));
}

TEST(Hl7Batch, TheAcknowledgementBatchAnswersTheSendersBatch) {
  const gw::Hl7Batch batch =
      gw::splitHl7Batch("FHS|^~\\&|HIS|SH|GW|GROUP|20261203||||F-1\rBHS|^~\\&|HIS|SH|GW|GROUP|20261203||||B-77\r"
                        "MSH|^~\\&|HIS|SH|GW|GROUP|20261203||ADT^A04|M-1|P|2.5\rBTS|1\rFTS|1\r");
  const std::string ack = gw::hl7BatchAck(batch, {"MSH|^~\\&|GW|GROUP|HIS|SH|20261203||ACK|X|P|2.5\rMSA|AA|M-1\r"});
  EXPECT_TRUE(std::regex_match(ack, std::regex("FHS\\|\\^~\\\\&\\|GW\\|GROUP\\|HIS\\|SH\\|\\d{14}\\|\\|\\|\\|[^|]+\\|F-1\r"
                                               "BHS\\|\\^~\\\\&\\|GW\\|GROUP\\|HIS\\|SH\\|\\d{14}\\|\\|\\|\\|[^|]+\\|B-77\r"
                                               "MSH[^\r]*\rMSA\\|AA\\|M-1\r"
                                               "BTS\\|1\rFTS\\|1\r")))
      << ack;
}

class BatchOverHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/hl7v2.so").copyTo(dir_.file("plugins/hl7v2.so"));
    gwtest::writeFile(dir_.file("gateway.yaml"),
                      "server:\n  listen: 127.0.0.1:0\n  threads: 4\n  admin_key_sha256: " +
                          gwtest::sha256(gwtest::kAdminKey) + "\nstore:\n  sqlite:\n    path: " + dir_.file("gw.db") +
                          "\nplugins:\n  folder: " + dir_.file("plugins") + "\n  cache_folder: " +
                          dir_.file("cache") + "\nhospitals:\n  - {id: sh-batch, key_sha256: " +
                          gwtest::sha256("sh-key") + ", adapter: hl7v2}\n");
    gateway_ = std::make_unique<gw::Gateway>(gw::loadConfig(dir_.file("gateway.yaml")));
    gateway_->start();
  }
  void TearDown() override { gateway_.reset(); }
  gwtest::HttpResult post(const std::string& body, const std::string& path = "batches") {
    return gwtest::httpCall(gateway_->port(), "POST", "/v1/hospitals/sh-batch/" + path, body,
                            {{"X-API-Key", "sh-key"}}, "application/hl7-v2");
  }
  int accepted() { return gwtest::storedMessages(gateway_->context().db); }

  gwtest::TempDir dir_;
  std::unique_ptr<gw::Gateway> gateway_;
};

// 17 admissions of our own and one message of an event no adapter takes, in one batch.
std::string eighteenWithOneBad() {
  std::string batch = "FHS|^~\\&|HIS|SH|GW|GROUP|20261203101500||||FILE-1\rBHS|^~\\&|HIS|SH|GW|GROUP|20261203101500||||B-1\r";
  for (int i = 1; i <= 18; ++i) {
    const std::string id = "BATCH-" + std::to_string(i);
    const std::string event = i == 9 ? "ZZZ^Z99" : "ADT^A04^ADT_A01";
    batch += "MSH|^~\\&|HIS|SH|GW|GROUP|20261203101500||" + event + "|" + id + "|P|2.5\rEVN|A04|20261203101500\r"
             "PID|1||MRN-" + id + "^^^SH^MR||Li^Wei||19800101|M\rPV1|1|O\r";
  }
  return batch + "BTS|18\rFTS|1\r";
}

TEST_F(BatchOverHttp, EachMessageOfABatchHasItsOwnOutcomeAndTheBadOneHurtsNoOther) {
  auto r = post(eighteenWithOneBad());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["X-Gateway-Batch"], "18 messages: 17 AA, 0 AE, 1 AR");
  EXPECT_EQ(r.body.rfind("FHS|", 0), 0u) << r.body;
  EXPECT_NE(r.body.find("\rBTS|18\rFTS|1\r"), std::string::npos) << r.body;
  const std::regex msa("\rMSA\\|(A[AER])\\|(BATCH-\\d+)");
  std::vector<std::string> answers;
  for (std::sregex_iterator it(r.body.begin(), r.body.end(), msa), end; it != end; ++it)
    answers.push_back((*it)[1].str() + " " + (*it)[2].str());
  ASSERT_EQ(answers.size(), 18u) << r.body;
  for (int i = 1; i <= 18; ++i)
    EXPECT_EQ(answers[static_cast<std::size_t>(i - 1)], (i == 9 ? "AR " : "AA ") + ("BATCH-" + std::to_string(i)));
  EXPECT_EQ(accepted(), 17);

  // The same batch again: every message is a repeat with its first answer; nothing more is stored.
  auto again = post(eighteenWithOneBad());
  EXPECT_EQ(again.headers["X-Gateway-Batch"], "18 messages: 17 AA, 0 AE, 1 AR");
  EXPECT_EQ(accepted(), 17);
}

TEST_F(BatchOverHttp, MirthsBatchFileIsAnsweredWithABatchHoldingItsMessagesAck) {
  auto r = post(gwtest::readFile(kData + "mirth_orm_o01_fhs_bhs_batch.txt"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\rMSA|"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("|12345678"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\rBTS|1\rFTS|1\r"), std::string::npos) << r.body;
}

TEST_F(BatchOverHttp, ASingleMessageIsNotABatchAndABatchIsNotASingleMessage) {
  auto single = post("MSH|^~\\&|HIS|SH|GW|GROUP|20261203||ADT^A04|ONE|P|2.5\rPID|1||M1^^^SH^MR||Li^Wei\r");
  EXPECT_EQ(single.status, 400);
  EXPECT_NE(single.body.find("must start with FHS or BHS"), std::string::npos) << single.body;
  EXPECT_NE(post(eighteenWithOneBad(), "messages").status, 200);
  EXPECT_EQ(accepted(), 0);
}

}  // namespace
