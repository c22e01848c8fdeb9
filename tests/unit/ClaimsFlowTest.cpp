// The claim side end to end over loopback, on both backends, with the real hl7v2 and fhir_claim plugins:
// a hospital's DFT^P03 becomes a claim that its insurer pulls, acknowledges and pays; settlements add up.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <gw/kit/JsonReader.hpp>
#include <gw/testing/FhirValidator.hpp>
#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include "common/Json.hpp"

namespace {

using Poco::JSON::Object;

class ClaimsFlow : public ::testing::TestWithParam<std::string> {
 public:
  void SetUp() override {
    store_ = std::make_unique<gwtest::TestStore>(GetParam(), dir_);
    GW_REQUIRE_STORE(*store_);
    Poco::File(dir_.file("plugins")).createDirectories();
    for (const char* plugin : {"hl7v2.so", "fhir_claim.so"})
      Poco::File(std::string(GW_PLUGIN_DIR) + "/" + plugin).copyTo(dir_.file("plugins/") + plugin);
    std::string text =
        "server:\n  listen: 127.0.0.1:0\n  admin_key_sha256: " + gwtest::sha256(gwtest::kAdminKey) +
        "\n  group_key_sha256: " + gwtest::sha256("group-key") + "\n" + store_->yaml() +
        "plugins:\n  folder: " + dir_.file("plugins") + "\n  cache_folder: " + dir_.file("cache") +
        "\nhospitals:\n  - id: sh-intl\n    key_sha256: " + gwtest::sha256("sh-key") +
        "\n    adapter: hl7v2\n    contract:\n      billing: manual\n      shares:\n        - {from: 1990-01-01, group: 0.6}\n"
        "insurers:\n  - id: bcbs\n    key_sha256: " + gwtest::sha256("bcbs-key") +
        "\n    adapter: fhir_claim\n    payer: {identifiers: [\"urn:oid:2.16.840.1.113883.1.1|Org-12345\"], lease_seconds: 600}\n"
        "  - id: other\n    key_sha256: " + gwtest::sha256("other-key") + "\n    adapter: fhir_claim\n"
        "    payer: {names: [Nobody Mutual]}\n";
    gateway_ = std::make_unique<gw::Gateway>(gw::parseConfig(text, dir_.file("gateway.yaml")));
    gateway_->start();
  }
  void TearDown() override {
    gateway_.reset();
    store_.reset();
  }
  gwtest::HttpResult call(const std::string& method, const std::string& path, const std::string& key,
                          const std::string& body = "", const std::string& type = "application/json",
                          std::map<std::string, std::string> headers = {}) {
    headers["X-API-Key"] = key;
    return gwtest::httpCall(gateway_->port(), method, path, body, headers, type);
  }
  Object::Ptr json(const gwtest::HttpResult& r) { return gw::parseJsonObject(r.body, "response"); }

