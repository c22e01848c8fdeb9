// The FHIR read API over loopback: group credential first, reads, searches, history, audit of each read.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"
#include "intake/BundleWriter.hpp"

namespace {

using Poco::JSON::Object;
const char* kGroupKey = "group-test-key";

class FhirReadApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    store_ = std::make_unique<gwtest::TestStore>(GetParam(), dir_);
    GW_REQUIRE_STORE(*store_);
    std::string text = "server:\n  listen: 127.0.0.1:0\n  threads: 4\n  group_key_sha256: " +
                       gwtest::sha256(kGroupKey) + "\n" + store_->yaml();
    gateway_ = std::make_unique<gw::Gateway>(gw::parseConfig(text, dir_.file("gateway.yaml")));
    gateway_->start();
    auto& db = gateway_->context().db;
    for (const char* gender : {"unknown", "female"}) {  // the second message changes the patient: version 2
      const std::string bundle =
          R"({"resourceType":"Bundle","type":"collection","entry":[)"
          R"({"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","identifier":[{"system":"urn:gw:sh-intl:mr","value":"MRN1"}],"name":[{"text":"王芳"}],"gender":")" +
          std::string(gender) +
          R"("}},)"
          R"({"fullUrl":"urn:uuid:e","resource":{"resourceType":"Encounter","status":"finished","subject":{"reference":"urn:uuid:p"}}}]})";
      gw::Transaction tx(db);
      result_ = gw::BundleWriter(db).write(tx.session(), bundle, "sh-intl", {}, 1);
      tx.commit();
    }
    patientId_ = result_.resources[0].id;
  }
  void TearDown() override {
    gateway_.reset();
    store_.reset();
  }
  gwtest::HttpResult get(const std::string& path, const std::string& key = kGroupKey) {
    return gwtest::httpCall(gateway_->port(), "GET", path, "", {{"X-API-Key", key}});
  }
  Object::Ptr json(const gwtest::HttpResult& r) { return Poco::JSON::Parser().parse(r.body).extract<Object::Ptr>(); }

  gwtest::TempDir dir_;
  std::unique_ptr<gwtest::TestStore> store_;
  std::unique_ptr<gw::Gateway> gateway_;
  gw::BundleWriteResult result_;
  std::string patientId_;
};

TEST_P(FhirReadApi, ReadsAPatientWithItsVersion) {
  auto r = get("/v1/fhir/Patient/" + patientId_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.headers["Content-Type"], "application/fhir+json");
  auto patient = json(r);
  EXPECT_EQ(patient->getValue<std::string>("id"), patientId_);
  EXPECT_EQ(patient->getObject("meta")->getValue<std::string>("versionId"), "2");
  EXPECT_NE(r.body.find("王芳"), std::string::npos);
  EXPECT_EQ(get("/v1/fhir/Patient/nobody").status, 404);
}

TEST_P(FhirReadApi, SearchesByIdentifierAndByPatient) {
  auto byIdentifier = json(get("/v1/fhir/Patient?identifier=urn:gw:sh-intl:mr%7CMRN1"));
  EXPECT_EQ(byIdentifier->getValue<std::string>("type"), "searchset");
  EXPECT_EQ(byIdentifier->getValue<int>("total"), 1);
  EXPECT_EQ(json(get("/v1/fhir/Patient?identifier=urn:gw:sh-intl:mr%7CNOPE"))->getValue<int>("total"), 0);
  auto encounters = json(get("/v1/fhir/Encounter?patient=" + patientId_));
  EXPECT_EQ(encounters->getValue<int>("total"), 2);  // the Encounter has no identifier: each message made one
  EXPECT_EQ(get("/v1/fhir/Patient?identifier=nobar").status, 400);
  EXPECT_EQ(get("/v1/fhir/Patient").status, 400);
}

TEST_P(FhirReadApi, HistoryListsEveryVersionNewestFirst) {
  auto history = json(get("/v1/fhir/Patient/" + patientId_ + "/_history"));
  EXPECT_EQ(history->getValue<std::string>("type"), "history");
  ASSERT_EQ(history->getValue<int>("total"), 2);
  auto newest = history->getArray("entry")->getObject(0)->getObject("resource");
  EXPECT_EQ(newest->getObject("meta")->getValue<std::string>("versionId"), "2");
}

TEST_P(FhirReadApi, NeedsTheGroupKeyAndAuditsFailuresAndReads) {
  EXPECT_EQ(get("/v1/fhir/Patient/" + patientId_, "").status, 401);
  EXPECT_EQ(get("/v1/fhir/Patient/" + patientId_, "wrong").status, 401);
  EXPECT_EQ(get("/v1/fhir/Patient/" + patientId_).status, 200);
  Poco::Data::Session s = gateway_->context().db.session();
  std::vector<std::string> actions;
  s << "SELECT action || ' ' || outcome || ' ' || resource FROM audit_log ORDER BY seq", Poco::Data::Keywords::into(actions),
      Poco::Data::Keywords::now;
  ASSERT_EQ(actions.size(), 3u);
  EXPECT_EQ(actions[0].rfind("auth.fail denied", 0), 0u);
  EXPECT_EQ(actions[2], "fhir.read ok Patient/" + patientId_);
  EXPECT_TRUE(gateway_->context().audit.verify().intact);
}

INSTANTIATE_TEST_SUITE_P(Backends, FhirReadApi, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
