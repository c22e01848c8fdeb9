// The 999 and TA1 replies read by an independent X12 parser (node-x12, the package tools/x12-validator
// installs) through tests/read-acknowledgement.js: the envelope passes its strict checks and it finds IK3/IK4
// and TA1 where the adapter put them.
#include "X12TestSupport.hpp"

#include <gw/testing/NodeTool.hpp>

#include <Poco/JSON/Parser.h>
#include <gmock/gmock.h>

#include <filesystem>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

std::string replyToRefused(const std::string& x12) { return refusedReply(x12).reply.bytes; }

// The reader script runs from a folder of its own, beside a link to the validator's node_modules, so it uses
// the same installed node-x12 (a missing install skips or fails the test like the validator's own tests).
class AckReader {
 public:
  AckReader() {
    folder_.write("read-acknowledgement.js", readFile(X12_ACK_READER));
    std::filesystem::create_directory_symlink(std::filesystem::path(X12_VALIDATOR).parent_path() / "node_modules",
                                              folder_.file("node_modules"));
  }
  NodeToolRun run(const std::vector<std::string>& replies) const {
    std::vector<std::string> files;
    for (std::size_t i = 0; i < replies.size(); ++i) files.push_back(folder_.write("reply" + std::to_string(i) + ".x12", replies[i]));
    return runNodeTool(folder_.file("read-acknowledgement.js"), "node-x12", files);
  }

 private:
  TempFolder folder_;
};

// The elements of the segments with `id` the parser read in file `index` of its answer.
std::vector<std::vector<std::string>> readSegments(const JsonArray& answer, std::size_t index, const std::string& id) {
  std::vector<std::vector<std::string>> found;
  JsonArray segments = arrayAt(objectIn(answer, index), "segments");
  for (std::size_t i = 0; i < segments->size(); ++i) {
    JsonArray segment = segments->getArray(static_cast<unsigned>(i));
    std::vector<std::string> elements;
    for (std::size_t e = 0; e < segment->size(); ++e) elements.push_back(segment->getElement<std::string>(static_cast<unsigned>(e)));
    if (elements.front() == id) found.push_back(elements);
  }
  return found;
}

void expectStrictlyValid(const JsonArray& answer, std::size_t index) {
  JsonObject file = objectIn(answer, index);
  EXPECT_TRUE(file->isNull("strictError")) << "file " << index << ": " << file->getValue<std::string>("strictError");
  EXPECT_EQ(arrayAt(file, "diagnostics")->size(), 0u) << "file " << index;
}

}  // namespace

TEST(X12AckIndependentParser, ReadsTheIk4OfARefusedRemittanceAndTheTa1OfABrokenEnvelope) {
  const std::string good = sample("lfh_835_5010_managed_care.835");
  std::vector<std::string> replies = {
      replyToRefused(replaced(good, "*1200.00*495.00*", "*1200.00*49S.00*")),  // CLP04 of the second claim
      replyToRefused(replaced(good, "IEA*1*000000907", "IEA*1*000000908")),   // IEA02 is not ISA13
      acknowledgementOf(good, GW_ACK_ACCEPT, "", "", adapterWith().options(), kReplyNow).bytes};
  AckReader reader;
  NodeToolRun run = reader.run(replies);
  GW_NODE_TOOL_RAN_OR_SKIP(run);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  Poco::JSON::Parser parser;
  JsonArray answer = parser.parse(run.output).extract<JsonArray>();
  ASSERT_EQ(answer->size(), replies.size());

  expectStrictlyValid(answer, 0);
  EXPECT_THAT(readSegments(answer, 0, "AK2"), ElementsAre(ElementsAre("AK2", "835", "112233", "005010X221A1")));
  EXPECT_THAT(readSegments(answer, 0, "IK3"), ElementsAre(ElementsAre("IK3", "CLP", "18", "", "8")));
  EXPECT_THAT(readSegments(answer, 0, "IK4"), ElementsAre(ElementsAre("IK4", "4", "782", "6", "49S.00")));
  EXPECT_THAT(readSegments(answer, 0, "IK5"), ElementsAre(ElementsAre("IK5", "R", "5")));

  expectStrictlyValid(answer, 1);
  EXPECT_THAT(readSegments(answer, 1, "TA1"), ElementsAre(ElementsAre("TA1", "000000907", "131031", "1147", "R", "001")));
  EXPECT_THAT(readSegments(answer, 1, "GS"), ::testing::IsEmpty());
  EXPECT_EQ(readSegments(answer, 1, "ISA").at(0).at(8), "000000005      ");  // addressed back to the sender

  expectStrictlyValid(answer, 2);
  EXPECT_THAT(readSegments(answer, 2, "IK5"), ElementsAre(ElementsAre("IK5", "A")));
  EXPECT_THAT(readSegments(answer, 2, "IK3"), ::testing::IsEmpty());
}

TEST(X12AckIndependentParser, TheReaderCatchesABrokenReply) {
  // Guards the test above: a TA1 reply whose IEA02 was altered, and a 999 whose SE01 was, fail its strict check.
  const std::string good = sample("lfh_835_5010_managed_care.835");
  std::string ta1 = replyToRefused(replaced(good, "IEA*1*000000907", "IEA*1*000000908"));
  std::string ack999 = acknowledgementOf(good, GW_ACK_ACCEPT, "", "", adapterWith().options(), kReplyNow).bytes;
  AckReader reader;
  NodeToolRun run = reader.run({replaced(ta1, "IEA*0*030712000", "IEA*0*030712001"), replaced(ack999, "SE*6*", "SE*7*")});
  GW_NODE_TOOL_RAN_OR_SKIP(run);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  Poco::JSON::Parser parser;
  JsonArray answer = parser.parse(run.output).extract<JsonArray>();
  EXPECT_THAT(objectIn(answer, 0)->getValue<std::string>("strictError"), HasSubstr("IEA02"));
  EXPECT_THAT(objectIn(answer, 1)->getValue<std::string>("strictError"), HasSubstr("SE01"));
}