  gwtest::TempDir dir_;
  std::vector<std::string> files_;  // what an independent FHIR validator checks
  std::unique_ptr<gwtest::TestStore> store_;
  std::unique_ptr<gw::Gateway> gateway_;
};

TEST_P(ClaimsFlow, HospitalChargesBecomeAClaimTheInsurerPullsAcknowledgesAndPays) {
  // 1. The hospital posts a DFT^P03 (two charges, 100 and 120 USD; IN1 names BCBS of Texas).
  auto posted = call("POST", "/v1/hospitals/sh-intl/messages", "sh-key",
                     gwtest::readFile(std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/msconv_dft_p03_01.hl7"),
                     "application/hl7-v2");
  ASSERT_EQ(posted.status, 200) << posted.body;
  auto found = json(call("GET", "/v1/fhir/Encounter?identifier=urn:oid:1.2%7C40007716", "group-key"));
  ASSERT_EQ(found->getValue<int>("total"), 1);
  const std::string encounter =
      found->getArray("entry")->getObject(0)->getObject("resource")->getValue<std::string>("id");

  // 2. The encounter is billed (this hospital bills by hand).
  auto billed = call("POST", "/v1/admin/encounters/" + encounter + "/bill", gwtest::kAdminKey);
  ASSERT_EQ(billed.status, 200) << billed.body;
  auto bill = json(billed);
  EXPECT_EQ(bill->getValue<std::string>("coverage"), "own");
  EXPECT_EQ(bill->getValue<std::string>("total"), "220.00 USD");
  const std::string claim = bill->getArray("claims")->getElement<std::string>(0).substr(6);
  EXPECT_EQ(bill->getValue<std::string>("status"), "billed");
  // Billing it again answers "already billed" with the existing claim, and builds nothing.
  auto rebilled = json(call("POST", "/v1/admin/encounters/" + encounter + "/bill", gwtest::kAdminKey));
  EXPECT_EQ(rebilled->getValue<std::string>("status"), "already_billed");
  ASSERT_EQ(rebilled->getArray("claims")->size(), 1u);
  EXPECT_EQ(rebilled->getArray("claims")->getElement<std::string>(0), "Claim/" + claim);

  // 3. Another insurer sees nothing; the insurer pulls its page through the fhir_claim adapter.
  EXPECT_EQ(call("GET", "/v1/insurers/other/claims", "other-key").status, 204);
  EXPECT_EQ(call("GET", "/v1/insurers/bcbs/claims", "other-key").status, 403);
  auto page = call("GET", "/v1/insurers/bcbs/claims?after=0&limit=10", "bcbs-key");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.headers["Content-Type"], "application/fhir+json");
  EXPECT_EQ(page.headers["X-Claim-Count"], "1");
  auto rendered = json(page);
  auto first = rendered->getArray("entry")->getObject(0)->getObject("resource");
  EXPECT_EQ(first->getValue<std::string>("resourceType"), "Claim");
  EXPECT_EQ(first->getValue<std::string>("id"), claim);
  EXPECT_EQ(first->getObject("total")->getValue<double>("value"), 220.0);
  // The group sees the insurer's outbox and its last pull; so does /metrics.
  auto aging = json(call("GET", "/v1/aging?insurer=bcbs", "group-key"))->getArray("insurers")->getObject(0);
  EXPECT_FALSE(aging->isNull("last_pull"));
  EXPECT_EQ(aging->getValue<int>("outbox_on_lease"), 1);
  EXPECT_EQ(gw::kit::render(aging->getArray("by_age")), R"([{"age_days":"0-7","state":"offered","claims":1,"amount":"220.00 USD"}])");
  auto metrics = call("GET", "/metrics", "");
  EXPECT_NE(metrics.body.find("gateway_insurer_outbox{insurer=\"bcbs\",state=\"on_lease\"} 1"), std::string::npos);
  EXPECT_NE(metrics.body.find("gateway_insurer_last_pull_age_seconds{insurer=\"bcbs\"}"), std::string::npos);
  EXPECT_NE(metrics.body.find("gateway_insurer_outbox{insurer=\"other\",state=\"ready\"} 0"), std::string::npos);
  // Leased: the next pull from the cursor is empty.
  EXPECT_EQ(call("GET", "/v1/insurers/bcbs/claims?after=" + page.headers["X-Next-Cursor"], "bcbs-key").status, 204);

  // 4. Acknowledged, then a remittance pays 150 of 220: partially paid, the rest to the patient.
  auto ack = call("POST", "/v1/insurers/bcbs/claims/ack", "bcbs-key", R"({"claims":[")" + claim + R"("]})");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_NE(ack.body.find(R"("acknowledged":[")" + claim), std::string::npos) << ack.body;
  // The same acknowledgement again is answered as the first time (issue 20), not as an unknown claim.
  auto ackAgain = call("POST", "/v1/insurers/bcbs/claims/ack", "bcbs-key", R"({"claims":[")" + claim + R"("]})");
  ASSERT_EQ(ackAgain.status, 200) << ackAgain.body;
  EXPECT_NE(ackAgain.body.find(R"("acknowledged":[")" + claim), std::string::npos) << ackAgain.body;
  EXPECT_NE(ackAgain.body.find(R"("unknown":[])"), std::string::npos) << ackAgain.body;
  EXPECT_NE(ackAgain.body.find(R"("repeated":[")" + claim), std::string::npos) << ackAgain.body;
  const std::string remittance =
      R"({"resourceType":"ClaimResponse","id":"R1","status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"institutional"}]},"use":"claim","patient":{"reference":"Patient/x"},"created":"2026-03-05","insurer":{"display":"BCBS"},"request":{"reference":"Claim/)" +
      claim + R"("},"outcome":"complete","disposition":"Paid per contract","payment":{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/ex-paymenttype","code":"complete"}]},"amount":{"value":150.00,"currency":"USD"}}})";
  auto paid = call("POST", "/v1/insurers/bcbs/remittances", "bcbs-key", remittance, "application/fhir+json");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_NE(paid.body.find("partially_paid"), std::string::npos) << paid.body;
  auto lifecycle = json(call("GET", "/v1/claims/" + claim, "group-key"));
  EXPECT_EQ(lifecycle->getValue<std::string>("status"), "partially_paid");
  EXPECT_EQ(lifecycle->getValue<std::string>("paid"), "150.00 USD");
  EXPECT_EQ(lifecycle->getValue<std::string>("patient_responsibility"), "70.00 USD");
  std::string states;
  auto events = lifecycle->getArray("lifecycle");
  for (std::size_t i = 0; i < events->size(); ++i) states += events->getObject(static_cast<unsigned>(i))->getValue<std::string>("state") + " ";
  EXPECT_EQ(states, "built offered acknowledged partially_paid ");
  // The same remittance again (the same content, no identifier): the first answer, nothing changed.
  auto again = call("POST", "/v1/insurers/bcbs/remittances", "bcbs-key", remittance, "application/fhir+json");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_NE(again.body.find("\"duplicate\":true"), std::string::npos) << again.body;
  EXPECT_NE(again.body.find("partially_paid"), std::string::npos) << again.body;
  EXPECT_EQ(json(call("GET", "/v1/claims/" + claim, "group-key"))->getArray("lifecycle")->size(), events->size());
  const std::string patient = lifecycle->getValue<std::string>("patient");
  EXPECT_EQ(json(call("GET", "/v1/fhir/Invoice?patient=" + patient, "group-key"))->getValue<int>("total"), 1)
      << "billed the patient twice";

  // 5. Settlement: 220 USD billed, 150 paid by the insurer, 70 the patient's; 60% to the group of both what
  // was billed and what was paid (issue 20: it showed only what was billed).
  auto settlement = json(call("GET", "/v1/settlements?hospital=sh-intl&from=1990-01-01&to=2099-12-31", "group-key"));
  auto total = settlement->getArray("totals")->getObject(0);
  EXPECT_EQ(total->getValue<std::string>("billed"), "220.00");
  EXPECT_EQ(total->getValue<std::string>("paid"), "150.00");
  EXPECT_EQ(total->getValue<std::string>("patient_responsibility"), "70.00");
  EXPECT_EQ(total->getValue<std::string>("group_billed"), "132.00");
  EXPECT_EQ(total->getValue<std::string>("hospital_billed"), "88.00");
  EXPECT_EQ(total->getValue<std::string>("group_paid"), "90.00");
  EXPECT_EQ(total->getValue<std::string>("hospital_paid"), "60.00");
  auto csv = call("GET", "/v1/settlements?hospital=sh-intl&from=1990-01-01&to=2099-12-31", "group-key", "", "",
                  {{"Accept", "text/csv"}});
  EXPECT_EQ(csv.headers["Content-Type"], "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body,
            "hospital,from,to,payer_class,currency,items,billed,outstanding,allowed,paid,patient_responsibility,"
            "adjustments,group_billed,hospital_billed,group_paid,hospital_paid\n"
            "sh-intl,1990-01-01,2099-12-31,insurer,USD,2,220.00,0.00,220.00,150.00,70.00,0.00,132.00,88.00,90.00,60.00\n");
  EXPECT_TRUE(gateway_->context().audit.verify().intact);

  // 6. What the claims engine wrote is valid FHIR R4 for an independent validator.
  std::vector<std::string> files;
  Poco::Data::Session s = gateway_->context().db.session();
  std::vector<std::string> types, bodies;
  s << "SELECT r.resource_type, r.body FROM fhir_resource r JOIN fhir_current c ON c.resource_type = r.resource_type "
       "AND c.id = r.id AND c.version = r.version WHERE r.resource_type IN ('Claim', 'ClaimResponse', 'Invoice')",
      Poco::Data::Keywords::into(types), Poco::Data::Keywords::into(bodies), Poco::Data::Keywords::now;
  EXPECT_EQ(types.size(), 3u);  // the Claim, the insurer's ClaimResponse, the patient's Invoice
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    files.push_back(dir_.file(types[i] + std::to_string(i) + ".json"));
    gwtest::writeFile(files.back(), bodies[i]);
  }
  files.push_back(dir_.file("page.json"));
  gwtest::writeFile(files.back(), page.body);
  GW_EXPECT_VALID_FHIR(files);
}

// Bills the DFT^P03 encounter; returns the claim id.
std::string billDft(ClaimsFlow& t) {
  auto posted = t.call("POST", "/v1/hospitals/sh-intl/messages", "sh-key",
                       gwtest::readFile(std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/msconv_dft_p03_01.hl7"),
                       "application/hl7-v2");
  EXPECT_EQ(posted.status, 200) << posted.body;
  auto found = t.json(t.call("GET", "/v1/fhir/Encounter?identifier=urn:oid:1.2%7C40007716", "group-key"));
  const std::string encounter =
      found->getArray("entry")->getObject(0)->getObject("resource")->getValue<std::string>("id");
  auto bill = t.json(t.call("POST", "/v1/admin/encounters/" + encounter + "/bill", gwtest::kAdminKey));
  return bill->getArray("claims")->getElement<std::string>(0).substr(6);
}

TEST_P(ClaimsFlow, InsurersOwnAcknowledgementNamesPageAndPosition) {
  const std::string claim = billDft(*this);
  auto page = json(call("GET", "/v1/insurers/bcbs/claims", "bcbs-key"));
  auto identifier = page->getObject("identifier");
  ASSERT_TRUE(identifier) << "the rendered page keeps the page number";
  const std::string number = identifier->getValue<std::string>("value");
  const std::string ack =
      R"({"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"ClaimResponse","status":"active","type":{"coding":[{"code":"institutional"}]},"use":"claim","patient":{"display":"x"},"created":"2026-03-05","insurer":{"display":"BCBS"},"request":{"identifier":{"system":"urn:gw:group:outbox-page","value":")" +
      number + R"(/1"}},"outcome":"queued"}}]})";
  // Another insurer cannot acknowledge this page.
  auto foreign = call("POST", "/v1/insurers/other/claims/ack", "other-key", ack, "application/fhir+json");
  EXPECT_EQ(foreign.body.find(claim), std::string::npos) << foreign.body;
  auto r = call("POST", "/v1/insurers/bcbs/claims/ack", "bcbs-key", ack, "application/fhir+json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find(R"("acknowledged":[")" + claim + "\""), std::string::npos) << r.body;
  EXPECT_EQ(json(call("GET", "/v1/claims/" + claim, "group-key"))->getValue<std::string>("status"), "acknowledged");
}

