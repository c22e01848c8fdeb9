// Claim building on both backends: own policy, family plan, two coverages, self-pay, expired policy,
// revenue split by contract and category, and nothing billed twice.
#include <gtest/gtest.h>

#include <random>

#include "TestSupport.hpp"
#include "audit/AuditLog.hpp"
#include "claims/ClaimAging.hpp"
#include "claims/ClaimBuilder.hpp"
#include "claims/ClaimOutbox.hpp"
#include "claims/DischargeBilling.hpp"
#include "claims/Money.hpp"
#include "claims/RemittanceApplier.hpp"
#include "claims/Settlement.hpp"
#include "common/Json.hpp"
#include "intake/BundleWriter.hpp"
#include "store/InboundMessageRepository.hpp"
#include "store/Migrations.hpp"
#include "store/ResourceRepository.hpp"

namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Poco::JSON::Object;

const std::string kHash(64, 'a');
const std::string kIdCard = "urn:oid:2.16.156.10011.1.3";

std::string configText(const std::string& shareFrom = "2026-01-01") {
  return "hospitals:\n"
         "  - id: sh-intl\n    key_sha256: " + kHash + "\n    adapter: hl7v2\n"
         "    contract:\n      currency: CNY\n      shares:\n"
         "        - from: " + shareFrom + "\n          group: 0.6\n"
         "          categories:\n            - {name: lab, codes: [\"80*\"], group: 0.3}\n"
         "insurers:\n"
         "  - id: acme\n    name: ACME Health\n    key_sha256: " + std::string(64, 'b') + "\n    adapter: fhir_claim\n"
         "    payer: {identifiers: [\"urn:gw:sh-intl:niip|ACME\"]}\n"
         "  - id: beta\n    key_sha256: " + std::string(64, 'c') + "\n    adapter: fhir_claim\n"
         "    payer: {names: [Beta Life]}\n"
         "practitioners:\n  - {id: P001, sites: [{hospital: sh-intl, local_id: D-17}]}\n"
         "memberships:\n"
         "  - plan: FAM-1\n    insurer: acme\n    policy: POL-9\n"
         "    subscriber: \"" + kIdCard + "|110101198001010011\"\n    from: 2026-01-01\n    to: 2026-12-31\n"
         "    members:\n      - {identifier: \"" + kIdCard + "|110101201001010022\", relationship: child}\n";
}

std::string entry(const std::string& fullUrl, const std::string& resource) {
  return R"({"fullUrl":")" + fullUrl + R"(","resource":)" + resource + "}";
}

std::string coverage(const std::string& n, const std::string& payorUrl, int order, const std::string& end) {
  return entry("urn:uuid:cov" + n,
               R"({"resourceType":"Coverage","identifier":[{"system":"urn:gw:sh-intl:policy","value":"POL)" + n +
                   R"("}],"status":"active","beneficiary":{"reference":"urn:uuid:pat"},"period":{"start":"2025-01-01","end":")" +
                   end + R"("},"payor":[{"reference":")" + payorUrl + R"("}],"order":)" + std::to_string(order) + "}");
}

const std::string kAcme = entry("urn:uuid:acme",
    R"({"resourceType":"Organization","identifier":[{"system":"urn:gw:sh-intl:niip","value":"ACME"}],"name":"Acme"})");
const std::string kBeta =
    entry("urn:uuid:beta", R"({"resourceType":"Organization","identifier":[{"system":"urn:gw:sh-intl:niip","value":"B1"}],"name":"beta life"})");

