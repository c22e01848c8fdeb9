// acknowledge: the OperationOutcome the gateway answers an insurer's POST with.
#include "FhirClaimAdapter.hpp"
#include "FhirClaimTestSupport.hpp"

using namespace gw::fhirclaim;
using namespace gw::fhirclaim::test;

namespace {

JsonObject issueOf(gw_ack_outcome outcome, const std::string& location, const std::string& text) {
  FhirClaimAdapter adapter(gw::sdk::Partner{"benefits-inc", GW_KIND_INSURER, "{}"});
  gw::sdk::Output out = adapter.acknowledge("{}", "application/fhir+json", outcome, location, text);
  EXPECT_EQ(out.contentType, "application/fhir+json");
  JsonObject outcomeResource = parseObject(out.bytes);
  EXPECT_EQ(stringAt(outcomeResource, "resourceType"), "OperationOutcome");
  JsonArray issues = arrayAt(outcomeResource, "issue");
  EXPECT_TRUE(issues && issues->size() == 1);
  return issues ? issues->getObject(0) : JsonObject();
}

}  // namespace

TEST(FhirClaimAcknowledge, AcceptIsAnInformationIssue) {
  JsonObject issue = issueOf(GW_ACK_ACCEPT, "", "2 claim responses stored");
  EXPECT_EQ(stringAt(issue, "severity"), "information");
  EXPECT_EQ(stringAt(issue, "code"), "informational");
  EXPECT_EQ(stringAt(issue, "diagnostics"), "2 claim responses stored");
  EXPECT_FALSE(issue->has("expression"));
}

TEST(FhirClaimAcknowledge, ErrorIsAnErrorIssueWithItsLocation) {
  JsonObject issue = issueOf(GW_ACK_ERROR, "Bundle.entry[3].resource.outcome",
                             "Bundle.entry[3] (ClaimResponse/R3501): missing required element outcome");
  EXPECT_EQ(stringAt(issue, "severity"), "error");
  EXPECT_EQ(stringAt(issue, "code"), "invalid");
  EXPECT_EQ(stringAt(issue, "diagnostics"), "Bundle.entry[3] (ClaimResponse/R3501): missing required element outcome");
  ASSERT_TRUE(arrayAt(issue, "expression"));
  EXPECT_EQ(arrayAt(issue, "expression")->getElement<std::string>(0), "Bundle.entry[3].resource.outcome");
}

TEST(FhirClaimAcknowledge, RejectIsAnErrorIssue) {
  JsonObject issue = issueOf(GW_ACK_REJECT, "", "duplicate message id with other content");
  EXPECT_EQ(stringAt(issue, "severity"), "error");
  EXPECT_EQ(stringAt(issue, "code"), "processing");
}

TEST(FhirClaimAcknowledge, WritesAnAnswerEvenForARequestThatIsNotJson) {
  FhirClaimAdapter adapter(gw::sdk::Partner{"benefits-inc", GW_KIND_INSURER, "{}"});
  EXPECT_NO_THROW(adapter.acknowledge("%%% not json", "application/fhir+json", GW_ACK_ERROR, "", "not JSON"));
}
