// An insurer that speaks X12 5010, end to end over loopback with the real x12 plugin: it pulls an 837P
// (accepted by an independent X12 parser), acknowledges it with a 999 naming page and position, and pays
// with an 835.
#include <gtest/gtest.h>

#include <algorithm>

#include <Poco/File.h>

#include <gw/testing/NodeTool.hpp>
#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include "common/Json.hpp"
#include "intake/BundleWriter.hpp"
#include "store/InboundMessageRepository.hpp"

namespace {

// An outpatient visit with an ICD-10 diagnosis and two CPT charges in USD, covered by ACME.
const char* kVisit = R"({"resourceType":"Bundle","type":"collection","entry":[
{"fullUrl":"urn:uuid:pat","resource":{"resourceType":"Patient","identifier":[{"system":"urn:gw:us-clinic:mr","value":"MRN-77"}],
 "name":[{"family":"Doe","given":["Jane"]}],"gender":"female","birthDate":"1980-04-02",
 "address":[{"line":["1 Main St"],"city":"Austin","state":"TX","postalCode":"78701","country":"US"}]}},
{"fullUrl":"urn:uuid:acme","resource":{"resourceType":"Organization","identifier":[{"system":"urn:gw:us-clinic:niip","value":"ACME01"}],"name":"ACME Health"}},
{"fullUrl":"urn:uuid:cov","resource":{"resourceType":"Coverage","identifier":[{"system":"urn:gw:us-clinic:policy","value":"POL-1"}],
 "status":"active","subscriberId":"MEM123456","beneficiary":{"reference":"urn:uuid:pat"},"subscriber":{"reference":"urn:uuid:pat"},
 "relationship":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/subscriber-relationship","code":"self"}]},
 "period":{"start":"2020-01-01"},"payor":[{"reference":"urn:uuid:acme"}]}},
{"fullUrl":"urn:uuid:doc","resource":{"resourceType":"Practitioner","identifier":[{"system":"urn:gw:us-clinic:practitioner","value":"D1"},
 {"system":"http://hl7.org/fhir/sid/us-npi","value":"1234567893"}],"name":[{"family":"Smith","given":["Adam"]}]}},
{"fullUrl":"urn:uuid:enc","resource":{"resourceType":"Encounter","identifier":[{"system":"urn:gw:us-clinic:visit","value":"V-9"}],
 "status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
 "subject":{"reference":"urn:uuid:pat"},"participant":[{"individual":{"reference":"urn:uuid:doc"}}],
 "period":{"start":"2026-03-01T09:00:00-06:00","end":"2026-03-01T10:00:00-06:00"},
 "diagnosis":[{"condition":{"reference":"urn:uuid:dx"}}]}},
{"fullUrl":"urn:uuid:dx","resource":{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"J06.9"}]},
 "subject":{"reference":"urn:uuid:pat"},"encounter":{"reference":"urn:uuid:enc"}}},
{"fullUrl":"urn:uuid:c1","resource":{"resourceType":"ChargeItem","identifier":[{"system":"urn:gw:us-clinic:transaction","value":"T1"}],
 "status":"billable","code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99213"}]},"subject":{"reference":"urn:uuid:pat"},
 "context":{"reference":"urn:uuid:enc"},"occurrenceDateTime":"2026-03-01","quantity":{"value":1},"priceOverride":{"value":150.00,"currency":"USD"}}},
{"fullUrl":"urn:uuid:c2","resource":{"resourceType":"ChargeItem","identifier":[{"system":"urn:gw:us-clinic:transaction","value":"T2"}],
 "status":"billable","code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"87880"}]},"subject":{"reference":"urn:uuid:pat"},
 "context":{"reference":"urn:uuid:enc"},"occurrenceDateTime":"2026-03-01","quantity":{"value":1},"priceOverride":{"value":70.00,"currency":"USD"}}}]})";

std::string isa(const std::string& control) {
  return "ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*DOCGROUP       *260305*1200*^*00501*" + control +
         "*0*T*:~";
}