class ClaimBuilderTest : public gwtest::MigratedStoreTest {
 protected:
  void SetUp() override {
    MigratedStoreTest::SetUp();
    if (IsSkipped()) return;
    config_ = gw::parseConfig(configText(), "/etc/gw/gateway.yaml");
  }
  // Stores one hospital message: a patient, an encounter with two charges, and `extra` entries.
  std::string admit(const std::string& idCard, const std::vector<std::string>& extra) {
    admission_ = idCard;
    std::string entries =
        entry("urn:uuid:pat", R"({"resourceType":"Patient","identifier":[{"system":"urn:gw:sh-intl:mr","value":"MRN-)" +
                                  idCard + R"("},{"system":")" + kIdCard + R"(","value":")" + idCard + R"("}]})") +
        "," +
        entry("urn:uuid:doc", R"({"resourceType":"Practitioner","identifier":[{"system":"urn:gw:sh-intl:practitioner","value":"D-17"}]})") +
        "," +
        entry("urn:uuid:enc", R"({"resourceType":"Encounter","identifier":[{"system":"urn:gw:sh-intl:visit","value":"V-)" +
                                  idCard + R"("}],"status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},"subject":{"reference":"urn:uuid:pat"},"participant":[{"individual":{"reference":"urn:uuid:doc"}}],"period":{"start":"2026-03-01T09:00:00+08:00","end":"2026-03-01T11:00:00+08:00"}})") +
        "," + charge("1", "80053", "100.00") + "," + charge("2", "99213", "250.50");
    for (const auto& e : extra) entries += "," + e;
    gw::Transaction tx(*db_);
    gw::InboundMessage m;
    m.hospital = "sh-intl";
    m.messageId = "M-" + idCard;
    m.receivedAt = "2026-03-01T12:00:00Z";
    m.contentType = "application/xml";
    m.body = "<x/>";
    m.bodySha256 = gwtest::sha256(m.body);
    m.status = "accepted";
    std::int64_t row = gw::InboundMessageRepository(*db_).insert(tx.session(), m);
    auto written = gw::BundleWriter(*db_).write(
        tx.session(), R"({"resourceType":"Bundle","type":"collection","entry":[)" + entries + "]}", "sh-intl",
        config_.practitioners, row);
    tx.commit();
    for (const auto& r : written.resources)
      if (r.type == "Encounter") return r.id;
    return "";
  }
  std::string charge(const std::string& n, const std::string& code, const std::string& amount) {
    return entry("urn:uuid:chg" + n,
                 R"({"resourceType":"ChargeItem","identifier":[{"system":"urn:gw:sh-intl:transaction","value":"T)" + admission_ +
                     "-" + n + R"("}],"status":"billable","code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":")" +
                     code + R"("}]},"subject":{"reference":"urn:uuid:pat"},"context":{"reference":"urn:uuid:enc"},"occurrenceDateTime":"2026-03-01","priceOverride":{"value":)" +
                     amount + R"(,"currency":"CNY"}})");
  }
  gw::ClaimBuildResult bill(const std::string& encounter) {
    gw::Transaction tx(*db_);
    auto result = gw::ClaimBuilder(*db_).build(tx.session(), config_, encounter);
    tx.commit();
    return result;
  }
  Object::Ptr resource(const std::string& type, const std::string& id) {
    Poco::Data::Session s = db_->session();
    auto stored = gw::ResourceRepository(*db_).current(s, type, id);
    return stored ? gw::parseJsonObject(stored->body, type) : nullptr;
  }
  std::vector<std::string> rows(const std::string& sql) {
    Poco::Data::Session s = db_->session();
    std::vector<std::string> out;
    s << sql, into(out), now;
    return out;
  }

  gw::GatewayConfig config_;
  std::string admission_;  // the id card of the admission being stored: charge ids are unique per admission
};

TEST_P(ClaimBuilderTest, OwnPolicyMakesOneClaimWithTotalsAndSplits) {
  std::string encounter = admit("110101199001010033", {kAcme, coverage("1", "urn:uuid:acme", 1, "2026-12-31")});
  auto result = bill(encounter);
  EXPECT_EQ(result.coverage, "own");
  ASSERT_EQ(result.claims.size(), 1u);
  EXPECT_EQ(result.totalMinor, 35050);
  auto claim = resource("Claim", result.claims[0]);
  ASSERT_TRUE(claim);
  // Written as the exact decimal in the currency's minor unit, as it is stored.
  EXPECT_EQ(gw::toJson(claim->getObject("total")), R"({"value":350.50,"currency":"CNY"})");
  EXPECT_EQ(gw::referenceAt(claim, "provider"), "Practitioner/P001");
  EXPECT_EQ(claim->getArray("item")->size(), 2u);
  auto insurance = claim->getArray("insurance")->getObject(0);
  EXPECT_TRUE(insurance->getValue<bool>("focal"));
  EXPECT_EQ(rows("SELECT status FROM claim"), std::vector<std::string>{"built"});
  EXPECT_EQ(rows("SELECT insurer || ' ' || status FROM claim_outbox"), std::vector<std::string>{"acme ready"});
  // Lab (80*) at 30% to the group; the rest at the default 60%.
  EXPECT_EQ(rows("SELECT category || ' ' || amount_minor || ' ' || group_minor || ' ' || hospital_minor || ' ' || payer "
                 "FROM billed_item ORDER BY amount_minor"),
            (std::vector<std::string>{"lab 10000 3000 7000 acme", "default 25050 15030 10020 acme"}));
}