TEST_P(ClaimsFlow, RemittanceForAnotherInsurersClaimIsRefused) {
  const std::string remittance =
      R"({"resourceType":"ClaimResponse","status":"active","type":{"coding":[{"code":"x"}]},"use":"claim","patient":{"reference":"Patient/x"},"created":"2026-03-05","insurer":{"display":"x"},"request":{"reference":"Claim/not-ours"},"outcome":"complete","payment":{"amount":{"value":1,"currency":"USD"}}})";
  // Nothing in it was applied: a refusal with its reason, not a 200 (issue 20).
  auto r = call("POST", "/v1/insurers/other/remittances", "other-key", remittance, "application/fhir+json");
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_NE(r.body.find("claim not-ours is not a claim of insurer other"), std::string::npos) << r.body;
  // A body that is not a ClaimResponse is answered in FHIR: an OperationOutcome saying why.
  auto broken = call("POST", "/v1/insurers/other/remittances", "other-key", "{not json", "application/fhir+json");
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(broken.body.find("\"resourceType\":\"OperationOutcome\""), std::string::npos) << broken.body;
  EXPECT_NE(broken.body.find("not JSON"), std::string::npos) << broken.body;
}

// Issue 13: an insurer's remittance named any patient and then showed in that patient's searches; a
// remittance before the acknowledgement sent the claim back to "acknowledged"; acknowledging another
// insurer's claim went unaudited.
TEST_P(ClaimsFlow, AnInsurersAnswersConcernOnlyItsOwnClaimsAndNeverGoBack) {
  const std::string claim = billDft(*this);
  ASSERT_EQ(call("GET", "/v1/insurers/bcbs/claims", "bcbs-key").status, 200);
  // A stranger's patient, stored by the hospital.
  auto stranger = call("POST", "/v1/hospitals/sh-intl/messages", "sh-key",
                       gwtest::readFile(std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/itb_adt_a08_escaped_pipe.hl7"),
                       "application/hl7-v2");
  ASSERT_EQ(stranger.status, 200) << stranger.body;
  Poco::Data::Session s = gateway_->context().db.session();
  std::string claimPatient, strangerId;
  gw::Database& db = gateway_->context().db;
  s << db.sql("SELECT patient_id FROM claim WHERE id = ?"), Poco::Data::Keywords::useRef(claim),
      Poco::Data::Keywords::into(claimPatient), Poco::Data::Keywords::now;
  s << db.sql("SELECT id FROM fhir_current WHERE resource_type = 'Patient' AND id <> ? ORDER BY id LIMIT 1"),
      Poco::Data::Keywords::useRef(claimPatient), Poco::Data::Keywords::into(strangerId), Poco::Data::Keywords::now;
  ASSERT_FALSE(strangerId.empty());

  const std::string remittance =
      R"({"resourceType":"ClaimResponse","status":"active","type":{"coding":[{"code":"institutional"}]},"use":"claim","patient":{"reference":"Patient/)" +
      strangerId + R"("},"created":"2026-03-05","insurer":{"display":"BCBS"},"request":{"reference":"Claim/)" + claim +
      R"("},"outcome":"complete","payment":{"amount":{"value":150.00,"currency":"USD"}}})";
  ASSERT_EQ(call("POST", "/v1/insurers/bcbs/remittances", "bcbs-key", remittance, "application/fhir+json").status, 200);
  auto searched = json(call("GET", "/v1/fhir/ClaimResponse?patient=" + strangerId, "group-key"));
  EXPECT_EQ(searched->getValue<int>("total"), 0) << "the insurer attached its answer to a stranger";
  EXPECT_EQ(json(call("GET", "/v1/fhir/ClaimResponse?patient=" + claimPatient, "group-key"))->getValue<int>("total"), 1);

  // The page's acknowledgement arrives after the remittance: the claim stays partially paid.
  ASSERT_EQ(call("POST", "/v1/insurers/bcbs/claims/ack", "bcbs-key", R"({"claims":[")" + claim + R"("]})").status, 200);
  EXPECT_EQ(json(call("GET", "/v1/claims/" + claim, "group-key"))->getValue<std::string>("status"), "partially_paid");

  // Another insurer acknowledging this claim changes nothing and is on record.
  auto foreign = call("POST", "/v1/insurers/other/claims/ack", "other-key", R"({"claims":[")" + claim + R"("]})");
  EXPECT_NE(foreign.body.find(R"("unknown":[")" + claim), std::string::npos) << foreign.body;
  int denied = 0;
  s << "SELECT COUNT(*) FROM audit_log WHERE actor = 'insurer:other' AND action = 'claims.ack' AND outcome = 'denied'",
      Poco::Data::Keywords::into(denied), Poco::Data::Keywords::now;
  EXPECT_EQ(denied, 1);
}

