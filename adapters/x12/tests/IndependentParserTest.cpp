// Every 837 the adapter writes, parsed by an independent X12 parser (tools/x12-validator: node-x12 in
// strict mode plus 837 structure checks) with zero errors, and read back to the same claim ids,
// totals, codes and member ids as the page they came from (the round trip).
#include "X12TestSupport.hpp"

#include <gw/testing/NodeTool.hpp>

#include <Poco/JSON/Parser.h>
#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

const char* kValidator = X12_VALIDATOR;
const char* kModule = "node-x12";

JsonObject claimRead(const JsonArray& summaries, std::size_t file, std::size_t group, std::size_t set) {
  JsonObject fileSummary = objectIn(summaries, file);
  JsonObject setSummary = objectIn(arrayAt(objectIn(arrayAt(fileSummary, "groups"), group), "sets"), set);
  return objectIn(arrayAt(setSummary, "claims"), 0);
}

std::vector<std::string> strings(const JsonArray& array) {
  std::vector<std::string> values;
  for (std::size_t i = 0; array && i < array->size(); ++i) values.push_back(array->getElement<std::string>(static_cast<unsigned>(i)));
  return values;
}

// The fixture page with its first Claim sent to the second payer (as ClaimBuilder writes a secondary).
std::string secondaryPage() {
  JsonObject page = fixtureObject("claim-page.json");
  JsonObject claim = objectAt(objectIn(arrayAt(page, "entry"), 0), "resource");
  objectIn(arrayAt(claim, "insurance"), 0)->set("focal", false);
  objectIn(arrayAt(claim, "insurance"), 1)->set("focal", true);
  claim->set("insurer", referenceTo("Organization/insurer-aetna"));
  return render(page);
}

}  // namespace

TEST(X12IndependentParser, EveryRenderedInterchangeParsesWithZeroErrorsAndRoundTrips) {
  TempFolder folder;
  std::vector<std::string> files = {
      folder.write("837p.x12", adapterWith().encode(fixture("claim-page.json")).bytes),
      folder.write("auto.x12", adapterWith(R"("transaction":"auto")").encode(fixture("claim-page.json")).bytes),
      folder.write("837i.x12", adapterWith(R"("transaction":"837I","facility_type":"11")").encode(fixture("claim-page.json")).bytes),
      folder.write("delimiters.x12", adapterWith(R"("element_separator":"|","segment_terminator":"!",)"
                                                 R"("component_separator":">","repetition_separator":"}")")
                                         .encode(fixture("claim-page.json"))
                                         .bytes),
      folder.write("secondary.x12", adapterWith().encode(secondaryPage()).bytes)};
  std::vector<std::string> arguments = {"--json"};
  arguments.insert(arguments.end(), files.begin(), files.end());
  NodeToolRun run = runNodeTool(kValidator, kModule, arguments);
  GW_NODE_TOOL_RAN_OR_SKIP(run);
  ASSERT_EQ(run.exitCode, 0) << run.output;

  Poco::JSON::Parser parser;
  JsonArray summaries = parser.parse(run.output).extract<JsonArray>();
  ASSERT_EQ(summaries->size(), files.size());
  for (std::size_t f = 0; f < files.size(); ++f) EXPECT_EQ(stringAt(objectIn(summaries, f), "interchange"), "000000042");

  // 837P: both claims, as the page has them.
  JsonObject first = claimRead(summaries, 0, 0, 0);
  EXPECT_EQ(stringAt(first, "id"), "0b7d3c2e-9a51-4f7e-8c1d-2f4a6b8c0d11");
  EXPECT_EQ(stringAt(first, "total"), "220.5");
  EXPECT_EQ(first->getValue<int>("linesCents"), 22050);
  EXPECT_THAT(strings(arrayAt(first, "diagnoses")), ElementsAre("H6690", "R509"));
  EXPECT_THAT(strings(arrayAt(first, "procedures")), ElementsAre("99213", "87070"));
  JsonObject firstSet = objectIn(arrayAt(objectIn(arrayAt(objectIn(summaries, 0), "groups"), 0), "sets"), 0);
  EXPECT_THAT(strings(arrayAt(firstSet, "memberIds")), ElementsAre("JS00111223333", "T55TY666"));
  EXPECT_THAT(strings(arrayAt(firstSet, "hl")), ElementsAre("20", "22", "23"));
  JsonObject second = claimRead(summaries, 0, 0, 1);
  EXPECT_EQ(stringAt(second, "id"), "5c9e1f20-7b3a-4d6e-9f80-a1b2c3d4e5f6");
  EXPECT_EQ(second->getValue<int>("totalCents"), 8993);
  EXPECT_EQ(second->getValue<int>("linesCents"), 8993);
  EXPECT_THAT(strings(arrayAt(second, "procedures")), ElementsAre("85025", "93005"));

  // auto: the institutional claim in its own 837I group, same totals.
  JsonObject institutional = claimRead(summaries, 1, 1, 0);
  EXPECT_EQ(stringAt(objectIn(arrayAt(objectIn(summaries, 1), "groups"), 1), "version"), "005010X223A2");
  EXPECT_EQ(institutional->getValue<int>("totalCents"), 8993);
  EXPECT_THAT(strings(arrayAt(institutional, "diagnoses")), ElementsAre("J189"));
  // Partner delimiters read back to the same claim.
  EXPECT_EQ(claimRead(summaries, 3, 0, 0)->getValue<int>("totalCents"), 22050);
  // The secondary: the patient's own plan first, the parent's as the other payer.
  JsonObject secondarySet = objectIn(arrayAt(objectIn(arrayAt(objectIn(summaries, 4), "groups"), 0), "sets"), 0);
  EXPECT_THAT(strings(arrayAt(secondarySet, "memberIds")), ElementsAre("T55TY666", "JS00111223333"));
  EXPECT_THAT(strings(arrayAt(secondarySet, "hl")), ElementsAre("20", "22"));
}

TEST(X12IndependentParser, ValidatorAcceptsThePublic837SamplesAndCatchesBrokenOnes) {
  // Guards the test above: the validator passes real 837s and fails wrong counts and totals.
  std::string data = std::string(GW_TEST_DATA_DIR) + "/x12/";
  NodeToolRun published = runNodeTool(kValidator, kModule,
                                      {data + "lfh_837p_5010_basic.837", data + "lfh_837p_5010_cob.837",
                                       data + "lfh_837i_5010_institutional.837i"});
  GW_NODE_TOOL_RAN_OR_SKIP(published);
  EXPECT_EQ(published.exitCode, 0) << published.output;

  NodeToolRun wrongCount = runNodeTool(kValidator, kModule, {data + "ims_837i_5010_x223.txt"});
  EXPECT_NE(wrongCount.exitCode, 0);
  EXPECT_THAT(wrongCount.output, HasSubstr("SE01 (25)"));

  TempFolder folder;
  std::string rendered = adapterWith().encode(fixture("claim-page.json")).bytes;
  std::string wrongTotal = rendered;
  wrongTotal.replace(wrongTotal.find("*220.5***"), 9, "*221.5***");
  std::string wrongHl = rendered;
  wrongHl.replace(wrongHl.find("HL*3*2*23*0"), 11, "HL*3*1*23*0");
  NodeToolRun broken =
      runNodeTool(kValidator, kModule, {folder.write("total.x12", wrongTotal), folder.write("hl.x12", wrongHl)});
  EXPECT_NE(broken.exitCode, 0);
  EXPECT_THAT(broken.output, HasSubstr("is not the sum of its lines"));
  EXPECT_THAT(broken.output, HasSubstr("needs a 22 parent"));
}