TEST_P(ClaimBuilderTest, DependantOnAFamilyPlanIsBilledToThePlansInsurer) {
  std::string encounter = admit("110101201001010022", {});
  auto result = bill(encounter);
  EXPECT_EQ(result.coverage, "family");
  ASSERT_EQ(result.claims.size(), 1u);
  auto claim = resource("Claim", result.claims[0]);
  EXPECT_EQ(gw::referenceAt(claim, "insurer"), "Organization/insurer-acme");
  const std::string coverageRef = gw::referenceAt(claim->getArray("insurance")->getObject(0), "coverage");
  auto coverageResource = resource("Coverage", coverageRef.substr(9));
  ASSERT_TRUE(coverageResource);
  EXPECT_EQ(coverageResource->getObject("relationship")->getArray("coding")->getObject(0)->getValue<std::string>("code"),
            "child");
  EXPECT_EQ(coverageResource->getValue<std::string>("subscriberId"), "110101198001010011");
}

TEST_P(ClaimBuilderTest, TwoCoveragesMakeAPrimaryClaimAndAHeldSecondary) {
  std::string encounter = admit("110101199001010044", {kAcme, kBeta, coverage("2", "urn:uuid:beta", 2, "2026-12-31"),
                                                        coverage("1", "urn:uuid:acme", 1, "2026-12-31")});
  auto result = bill(encounter);
  ASSERT_EQ(result.claims.size(), 2u);
  EXPECT_EQ(rows("SELECT insurer || ' ' || sequence || ' ' || status FROM claim ORDER BY sequence"),
            (std::vector<std::string>{"acme 1 built", "beta 2 held"}));
  EXPECT_EQ(rows("SELECT insurer FROM claim_outbox"), std::vector<std::string>{"acme"});
  auto secondary = resource("Claim", result.claims[1]);
  auto insurance = secondary->getArray("insurance");
  ASSERT_EQ(insurance->size(), 2u);
  EXPECT_FALSE(insurance->getObject(0)->getValue<bool>("focal"));
  EXPECT_TRUE(insurance->getObject(1)->getValue<bool>("focal"));
}

TEST_P(ClaimBuilderTest, NoCoverageIsSelfPayWithAnInvoiceAndNoClaim) {
  std::string encounter = admit("110101199001010055", {});
  auto result = bill(encounter);
  EXPECT_EQ(result.coverage, "self-pay");
  EXPECT_TRUE(result.claims.empty());
  auto invoice = resource("Invoice", result.invoice);
  ASSERT_TRUE(invoice);
  EXPECT_EQ(invoice->getObject("totalGross")->getValue<double>("value"), 350.50);
  EXPECT_TRUE(rows("SELECT id FROM claim").empty());
  EXPECT_EQ(rows("SELECT DISTINCT payer_class FROM billed_item"), std::vector<std::string>{"self_pay"});
}

TEST_P(ClaimBuilderTest, ExpiredPolicyFallsThroughToSelfPay) {
  std::string encounter = admit("110101199001010066", {kAcme, coverage("3", "urn:uuid:acme", 1, "2025-12-31")});
  EXPECT_EQ(bill(encounter).coverage, "self-pay");
}

TEST_P(ClaimBuilderTest, ChargesAreBilledOnce) {
  std::string encounter = admit("110101199001010077", {kAcme, coverage("4", "urn:uuid:acme", 1, "2026-12-31")});
  EXPECT_EQ(bill(encounter).claims.size(), 1u);
  auto first = rows("SELECT id FROM claim");
  auto again = bill(encounter);
  // Issue 20: "already billed", with the existing claims (was coverage "none", read as "no coverage").
  EXPECT_EQ(again.status, "already_billed");
  EXPECT_EQ(again.claims, first);
  EXPECT_EQ(rows("SELECT id FROM claim").size(), 1u);
}

