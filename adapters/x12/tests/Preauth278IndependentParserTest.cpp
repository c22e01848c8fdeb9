// The 278 requests encode writes, read by an independent X12 parser (node-x12 through
// tests/read-acknowledgement.js; tools/x12-validator checks 837 structure only): its strict envelope checks
// pass with no diagnostics, and in the segments it splits the HL hierarchy is UMO → requester → subscriber →
// patient event → service, the event's TRN carries the Claim id and the service its estimated amount.
#include "NodeX12Reader.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

const std::string kSurgery = "9f2d4b6a-1c3e-4a5f-8b7d-0e1f2a3b4c5d";

// "<HL01>/<HL02>/<HL03>/<HL04>" of every HL node-x12 read in file `index`.
std::vector<std::string> hierarchy(const JsonArray& answer, std::size_t index) {
  std::vector<std::string> levels;
  for (const auto& hl : readSegments(answer, index, "HL"))
    levels.push_back(hl.at(1) + "/" + (hl.size() > 2 ? hl[2] : "") + "/" + hl.at(3) + "/" + hl.at(4));
  return levels;
}

}  // namespace

TEST(X12Preauth278IndependentParser, TheRendered278ParsesStrictlyWithItsHierarchyTraceAndEstimate) {
  std::vector<std::string> interchanges = {
      adapterWith().encode(fixture("preauth-page.json")).bytes,
      adapterWith(R"("element_separator":"|","segment_terminator":"!","component_separator":">","repetition_separator":"}")")
          .encode(fixture("preauth-page.json"))
          .bytes};
  NodeX12Reader reader;
  auto run = reader.run(interchanges);
  GW_NODE_TOOL_RAN_OR_SKIP(run);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  JsonArray answer = readerAnswer(run);
  ASSERT_EQ(answer->size(), interchanges.size());
  for (std::size_t file = 0; file < interchanges.size(); ++file) {
    expectStrictlyValid(answer, file);
    auto gs = readSegments(answer, file, "GS");
    ASSERT_EQ(gs.size(), 1u);
    EXPECT_EQ(gs[0].at(1), "HI");
    EXPECT_EQ(gs[0].at(8), "005010X217");
    EXPECT_THAT(readSegments(answer, file, "ST"), ElementsAre(ElementsAre("ST", "278", "0001", "005010X217")));
    EXPECT_EQ(readSegments(answer, file, "BHT").at(0).at(2), "13");  // a request
    EXPECT_THAT(hierarchy(answer, file), ElementsAre("1//20/1", "2/1/21/1", "3/2/22/1", "4/3/EV/1", "5/4/SS/0"));
    EXPECT_THAT(readSegments(answer, file, "TRN"), ElementsAre(ElementsAre("TRN", "1", kSurgery, "1587654321")));
    EXPECT_EQ(readSegments(answer, file, "UM").at(0).at(1), "AR");
    EXPECT_EQ(readSegments(answer, file, "NM1").at(0).at(1), "X3");
    EXPECT_EQ(readSegments(answer, file, "SV2").at(0).at(3), "28500");
  }
}

TEST(X12Preauth278IndependentParser, TheReaderCatchesABroken278) {
  // Guards the test above: a 278 whose SE01 or IEA02 was altered fails node-x12's strict check.
  std::string good = adapterWith().encode(fixture("preauth-page.json")).bytes;
  NodeX12Reader reader;
  auto run = reader.run({replaced(good, "SE*22*", "SE*21*"), replaced(good, "IEA*1*000000077", "IEA*1*000000078")});
  GW_NODE_TOOL_RAN_OR_SKIP(run);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  EXPECT_THAT(strictErrors(readerAnswer(run)), ElementsAre(HasSubstr("SE01"), HasSubstr("IEA02")));
}