class X12ClaimsFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = std::make_unique<gwtest::TestStore>(GetParam(), dir_);
    GW_REQUIRE_STORE(*store_);
    Poco::File(dir_.file("plugins")).createDirectories();
    Poco::File(std::string(GW_PLUGIN_DIR) + "/x12.so").copyTo(dir_.file("plugins/x12.so"));
    std::string text =
        "server:\n  listen: 127.0.0.1:0\n  admin_key_sha256: " + gwtest::sha256(gwtest::kAdminKey) +
        "\n  group_key_sha256: " + gwtest::sha256("group-key") + "\n" + store_->yaml() +
        "plugins:\n  folder: " + dir_.file("plugins") + "\n  cache_folder: " + dir_.file("cache") +
        "\nhospitals:\n  - id: us-clinic\n    key_sha256: " + gwtest::sha256("clinic-key") +
        "\n    adapter: hl7v2\n    contract:\n      billing: manual\n      currency: USD\n      shares:\n"
        "        - {from: 2020-01-01, group: 0.7}\n"
        "insurers:\n  - id: acme\n    key_sha256: " + gwtest::sha256("acme-key") + "\n    adapter: x12\n"
        "    options: {sender_id: DOCGROUP, receiver_id: ACMEHEALTH, billing_provider_npi: \"1234567893\","
        " billing_provider_tax_id: \"123456789\", billing_provider_name: Doctor Group, billing_provider_street: 1 Clinic Way,"
        " billing_provider_city: Austin, billing_provider_state: TX, billing_provider_postal_code: \"78701\","
        " contact_phone: \"5125550100\"}\n"
        "    payer: {identifiers: [\"urn:gw:us-clinic:niip|ACME01\"]}\n";
    gateway_ = std::make_unique<gw::Gateway>(gw::parseConfig(text, dir_.file("gateway.yaml")));
    gateway_->start();
    // The visit as a hospital message would have stored it.
    auto& db = gateway_->context().db;
    gw::Transaction tx(db);
    gw::InboundMessage m;
    m.hospital = "us-clinic";
    m.messageId = "M-1";
    m.receivedAt = "2026-03-01T12:00:00Z";
    m.contentType = "application/xml";
    m.body = "<x/>";
    m.bodySha256 = gwtest::sha256(m.body);
    m.status = "accepted";
    auto row = gw::InboundMessageRepository(db).insert(tx.session(), m);
    for (const auto& r : gw::BundleWriter(db).write(tx.session(), kVisit, "us-clinic", {}, row).resources)
      if (r.type == "Encounter") encounter_ = r.id;
    tx.commit();
  }
  void TearDown() override {
    gateway_.reset();
    store_.reset();
  }
  gwtest::HttpResult call(const std::string& method, const std::string& path, const std::string& key,
                          const std::string& body = "", const std::string& type = "application/edi-x12") {
    return gwtest::httpCall(gateway_->port(), method, path, body, {{"X-API-Key", key}}, type);
  }

  gwtest::TempDir dir_;
  std::unique_ptr<gwtest::TestStore> store_;
  std::unique_ptr<gw::Gateway> gateway_;
  std::string encounter_;
};