TEST_P(ClaimBuilderTest, NoContractForTheDateIsAnErrorThatWritesNothing) {
  config_ = gw::parseConfig(configText("2027-01-01"), "/etc/gw/gateway.yaml");
  std::string encounter = admit("110101199001010088", {kAcme, coverage("5", "urn:uuid:acme", 1, "2026-12-31")});
  try {
    bill(encounter);
    FAIL() << "billed without a contract";
  } catch (const gw::ClaimBuildError& e) {
    EXPECT_NE(std::string(e.what()).find("no revenue-share contract covering 2026-03-01"), std::string::npos);
  }
  EXPECT_TRUE(rows("SELECT id FROM claim").empty());
  EXPECT_TRUE(rows("SELECT charge_item_id FROM billed_item").empty());
}

std::string remittance(const std::string& claim, const std::string& outcome, const std::string& paid,
                       const std::string& status = "active") {
  return R"({"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"ClaimResponse","status":")" +
         status + R"(","outcome":")" + outcome + R"(","request":{"reference":"Claim/)" + claim + R"("},)" +
         (paid.empty() ? "" : R"("payment":{"amount":{"value":)" + paid + R"(,"currency":"CNY"}},)") +
         R"("disposition":"as per contract"}}]})";
}

TEST_P(ClaimBuilderTest, PrimaryRemittanceReleasesTheHeldSecondary) {
  std::string encounter = admit("110101199001010099", {kAcme, kBeta, coverage("6", "urn:uuid:acme", 1, "2026-12-31"),
                                                        coverage("7", "urn:uuid:beta", 2, "2026-12-31")});
  auto built = bill(encounter);
  gw::Transaction tx(*db_);
  auto outcomes = gw::RemittanceApplier(*db_).apply(tx.session(), "acme", remittance(built.claims[0], "complete", "300.50"));
  tx.commit();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].status, "partially_paid");
  EXPECT_EQ(rows("SELECT status || ' ' || paid_minor || ' ' || patient_minor FROM claim WHERE sequence = 1"),
            std::vector<std::string>{"partially_paid 30050 5000"});
  EXPECT_EQ(rows("SELECT insurer || ' ' || status FROM claim_outbox ORDER BY seq"),
            (std::vector<std::string>{"acme ready", "beta ready"}));
  EXPECT_EQ(rows("SELECT status FROM claim WHERE sequence = 2"), std::vector<std::string>{"built"});
}

TEST_P(ClaimBuilderTest, DeniedClaimMovesTheWholeAmountToSelfPay) {
  std::string encounter = admit("110101199001010100", {kAcme, coverage("8", "urn:uuid:acme", 1, "2026-12-31")});
  auto built = bill(encounter);
  gw::Transaction tx(*db_);
  auto outcomes = gw::RemittanceApplier(*db_).apply(tx.session(), "acme", remittance(built.claims[0], "error", ""));
  tx.commit();
  EXPECT_EQ(outcomes[0].status, "denied");
  EXPECT_NE(outcomes[0].reason.find("patient owes 350.50 CNY"), std::string::npos) << outcomes[0].reason;
  EXPECT_EQ(rows("SELECT resource_type FROM fhir_current WHERE resource_type = 'Invoice'").size(), 1u);
}

TEST_P(ClaimBuilderTest, CancelledResponseOrNegativePaymentIsAReversal) {
  std::string encounter = admit("110101199001010111", {kAcme, coverage("9", "urn:uuid:acme", 1, "2026-12-31")});
  auto built = bill(encounter);
  gw::Transaction tx(*db_);
  gw::RemittanceApplier applier(*db_);
  EXPECT_EQ(applier.apply(tx.session(), "acme", remittance(built.claims[0], "complete", "350.50"))[0].status, "paid");
  EXPECT_EQ(applier.apply(tx.session(), "acme", remittance(built.claims[0], "complete", "-350.50"))[0].status,
            "reversed");
  EXPECT_EQ(applier.apply(tx.session(), "beta", remittance(built.claims[0], "complete", "1"))[0].status, "refused");
  tx.commit();
}

std::string identified(const std::string& remittanceJson, const std::string& id) {
  std::string text = remittanceJson;
  text.insert(text.find(R"("status":)"), R"("identifier":[{"system":"urn:acme:remittance","value":")" + id + R"("}],)");
  return text;
}