// Issue 20: the group asks the insurer to pre-authorise planned care; the insurer pulls the request like claims
// (its own pages), approves it with a guarantee of payment; the hospital and the group see the decision; the
// final claim names the pre-authorisation and, over the guarantee, waits for an operator before it is sent.
TEST_P(ClaimsFlow, APreauthorizationIsPulledApprovedWithAGuaranteeAndHoldsAFinalClaimOverIt) {
  auto posted = call("POST", "/v1/hospitals/sh-intl/messages", "sh-key",
                     gwtest::readFile(std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/msconv_dft_p03_01.hl7"),
                     "application/hl7-v2");
  ASSERT_EQ(posted.status, 200) << posted.body;
  auto encounter = json(call("GET", "/v1/fhir/Encounter?identifier=urn:oid:1.2%7C40007716", "group-key"))
                       ->getArray("entry")->getObject(0)->getObject("resource");
  const std::string patient = gw::referenceAt(encounter, "subject");
  const std::string practitioner =
      gw::referenceAt(encounter->getArray("participant")->getObject(0), "individual");
  const std::string admission = encounter->getObject("period")->getValue<std::string>("start").substr(0, 10);
  auto identifiers = json(call("GET", "/v1/fhir/" + patient, "group-key"))->getArray("identifier");
  const std::string mrn = identifiers->getObject(0)->getValue<std::string>("system") + "%7C" +
                          identifiers->getObject(0)->getValue<std::string>("value");

  // 1. The request: a planned chest X-ray and visit, 200.00 USD estimated.
  const std::string request = R"({"hospital":"sh-intl","patient":")" + patient + R"(","provider":")" + practitioner +
                              R"(","admission":")" + admission + R"(","currency":"USD",)"
                              R"("diagnosis":[{"system":"http://snomed.info/sct","code":"29857009","display":"Chest pain"}],)"
                              R"("services":[{"system":"http://www.ama-assn.org/go/cpt","code":"71045","estimate":80.00},)"
                              R"({"system":"http://www.ama-assn.org/go/cpt","code":"99203","estimate":"120"}]})";
  EXPECT_EQ(call("POST", "/v1/preauthorizations", "sh-key", request).status, 401) << "a hospital key cannot ask";
  auto asked = call("POST", "/v1/preauthorizations", "group-key", request);
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string preauth = json(asked)->getValue<std::string>("id");
  EXPECT_EQ(json(asked)->getValue<std::string>("insurer"), "bcbs");
  EXPECT_EQ(json(asked)->getValue<std::string>("requested"), "200.00 USD");
  auto refused = call("POST", "/v1/preauthorizations", "group-key",
                      R"({"hospital":"sh-intl","patient":")" + patient + R"(","provider":")" + practitioner +
                          R"(","admission":")" + admission + R"(","currency":"USD","services":[{"system":"s","code":"c","estimate":1.005}]})");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("services[0].estimate must be an exact amount of USD"), std::string::npos) << refused.body;

  // 2. The insurer pulls it from its pre-authorisation pages, not its claim pages.
  EXPECT_EQ(call("GET", "/v1/insurers/bcbs/claims", "bcbs-key").status, 204);
  auto page = call("GET", "/v1/insurers/bcbs/preauthorizations", "bcbs-key");
  ASSERT_EQ(page.status, 200) << page.body;
  auto claim = json(page)->getArray("entry")->getObject(0)->getObject("resource");
  EXPECT_EQ(claim->getValue<std::string>("id"), preauth);
  EXPECT_EQ(claim->getValue<std::string>("use"), "preauthorization");
  EXPECT_EQ(gw::toJson(claim->getObject("total")), R"({"value":200.00,"currency":"USD"})");
  files_.push_back(dir_.file("preauth-page.json"));
  gwtest::writeFile(files_.back(), page.body);

  // 3. Approved: a guarantee of payment of 180.00 USD, reference GOP-2026-001, until the end of the year.
  const std::string approval =
      R"({"resourceType":"ClaimResponse","identifier":[{"system":"urn:bcbs:gop","value":"GOP-2026-001"}],"status":"active","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"institutional"}]},"use":"preauthorization","patient":{"reference":"Patient/x"},"created":"2019-11-20","insurer":{"display":"BCBS"},"request":{"reference":"Claim/)" +
      preauth + R"("},"outcome":"complete","disposition":"approved up to 180.00","preAuthRef":"GOP-2026-001","preAuthPeriod":{"start":"2019-11-20","end":"2099-12-31"},"total":[{"category":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adjudication","code":"benefit"}]},"amount":{"value":180.00,"currency":"USD"}}]})";
  auto decided = call("POST", "/v1/insurers/bcbs/remittances", "bcbs-key", approval, "application/fhir+json");
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_NE(decided.body.find("partially_approved: guarantee of payment 180.00 USD until 2099-12-31 (GOP-2026-001)"),
            std::string::npos) << decided.body;
  files_.push_back(dir_.file("approval.json"));
  gwtest::writeFile(files_.back(), approval);

  // 4. The hospital sees the decision on its own pre-authorisation; another key does not.
  auto seen = call("GET", "/v1/hospitals/sh-intl/preauthorizations/" + preauth, "sh-key");
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(json(seen)->getValue<std::string>("status"), "partially_approved");
  EXPECT_EQ(json(seen)->getValue<std::string>("guarantee"), "180.00 USD");
  EXPECT_EQ(json(seen)->getValue<std::string>("authorization"), "GOP-2026-001");
  EXPECT_EQ(call("GET", "/v1/hospitals/sh-intl/preauthorizations/" + preauth, "bcbs-key").status, 401);
  // It finds it by the medical record number it gave the patient (PID-3 of its message).
  auto byMrn = call("GET", "/v1/hospitals/sh-intl/preauthorizations?identifier=" + mrn, "sh-key");
  ASSERT_EQ(byMrn.status, 200) << byMrn.body;
  auto list = json(byMrn)->getArray("preauthorizations");
  ASSERT_EQ(list->size(), 1u) << byMrn.body;
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("id"), preauth);

  // 5. The final claim (220.00 USD) names the pre-authorisation and is over its guarantee: held, not offered.
  const std::string encounterId = encounter->getValue<std::string>("id");
  auto bill = json(call("POST", "/v1/admin/encounters/" + encounterId + "/bill", gwtest::kAdminKey));
  const std::string finalClaim = bill->getArray("claims")->getElement<std::string>(0).substr(6);
  auto stored = json(call("GET", "/v1/fhir/Claim/" + finalClaim, "group-key"));
  EXPECT_EQ(stored->getArray("insurance")->getObject(0)->getArray("preAuthRef")->getElement<std::string>(0), "GOP-2026-001");
  auto state = json(call("GET", "/v1/claims/" + finalClaim, "group-key"));
  EXPECT_EQ(state->getValue<std::string>("status"), "over_guarantee");
  EXPECT_NE(gw::kit::render(state->getArray("lifecycle")).find("over the guarantee of payment 180.00 USD"), std::string::npos);
  EXPECT_EQ(call("GET", "/v1/insurers/bcbs/claims", "bcbs-key").status, 204) << "sent before review";
  auto group = json(call("GET", "/v1/preauthorizations/" + preauth, "group-key"));
  EXPECT_EQ(gw::kit::render(group->getArray("claims")), R"([{"claim":"Claim/)" + finalClaim + R"(","status":"over_guarantee"}])");

  // 6. An operator releases it; the insurer then pulls it like any claim.
  EXPECT_EQ(call("POST", "/v1/admin/claims/" + finalClaim + "/release", gwtest::kAdminKey).status, 200);
  EXPECT_EQ(call("POST", "/v1/admin/claims/" + finalClaim + "/release", gwtest::kAdminKey).status, 409);
  auto claims = call("GET", "/v1/insurers/bcbs/claims", "bcbs-key");
  ASSERT_EQ(claims.status, 200) << claims.body;
  EXPECT_NE(claims.body.find(finalClaim), std::string::npos);
  GW_EXPECT_VALID_FHIR(files_);
}

INSTANTIATE_TEST_SUITE_P(Backends, ClaimsFlow, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