TEST_P(X12ClaimsFlow, InsurerPullsAn837AcknowledgesWithA999AndPaysWithAn835) {
  auto billed = call("POST", "/v1/admin/encounters/" + encounter_ + "/bill", gwtest::kAdminKey, "", "application/json");
  ASSERT_EQ(billed.status, 200) << billed.body;
  const std::string claim = gw::parseJsonObject(billed.body, "bill")->getArray("claims")->getElement<std::string>(0).substr(6);

  auto page = call("GET", "/v1/insurers/acme/claims", "acme-key");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.headers["Content-Type"], "application/edi-x12");
  EXPECT_NE(page.body.find("ST*837*0001*005010X222A1~"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("CLM*" + claim + "*220*"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("HI*ABK:J069~"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("NM1*IL*1*Doe*Jane****MI*MEM123456~"), std::string::npos) << page.body;

  // The independent X12 parser accepts the interchange.
  gwtest::writeFile(dir_.file("page.837"), page.body);
  const gw::testkit::NodeToolRun x12 = gw::testkit::runNodeTool(
      std::string(GW_SOURCE_DIR) + "/tools/x12-validator/validate.js", "node-x12", {dir_.file("page.837")});
  if (x12.ran) {
    EXPECT_EQ(x12.exitCode, 0) << x12.output;
  } else if (gw::testkit::nodeRequired()) {
    ADD_FAILURE() << x12.output << " (GW_REQUIRE_NODE is set)";
  }

  // 999: the group control number is the page, AK2 names the transaction set (the claim's position).
  std::string gs = page.body.substr(page.body.find("GS*HC*"));
  gs = gs.substr(0, gs.find('~'));
  std::vector<std::string> elements;
  for (std::size_t start = 0, star; start <= gs.size(); start = star + 1) {
    star = gs.find('*', start);
    if (star == std::string::npos) star = gs.size();
    elements.push_back(gs.substr(start, star - start));
  }
  ASSERT_GE(elements.size(), 7u) << gs;
  const std::string gs06 = elements[6];
  const std::string ack = isa("000000701") + "GS*FA*ACMEHEALTH*DOCGROUP*20260305*1200*701*X*005010X231A1~" +
                          "ST*999*0001*005010X231A1~AK1*HC*" + gs06 + "*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~" +
                          "AK9*A*1*1*1~SE*6*0001~GE*1*701~IEA*1*000000701~";
  auto acked = call("POST", "/v1/insurers/acme/claims/ack", "acme-key", ack);
  ASSERT_EQ(acked.status, 200) << acked.body;
  EXPECT_NE(acked.body.find("\"acknowledged\":[\"" + claim + "\"]"), std::string::npos) << acked.body << "\n" << gs06;

  // 835: paid 180 of 220, the patient owes 40.
  const std::string remittance = isa("000000702") + "GS*HP*ACMEHEALTH*DOCGROUP*20260310*1200*702*X*005010X221A1~" +
                                 "ST*835*0001~BPR*I*180*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*98765*20260310~" +
                                 "TRN*1*12345*1512345678~N1*PR*ACME HEALTH~N1*PE*DOCTOR GROUP*XX*1234567893~LX*1~" +
                                 "CLP*" + claim + "*1*220*180*40*12*CLAIMREF1~CAS*PR*1*40~SE*9*0001~GE*1*702~IEA*1*000000702~";
  auto paid = call("POST", "/v1/insurers/acme/remittances", "acme-key", remittance);
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_NE(paid.body.find("partially_paid"), std::string::npos) << paid.body;
  auto state = gw::parseJsonObject(call("GET", "/v1/claims/" + claim, "group-key").body, "claim");
  EXPECT_EQ(state->getValue<std::string>("status"), "partially_paid");
  EXPECT_EQ(state->getValue<std::string>("paid"), "180.00 USD");
  EXPECT_EQ(state->getValue<std::string>("patient_responsibility"), "40.00 USD");

  // Issue 20: the same 835 again (same ISA13) changes nothing and is answered as the first time: one
  // partially_paid event, one patient Invoice.
  auto again = call("POST", "/v1/insurers/acme/remittances", "acme-key", remittance);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_NE(again.body.find("\"duplicate\":true"), std::string::npos) << again.body;
  EXPECT_EQ(gw::parseJsonObject(again.body, "answer")->getArray("results")->getObject(0)->getValue<std::string>("reason"),
            gw::parseJsonObject(paid.body, "answer")->getArray("results")->getObject(0)->getValue<std::string>("reason"));
  auto states = [&] {
    std::string list;
    auto events = gw::parseJsonObject(call("GET", "/v1/claims/" + claim, "group-key").body, "claim")->getArray("lifecycle");
    for (std::size_t i = 0; i < events->size(); ++i)
      list += events->getObject(static_cast<unsigned>(i))->getValue<std::string>("state") + " ";
    return list;
  };
  EXPECT_EQ(states(), "built offered acknowledged partially_paid ");
  const std::string patient = state->getValue<std::string>("patient");
  // The patient's Invoices as the FHIR API shows them: "<status> <totalNet>" each.
  auto invoices = [&] {
    std::vector<std::string> found;
    auto entries = gw::parseJsonObject(call("GET", "/v1/fhir/Invoice?patient=" + patient, "group-key").body, "search")
                       ->getArray("entry");
    for (std::size_t i = 0; entries && i < entries->size(); ++i) {
      auto invoice = entries->getObject(static_cast<unsigned>(i))->getObject("resource");
      found.push_back(invoice->getValue<std::string>("status") + " " + gw::toJson(invoice->getObject("totalNet")));
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  EXPECT_EQ(invoices(), std::vector<std::string>{R"(issued {"value":40.00,"currency":"USD"})"}) << "the patient was billed twice";

  // A malformed 835 (CLP04 is not an amount) is answered with a 999 that points at the segment and the element.
  std::string corrupted = remittance;
  corrupted.replace(corrupted.find("*180*40*12"), 10, "*18O*40*12");
  corrupted.replace(corrupted.find("000000702"), 9, "000000703");
  corrupted.replace(corrupted.rfind("000000702"), 9, "000000703");
  auto refused = call("POST", "/v1/insurers/acme/remittances", "acme-key", corrupted);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.headers["Content-Type"], "application/edi-x12") << refused.body;
  EXPECT_NE(refused.body.find("ST*999*"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("IK3*CLP*"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("IK4*4*782*6*18O~"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("IK5*R*5~"), std::string::npos) << refused.body;
  // A broken envelope (IEA02 is not ISA13) is answered with a TA1, on remittances and acknowledgements alike.
  std::string broken = remittance;
  broken.replace(broken.rfind("IEA*1*000000702"), 15, "IEA*1*000000799");
  for (const char* path : {"/v1/insurers/acme/remittances", "/v1/insurers/acme/claims/ack"}) {
    auto answer = call("POST", path, "acme-key", broken);
    EXPECT_EQ(answer.status, 400) << path << "\n" << answer.body;
    EXPECT_NE(answer.body.find("TA1*000000702*"), std::string::npos) << path << "\n" << answer.body;
    EXPECT_NE(answer.body.find("*R*001~"), std::string::npos) << path << "\n" << answer.body;
  }
  EXPECT_EQ(states(), "built offered acknowledged partially_paid ");

  // A reversal (CLP02 22, the amounts negated) undoes exactly that payment: nothing paid, the Invoice
  // cancelled; the correction that follows is applied as a payment of its own.
  const std::string reversal = isa("000000704") + "GS*HP*ACMEHEALTH*DOCGROUP*20260320*1200*704*X*005010X221A1~" +
                               "ST*835*0001~BPR*I*20*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999999999*DA*98765*20260320~" +
                               "TRN*1*12346*1512345678~N1*PR*ACME HEALTH~N1*PE*DOCTOR GROUP*XX*1234567893~LX*1~" +
                               "CLP*" + claim + "*22*-220*-180*-40*12*CLAIMREF1~CAS*PR*1*-40~" +
                               "CLP*" + claim + "*1*220*200*20*12*CLAIMREF1~CAS*PR*1*20~SE*11*0001~GE*1*704~IEA*1*000000704~";
  auto reversed = call("POST", "/v1/insurers/acme/remittances", "acme-key", reversal);
  ASSERT_EQ(reversed.status, 200) << reversed.body;
  auto results = gw::parseJsonObject(reversed.body, "answer")->getArray("results");
  ASSERT_EQ(results->size(), 2u) << reversed.body;
  EXPECT_EQ(results->getObject(0)->getValue<std::string>("status"), "reversed") << reversed.body;
  EXPECT_NE(results->getObject(0)->getValue<std::string>("reason").find("cancelled"), std::string::npos) << reversed.body;
  EXPECT_EQ(results->getObject(1)->getValue<std::string>("status"), "partially_paid") << reversed.body;
  state = gw::parseJsonObject(call("GET", "/v1/claims/" + claim, "group-key").body, "claim");
  EXPECT_EQ(state->getValue<std::string>("paid"), "200.00 USD");
  EXPECT_EQ(state->getValue<std::string>("patient_responsibility"), "20.00 USD");
  EXPECT_EQ(states(), "built offered acknowledged partially_paid reversed partially_paid ");
  EXPECT_EQ(invoices(), (std::vector<std::string>{R"(cancelled {"value":40.00,"currency":"USD"})",
                                                  R"(issued {"value":20.00,"currency":"USD"})"}));
}

// Issue 20: a pre-authorisation for a planned admission goes to an X12 insurer as a 278 on its own pages; its
// 278 response (HCR A1, a certification number and an expiration date) approves it.
TEST_P(X12ClaimsFlow, APreauthorizationGoesOutAsA278AndA278ResponseApprovesIt) {
  auto patient = gw::parseJsonObject(
      call("GET", "/v1/fhir/Patient?identifier=urn:gw:us-clinic:mr%7CMRN-77", "group-key").body, "search");
  auto practitioner = gw::parseJsonObject(
      call("GET", "/v1/fhir/Practitioner?identifier=urn:gw:us-clinic:practitioner%7CD1", "group-key").body, "search");
  const std::string patientId = patient->getArray("entry")->getObject(0)->getObject("resource")->getValue<std::string>("id");
  const std::string doctorId = practitioner->getArray("entry")->getObject(0)->getObject("resource")->getValue<std::string>("id");
  auto asked = call("POST", "/v1/preauthorizations", "group-key",
                    R"({"hospital":"us-clinic","patient":"Patient/)" + patientId + R"(","provider":"Practitioner/)" + doctorId +
                        R"(","admission":"2026-04-14","discharge":"2026-04-16","currency":"USD",)"
                        R"("diagnosis":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"K80.20"}],)"
                        R"("services":[{"system":"http://www.ama-assn.org/go/cpt","code":"47562","estimate":9000.00}]})",
                    "application/json");
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string preauth = gw::parseJsonObject(asked.body, "answer")->getValue<std::string>("id");

  EXPECT_EQ(call("GET", "/v1/insurers/acme/claims", "acme-key").status, 204) << "a 278 is not on the claim pages";
  auto page = call("GET", "/v1/insurers/acme/preauthorizations", "acme-key");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("ST*278*0001*005010X217~"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("TRN*1*" + preauth + "*"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("UM*AR*"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("DTP*435*D8*20260414~"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("HI*ABK:K8020~"), std::string::npos) << page.body;

  std::string response = gwtest::readFile(std::string(GW_SOURCE_DIR) + "/adapters/x12/tests/fixtures/278-response-approved.x12");
  response.replace(response.find("9f2d4b6a-1c3e-4a5f-8b7d-0e1f2a3b4c5d"), 36, preauth);
  auto decided = call("POST", "/v1/insurers/acme/remittances", "acme-key", response);
  ASSERT_EQ(decided.status, 200) << decided.body;
  auto view = gw::parseJsonObject(call("GET", "/v1/preauthorizations/" + preauth, "group-key").body, "view");
  EXPECT_EQ(view->getValue<std::string>("status"), "approved");
  EXPECT_EQ(view->getValue<std::string>("authorization"), "AUTH-778812");
  EXPECT_EQ(view->getValue<std::string>("valid_until"), "2026-05-14");
  EXPECT_EQ(view->getValue<std::string>("guarantee"), "9000.00 USD") << "a 278 names no amount: what was asked for";
  // The same 278 response again changes nothing.
  auto again = call("POST", "/v1/insurers/acme/remittances", "acme-key", response);
  EXPECT_NE(again.body.find("\"duplicate\":true"), std::string::npos) << again.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, X12ClaimsFlow, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