TEST_P(ClaimBuilderTest, AReversalUndoesExactlyThePaymentItReverses) {
  std::string encounter = admit("110101199001010122", {kAcme, kBeta, coverage("10", "urn:uuid:acme", 1, "2026-12-31"),
                                                        coverage("11", "urn:uuid:beta", 2, "2026-12-31")});
  auto built = bill(encounter);
  ASSERT_EQ(built.claims.size(), 2u);
  const std::string primary = built.claims[0];
  gw::Transaction tx(*db_);
  gw::RemittanceApplier applier(*db_);
  // Nothing to reverse yet; and a reversal must mirror the payment it undoes.
  auto early = applier.apply(tx.session(), "acme", remittance(primary, "complete", "-300.50"));
  EXPECT_EQ(early[0].status, "refused");
  EXPECT_NE(early[0].reason.find("nothing to reverse"), std::string::npos) << early[0].reason;
  EXPECT_EQ(applier.apply(tx.session(), "acme", identified(remittance(primary, "complete", "300.50"), "P1"))[0].status,
            "partially_paid");
  auto mismatched = applier.apply(tx.session(), "acme", identified(remittance(primary, "complete", "-300.00"), "R0"));
  EXPECT_EQ(mismatched[0].status, "refused");
  EXPECT_NE(mismatched[0].reason.find("does not undo the payment of 300.50 CNY"), std::string::npos) << mismatched[0].reason;
  // The payment released the held secondary; its reversal holds it again (it was not pulled yet).
  auto reversed = applier.apply(tx.session(), "acme", identified(remittance(primary, "complete", "-300.50"), "R1"));
  tx.commit();
  EXPECT_EQ(reversed[0].status, "reversed");
  EXPECT_NE(reversed[0].reason.find("held again"), std::string::npos) << reversed[0].reason;
  EXPECT_EQ(rows("SELECT status || ' ' || COALESCE(CAST(paid_minor AS TEXT), 'none') || ' ' || "
                 "COALESCE(CAST(patient_minor AS TEXT), 'none') FROM claim ORDER BY sequence"),
            (std::vector<std::string>{"reversed none none", "held none none"}));
  EXPECT_EQ(rows("SELECT insurer FROM claim_outbox ORDER BY seq"), std::vector<std::string>{"acme"});
}

TEST_P(ClaimBuilderTest, TheSameResponseTwiceIsAppliedOnce) {
  std::string encounter = admit("110101199001010133", {kAcme, coverage("12", "urn:uuid:acme", 1, "2026-12-31")});
  auto built = bill(encounter);
  gw::RemittanceApplier applier(*db_);
  for (const auto& text : {remittance(built.claims[0], "complete", "300.50"),
                           identified(remittance(built.claims[0], "complete", "10.00"), "X-1")}) {
    gw::Transaction tx(*db_);
    auto first = applier.apply(tx.session(), "acme", text);
    auto second = applier.apply(tx.session(), "acme", text);
    tx.commit();
    EXPECT_FALSE(first[0].duplicate);
    EXPECT_TRUE(second[0].duplicate);
    EXPECT_EQ(second[0].status, first[0].status);
    EXPECT_EQ(second[0].reason, first[0].reason);
  }
  // Two payments, two events, two Invoices (50.00 then 340.50): none of them twice.
  EXPECT_EQ(rows("SELECT state FROM claim_event WHERE state = 'partially_paid'").size(), 2u);
  EXPECT_EQ(rows("SELECT resource_type FROM fhir_current WHERE resource_type = 'Invoice'").size(), 2u);
  EXPECT_EQ(rows("SELECT CAST(paid_minor AS TEXT) || ' ' || CAST(patient_minor AS TEXT) FROM claim"),
            std::vector<std::string>{"1000 34050"});
}

// Property: whatever the insurer pays, in whatever decimal form, paid + patient = total to the minor unit, and a
// reversal then restores the claim exactly.
TEST_P(ClaimBuilderTest, PaidAndPatientPartsAlwaysAddUpToTheTotal) {
  std::string encounter = admit("110101199001010144", {kAcme, coverage("13", "urn:uuid:acme", 1, "2026-12-31")});
  auto built = bill(encounter);
  ASSERT_EQ(built.totalMinor, 35050);
  std::mt19937 random(2026);
  std::uniform_int_distribution<std::int64_t> amounts(0, 35050);
  gw::RemittanceApplier applier(*db_);
  for (int i = 0; i < 1000; ++i) {
    const std::int64_t paid = amounts(random);
    std::string text = gw::fromMinorUnits(paid, "CNY");
    if (i % 3 == 1) text += "0";                                        // 12.340
    if (i % 3 == 2) text = std::to_string(paid) + "e-2";                // 1234e-2
    gw::Transaction payment(*db_);
    auto applied = applier.apply(payment.session(), "acme",
                                 identified(remittance(built.claims[0], "complete", text), "P" + std::to_string(i)));
    payment.commit();
    ASSERT_NE(applied[0].status, "refused") << text << ": " << applied[0].reason;
    auto row = rows("SELECT CAST(paid_minor AS TEXT) || ' ' || CAST(patient_minor AS TEXT) FROM claim");
    ASSERT_EQ(row, std::vector<std::string>{std::to_string(paid) + " " + std::to_string(35050 - paid)}) << text;
    gw::Transaction reversal(*db_);
    auto reversed = applier.apply(reversal.session(), "acme",
                                  identified(remittance(built.claims[0], "complete", "-" + gw::fromMinorUnits(paid, "CNY"), "cancelled"),
                                             "R" + std::to_string(i)));
    reversal.commit();
    ASSERT_EQ(reversed[0].status, "reversed") << reversed[0].reason;
    ASSERT_EQ(rows("SELECT COALESCE(CAST(paid_minor AS TEXT), 'none') FROM claim"), std::vector<std::string>{"none"});
  }
  // Every Invoice issued was cancelled by its reversal.
  auto invoices = rows("SELECT id FROM fhir_current WHERE resource_type = 'Invoice'");
  EXPECT_GT(invoices.size(), 900u);
  for (const auto& id : invoices) EXPECT_EQ(resource("Invoice", id)->getValue<std::string>("status"), "cancelled") << id;
}

// The patient owes what the insurer says (copay), not everything it did not pay; the settlement shows the
// rest as the insurer's adjustment and splits what was paid as the contract splits what was billed.
TEST_P(ClaimBuilderTest, ThePatientOwesWhatTheInsurerStatesAndTheSettlementAddsUp) {
  std::string encounter = admit("110101199001010155", {kAcme, coverage("14", "urn:uuid:acme", 1, "2026-12-31")});
  auto built = bill(encounter);
  std::string text = remittance(built.claims[0], "complete", "300.50");
  text.insert(text.find(R"("disposition")"),
              R"("total":[{"category":{"coding":[{"code":"copay"}]},"amount":{"value":20.00,"currency":"CNY"}}],)");
  gw::Transaction tx(*db_);
  auto applied = gw::RemittanceApplier(*db_).apply(tx.session(), "acme", text);
  tx.commit();
  EXPECT_NE(applied[0].reason.find("patient owes 20.00 CNY"), std::string::npos) << applied[0].reason;
  Poco::Data::Session s = db_->session();
  auto lines = gw::settlement(*db_, s, "sh-intl", "2026-01-01", "2026-12-31");
  ASSERT_EQ(lines.size(), 1u);
  const gw::SettlementLine& line = lines[0];
  EXPECT_EQ(line.billed, 35050);
  EXPECT_EQ(line.paid, 30050);
  EXPECT_EQ(line.patient, 2000);
  EXPECT_EQ(line.allowed, 32050);
  EXPECT_EQ(line.adjustments, 3000);
  EXPECT_EQ(line.outstanding, 0);
  // 300.50 over the items 100.00 (lab, 30%) and 250.50 (60%): 85.73 and 214.77; the group's 25.72 + 128.86.
  EXPECT_EQ(line.groupPaid, 2572 + 12886);
  EXPECT_EQ(line.groupPaid + line.hospitalPaid, line.paid);
  EXPECT_EQ(line.groupBilled + line.hospitalBilled, line.billed);
}

// Aging: a claim offered and not acknowledged past the insurer's ack_days is overdue; bands follow its age.
TEST_P(ClaimBuilderTest, AgingPutsClaimsInBandsAndFlagsThoseNotAcknowledgedInTime) {
  std::string encounter = admit("110101199001010166", {kAcme, coverage("15", "urn:uuid:acme", 1, "2026-12-31")});
  auto built = bill(encounter);
  Poco::Data::Session s = db_->session();
  const Poco::DateTime now;
  auto fresh = gw::agingOf(*db_, s, "acme", 3, now);
  ASSERT_EQ(fresh.cells.size(), 1u);
  EXPECT_EQ(fresh.cells[0].band, "0-7");
  EXPECT_EQ(fresh.cells[0].state, "built");
  EXPECT_EQ(fresh.cells[0].amountMinor, 35050);
  EXPECT_EQ(fresh.ready, 1);
  EXPECT_TRUE(fresh.lastPull.empty());
  {
    gw::Transaction tx(*db_);
    gw::ClaimOutbox(*db_).lease(tx.session(), "acme", 0, 10, 300);
    gw::recordPull(*db_, tx.session(), "acme", "claim");
    tx.commit();
  }
  auto offered = gw::agingOf(*db_, s, "acme", 3, now);
  EXPECT_TRUE(offered.overdue.empty());
  EXPECT_EQ(offered.onLease, 1);
  EXPECT_FALSE(offered.lastPull.empty());
  // Forty days on, still not acknowledged: overdue, and in the 31-60 band.
  auto later = gw::agingOf(*db_, s, "acme", 3, now + Poco::Timespan(40, 0, 0, 0, 0));
  EXPECT_EQ(later.overdue, std::vector<std::string>{built.claims[0]});
  ASSERT_EQ(later.cells.size(), 1u);
  EXPECT_EQ(later.cells[0].band, "31-60");
  EXPECT_EQ(later.cells[0].state, "offered");
  // Acknowledged: no longer overdue.
  {
    gw::Transaction tx(*db_);
    gw::ClaimOutbox(*db_).acknowledge(tx.session(), "acme", built.claims, true, "ack");
    tx.commit();
  }
  EXPECT_TRUE(gw::agingOf(*db_, s, "acme", 3, now + Poco::Timespan(40, 0, 0, 0, 0)).overdue.empty());
}

TEST(Apportion, PartsAlwaysAddUpAndStayWithinOneMinorUnitOfTheirShare) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> amounts(-10'000'000'000, 10'000'000'000), weights(0, 1'000'000);
  std::uniform_int_distribution<int> counts(1, 40);
  for (int i = 0; i < 5000; ++i) {
    const std::int64_t amount = amounts(random);
    std::vector<std::int64_t> w(static_cast<std::size_t>(counts(random)));
    std::int64_t whole = 0;
    for (auto& weight : w) whole += weight = weights(random);
    if (whole == 0) continue;
    auto parts = gw::apportion(amount, w);
    std::int64_t sum = 0;
    for (std::size_t j = 0; j < parts.size(); ++j) {
      sum += parts[j];
      const __int128 error = static_cast<__int128>(parts[j]) * whole - static_cast<__int128>(amount) * w[j];
      ASSERT_LE(error < 0 ? -error : error, whole) << "part " << j << " strays more than one minor unit";
    }
    ASSERT_EQ(sum, amount);
  }
}

TEST_P(ClaimBuilderTest, DischargeBillingBuildsClaimsAndNeverFailsTheMessage) {
  std::string text = configText();
  text.replace(text.find("      currency: CNY"), 0, "      billing: discharge\n");
  config_ = gw::parseConfig(text, "/etc/gw/gateway.yaml");
  std::string encounter = admit("110101199001010122", {kAcme, coverage("10", "urn:uuid:acme", 1, "2026-12-31")});
  gw::AuditLog audit(*db_, true);
  gw::BundleWriteResult written;
  written.resources.push_back({"Encounter", encounter, 1});
  {
    gw::Transaction tx(*db_);
    gw::billEndedEncounters(*db_, tx.session(), config_, "sh-intl", written, audit);
    tx.commit();
  }
  EXPECT_EQ(rows("SELECT status FROM claim"), std::vector<std::string>{"built"});
  // Without a contract for the date the claim is not built, the failure is audited, and nothing throws.
  text = configText("2027-01-01");
  text.replace(text.find("      currency: CNY"), 0, "      billing: discharge\n");
  config_ = gw::parseConfig(text, "/etc/gw/gateway.yaml");
  std::string second = admit("110101199001010133", {kAcme, coverage("11", "urn:uuid:acme", 1, "2026-12-31")});
  written.resources = {{"Encounter", second, 1}};
  {
    gw::Transaction tx(*db_);
    EXPECT_NO_THROW(gw::billEndedEncounters(*db_, tx.session(), config_, "sh-intl", written, audit));
    tx.commit();
  }
  EXPECT_EQ(rows("SELECT status FROM claim").size(), 1u);
  EXPECT_EQ(rows("SELECT outcome FROM audit_log WHERE action = 'claims.build' ORDER BY seq"),
            (std::vector<std::string>{"ok", "failed"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ClaimBuilderTest, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
