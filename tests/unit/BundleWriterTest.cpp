// Storing decoded Bundles: upserts by identifier, cross-hospital patient linking, practitioner mapping.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "TestSupport.hpp"

#include <sstream>
#include "intake/BundleWriter.hpp"

#include <gw/kit/Profile.hpp>
#include "store/Migrations.hpp"
#include "store/ResourceRepository.hpp"

namespace {

using Poco::JSON::Object;

const std::string kIdCard = "urn:oid:2.16.156.10011.1.3";

std::string patientEntry(const std::string& hospital, const std::string& mrn, const std::string& idCard,
                         const std::string& extra = "") {
  std::string identifiers = R"({"system":"urn:gw:)" + hospital + R"(:mr","value":")" + mrn + "\"}";
  if (!idCard.empty()) identifiers += R"(,{"system":")" + kIdCard + R"(","value":")" + idCard + "\"}";
  return R"({"fullUrl":"urn:uuid:p-)" + mrn + R"(","resource":{"resourceType":"Patient","identifier":[)" +
         identifiers + "]" + extra + "}}";
}

std::string bundle(const std::vector<std::string>& entries) {
  std::string joined;
  for (const auto& e : entries) joined += (joined.empty() ? "" : ",") + e;
  return R"({"resourceType":"Bundle","type":"collection","entry":[)" + joined + "]}";
}

Object::Ptr parse(const std::string& json) { return Poco::JSON::Parser().parse(json).extract<Object::Ptr>(); }

class BundleWriterTest : public gwtest::MigratedStoreTest {
 protected:
  void SetUp() override {
    MigratedStoreTest::SetUp();
    if (IsSkipped()) return;
    practitioners_ = {{"P001", "Dr Li", {{"sh-intl", "D-17"}, {"bj-union", "9001"}}}};
  }
  gw::BundleWriteResult write(const std::string& json, const std::string& hospital) {
    gw::Transaction tx(*db_);
    auto result = gw::BundleWriter(*db_).write(tx.session(), json, hospital, practitioners_, 1);
    tx.commit();
    return result;
  }
  Object::Ptr current(const std::string& type, const std::string& id) {
    Poco::Data::Session s = db_->session();
    auto stored = gw::ResourceRepository(*db_).current(s, type, id);
    if (!stored) return nullptr;
    return parse(stored->body);
  }
  std::optional<std::string> find(const std::string& type, const std::string& system, const std::string& value) {
    Poco::Data::Session s = db_->session();
    return gw::ResourceRepository(*db_).findByIdentifier(s, type, system, value);
  }

  std::vector<gw::PractitionerConfig> practitioners_;
};

TEST_P(BundleWriterTest, StoresEntriesAndPointsReferencesAtStoredIds) {
  std::string encounter =
      R"({"fullUrl":"urn:uuid:e1","resource":{"resourceType":"Encounter","identifier":[{"system":"urn:gw:sh-intl:visit","value":"V1"}],"status":"in-progress","subject":{"reference":"urn:uuid:p-MRN1"}}})";
  auto result = write(bundle({patientEntry("sh-intl", "MRN1", "", R"(,"name":[{"text":"张三"}])"), encounter}), "sh-intl");
  ASSERT_EQ(result.resources.size(), 2u);
  const std::string patientId = result.resources[0].id;
  auto patient = current("Patient", patientId);
  ASSERT_TRUE(patient);
  EXPECT_EQ(patient->getValue<std::string>("id"), patientId);
  EXPECT_EQ(find("Patient", "urn:gw:group:patient", patientId).value_or(""), patientId);
  EXPECT_EQ(find("Patient", "urn:gw:sh-intl:mr", "MRN1").value_or(""), patientId);
  auto stored = current("Encounter", result.resources[1].id);
  EXPECT_EQ(stored->getObject("subject")->getValue<std::string>("reference"), "Patient/" + patientId);
  Poco::Data::Session s = db_->session();
  EXPECT_EQ(gw::ResourceRepository(*db_).findReferencing(s, "Encounter", "subject", "Patient/" + patientId),
            std::vector<std::string>{result.resources[1].id});
}

TEST_P(BundleWriterTest, SamePatientAgainIsANewVersionOfOneResource) {
  auto first = write(bundle({patientEntry("sh-intl", "MRN1", "", R"(,"birthDate":"1980-02-01")")}), "sh-intl");
  auto second = write(bundle({patientEntry("sh-intl", "MRN1", "", R"(,"gender":"female")")}), "sh-intl");
  EXPECT_EQ(first.resources[0].id, second.resources[0].id);
  EXPECT_EQ(second.resources[0].version, 2);
  auto patient = current("Patient", first.resources[0].id);
  EXPECT_EQ(patient->getValue<std::string>("gender"), "female");
  EXPECT_EQ(patient->getValue<std::string>("birthDate"), "1980-02-01");  // kept from the first message
}

TEST_P(BundleWriterTest, AnUnchangedResourceKeepsItsVersionAndIndex) {
  const std::string message = bundle({patientEntry("sh-intl", "MRN1", "110101198001010011", R"(,"gender":"male")")});
  auto first = write(message, "sh-intl");
  auto again = write(message, "sh-intl");
  const std::string id = first.resources[0].id;
  EXPECT_EQ(again.resources[0].id, id);
  EXPECT_EQ(again.resources[0].version, 1) << "a resend that changes nothing is not a new version";
  Poco::Data::Session s = db_->session();
  EXPECT_EQ(gw::ResourceRepository(*db_).history(s, "Patient", id).size(), 1u);
  EXPECT_EQ(find("Patient", kIdCard, "110101198001010011").value_or(""), id);
  auto changed = write(bundle({patientEntry("sh-intl", "MRN1", "", R"(,"gender":"female")")}), "sh-intl");
  EXPECT_EQ(changed.resources[0].version, 2);
}

// A resend identical to the last incoming form is recognised by its hash, without merging; a version the
// gateway wrote itself in between clears that hash, so the hospital's values are merged in again.
TEST_P(BundleWriterTest, AResendAfterTheGatewayChangedTheRecordIsMergedAgain) {
  const std::string message = bundle({patientEntry("sh-intl", "MRN1", "", R"(,"gender":"male")")});
  const std::string id = write(message, "sh-intl").resources[0].id;
  {
    gw::Transaction tx(*db_);
    auto changed = current("Patient", id);
    changed->set("gender", std::string("unknown"));
    std::ostringstream body;
    changed->stringify(body);
    gw::ResourceRepository(*db_).put(tx.session(), "Patient", id, body.str(), 0);
    tx.commit();
  }
  auto again = write(message, "sh-intl");
  EXPECT_EQ(again.resources[0].version, 3) << "the resend was taken as unchanged";
  EXPECT_EQ(current("Patient", id)->getValue<std::string>("gender"), "male");
  EXPECT_EQ(write(message, "sh-intl").resources[0].version, 3) << "an identical resend became a new version";
}

// The first hospital's record gains the link to another hospital's record of the same person when it
// is next sent, even unchanged: the link is part of what is compared.
TEST_P(BundleWriterTest, AnUnchangedResendGainsALinkToAnotherHospitalsRecord) {
  const std::string message = bundle({patientEntry("sh-intl", "MRN1", "110101198001010011")});
  const std::string sh = write(message, "sh-intl").resources[0].id;
  const std::string bj =
      write(bundle({patientEntry("bj-union", "B-77", "110101198001010011")}), "bj-union").resources[0].id;
  auto again = write(message, "sh-intl");
  EXPECT_EQ(again.resources[0].version, 2);
  auto links = current("Patient", sh)->getArray("link");
  ASSERT_TRUE(links);
  EXPECT_EQ(links->getObject(0)->getObject("other")->getValue<std::string>("reference"), "Patient/" + bj);
  EXPECT_EQ(write(message, "sh-intl").resources[0].version, 2);
}

TEST_P(BundleWriterTest, AChangedReferenceMovesItsIndexRow) {
  auto encounter = [](const std::string& patientMrn) {
    return bundle({patientEntry("sh-intl", patientMrn, ""),
                   R"({"fullUrl":"urn:uuid:e","resource":{"resourceType":"Encounter","identifier":[{"system":"urn:gw:sh-intl:visit","value":"V1"}],"subject":{"reference":"urn:uuid:p-)" +
                       patientMrn + R"("}}})"});
  };
  auto first = write(encounter("MRN1"), "sh-intl");
  auto second = write(encounter("MRN2"), "sh-intl");  // the hospital corrects the visit's patient
  const std::string visit = first.resources[1].id;
  ASSERT_EQ(second.resources[1].id, visit);
  Poco::Data::Session s = db_->session();
  gw::ResourceRepository repository(*db_);
  EXPECT_TRUE(repository.findReferencing(s, "Encounter", "subject", "Patient/" + first.resources[0].id).empty());
  EXPECT_EQ(repository.findReferencing(s, "Encounter", "subject", "Patient/" + second.resources[0].id),
            std::vector<std::string>{visit});
}

TEST_P(BundleWriterTest, ARepeatedIdentifierInOneResourceIsStoredOnce) {
  auto twice = write(bundle({R"({"resource":{"resourceType":"Patient","identifier":[)"
                             R"({"system":"urn:gw:sh-intl:mr","value":"MRN9"},{"system":"urn:gw:sh-intl:mr","value":"MRN9"}]}})"}),
                     "sh-intl");
  EXPECT_EQ(find("Patient", "urn:gw:sh-intl:mr", "MRN9").value_or(""), twice.resources[0].id);
}

// A national ID links each hospital's own record of a person; it never merges them (issue 13, item 2).
TEST_P(BundleWriterTest, SameNationalIdAtTwoHospitalsLinksTwoRecordsOfOneGroupPatient) {
  auto shanghai = write(bundle({patientEntry("sh-intl", "MRN1", "110101198001010011", R"(,"gender":"male")")}), "sh-intl");
  auto beijing = write(bundle({patientEntry("bj-union", "B-77", "110101198001010011", R"(,"gender":"female")")}),
                       "bj-union");
  const std::string sh = shanghai.resources[0].id, bj = beijing.resources[0].id;
  EXPECT_NE(bj, sh);
  EXPECT_EQ(find("Patient", "urn:gw:sh-intl:mr", "MRN1").value_or(""), sh);
  EXPECT_EQ(find("Patient", "urn:gw:bj-union:mr", "B-77").value_or(""), bj);
  auto shPatient = current("Patient", sh), bjPatient = current("Patient", bj);
  EXPECT_EQ(shPatient->getValue<std::string>("gender"), "male") << "Beijing changed Shanghai's record";
  EXPECT_EQ(shanghai.resources[0].version, 1);
  ASSERT_TRUE(bjPatient->getArray("link"));
  EXPECT_EQ(bjPatient->getArray("link")->getObject(0)->getObject("other")->getValue<std::string>("reference"),
            "Patient/" + sh);
  auto groupId = [](const Object::Ptr& patient) {
    auto ids = patient->getArray("identifier");
    for (std::size_t i = 0; i < ids->size(); ++i)
      if (ids->getObject(i)->getValue<std::string>("system") == gw::kit::profile::kGroupPatientSystem)
        return ids->getObject(i)->getValue<std::string>("value");
    return std::string();
  };
  EXPECT_EQ(groupId(shPatient), sh);
  EXPECT_EQ(groupId(bjPatient), sh) << "one group patient for both records";
  Poco::Data::Session s = db_->session();
  EXPECT_EQ(gw::ResourceRepository(*db_).findAllByIdentifier(s, "Patient", kIdCard, "110101198001010011").size(), 2u);
  auto stranger = write(bundle({patientEntry("bj-union", "B-78", "110101199912310022")}), "bj-union");
  EXPECT_NE(stranger.resources[0].id, bj);
  EXPECT_FALSE(current("Patient", stranger.resources[0].id)->getArray("link"));
}

// The attack: hospital B sends hospital A's MRN system (and a visit number) to rewrite A's records.
TEST_P(BundleWriterTest, AHospitalCannotChangeAnotherHospitalsRecords) {
  auto a = write(bundle({patientEntry("sh-intl", "MRN1", "", R"(,"name":[{"family":"Wang"}])")}), "sh-intl");
  gw::Transaction tx(*db_);
  try {
    gw::BundleWriter(*db_).write(tx.session(), bundle({patientEntry("sh-intl", "MRN1", "", R"(,"name":[{"family":"Evil"}])")}),
                                 "bj-union", practitioners_, 2);
    FAIL() << "bj-union wrote under sh-intl's identifier";
  } catch (const gw::OwnershipError& e) {
    EXPECT_NE(std::string(e.what()).find("urn:gw:sh-intl:mr belongs to partner sh-intl"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("MRN1"), std::string::npos) << "the reason must not carry the value";
  }
  tx.commit();
  auto patient = current("Patient", a.resources[0].id);
  EXPECT_EQ(patient->getArray("name")->getObject(0)->getValue<std::string>("family"), "Wang");
  Poco::Data::Session s = db_->session();
  EXPECT_EQ(gw::ResourceRepository(*db_).history(s, "Patient", a.resources[0].id).size(), 1u);
}

TEST_P(BundleWriterTest, TheGroupsOwnIdentifiersCannotBeClaimedByAHospital) {
  gw::Transaction tx(*db_);
  for (const std::string system : {"urn:gw:group:patient", "urn:gw:group:practitioner"}) {
    const std::string entry = R"({"resource":{"resourceType":"Patient","identifier":[{"system":")" + system +
                              R"(","value":"someone"}]}})";
    EXPECT_THROW(gw::BundleWriter(*db_).write(tx.session(), bundle({entry}), "bj-union", practitioners_, 2),
                 gw::OwnershipError)
        << system;
  }
  const std::string otherOrg = R"({"resource":{"resourceType":"Organization","identifier":[)"
                               R"({"system":"urn:gw:group:partner","value":"sh-intl"}]}})";
  EXPECT_THROW(gw::BundleWriter(*db_).write(tx.session(), bundle({otherOrg}), "bj-union", practitioners_, 2),
               gw::OwnershipError);
  const std::string ownOrg = R"({"resource":{"resourceType":"Organization","identifier":[)"
                             R"({"system":"urn:gw:group:partner","value":"bj-union"}]}})";
  EXPECT_NO_THROW(gw::BundleWriter(*db_).write(tx.session(), bundle({ownOrg}), "bj-union", practitioners_, 2));
}

TEST_P(BundleWriterTest, AnOidAHospitalOwnsIsItsAlone) {
  gw::GatewayConfig config;
  config.hospitals.resize(2);
  config.hospitals[0].id = "sh-intl";
  config.hospitals[0].identifierOids = {"1.2.156.112604.1.2"};
  config.hospitals[1].id = "bj-union";
  const gw::IdentifierOwnership ownership(config);
  const std::string json = bundle({R"({"resource":{"resourceType":"Patient","identifier":[)"
                                   R"({"system":"urn:oid:1.2.156.112604.1.2.3","value":"371000"}]}})"});
  EXPECT_THROW(gw::BundleWriter::prepare(json, "bj-union", {}, ownership), gw::OwnershipError);
  EXPECT_NO_THROW(gw::BundleWriter::prepare(json, "sh-intl", {}, ownership));
}

// Issue 13, item 8: a 70,000-OBX ORU held the single store writer (and every other hospital) for
// seconds. Past the limit a message is refused before the store sees it, naming the count.
TEST_P(BundleWriterTest, AMessageWithTooManyResourcesIsRefusedBeforeTheStore) {
  std::vector<std::string> entries(11, R"({"resource":{"resourceType":"Observation","status":"final"}})");
  const gw::IdentifierOwnership ownership{gw::GatewayConfig()};
  try {
    gw::BundleWriter::prepare(bundle(entries), "sh-intl", {}, ownership, 10);
    FAIL() << "11 resources passed a limit of 10";
  } catch (const gw::BundleTooLarge& e) {
    EXPECT_NE(std::string(e.what()).find("11 resources, more than the limit of 10"), std::string::npos) << e.what();
  }
  EXPECT_EQ(gw::BundleWriter::prepare(bundle(entries), "sh-intl", {}, ownership, 11).entries.size(), 11u);
}

// A national type OID (here the inpatient number's) is used by every hospital: the same number at
// two hospitals is two encounters.
TEST_P(BundleWriterTest, ASharedIdentifierSystemNamesEachHospitalsOwnRecord) {
  const std::string encounter = bundle({R"({"resource":{"resourceType":"Encounter","status":"in-progress","identifier":[)"
                                        R"({"system":"urn:oid:2.16.156.10011.1.12","value":"371000"}]}})"});
  auto a = write(encounter, "sh-intl");
  auto b = write(encounter, "bj-union");
  EXPECT_NE(a.resources[0].id, b.resources[0].id);
  EXPECT_EQ(b.resources[0].version, 1);
  auto again = write(encounter, "sh-intl");
  EXPECT_EQ(again.resources[0].id, a.resources[0].id);
}

TEST_P(BundleWriterTest, AReferenceToAnotherHospitalsRecordIsRefused) {
  auto a = write(bundle({patientEntry("sh-intl", "MRN1", "")}), "sh-intl");
  const std::string encounter = bundle({R"({"resource":{"resourceType":"Encounter","status":"finished","subject":)"
                                        R"({"reference":"Patient/)" + a.resources[0].id + R"("}}})"});
  gw::Transaction tx(*db_);
  EXPECT_THROW(gw::BundleWriter(*db_).write(tx.session(), encounter, "bj-union", practitioners_, 2), gw::OwnershipError);
  EXPECT_NO_THROW(gw::BundleWriter(*db_).write(tx.session(), encounter, "sh-intl", practitioners_, 2));
}

TEST_P(BundleWriterTest, HospitalDoctorIdsMapToGroupPractitioners) {
  auto doctor = [](const std::string& hospital, const std::string& local) {
    return R"({"fullUrl":"urn:uuid:d-)" + local +
           R"(","resource":{"resourceType":"Practitioner","identifier":[{"system":"urn:gw:)" + hospital +
           R"(:practitioner","value":")" + local + R"("}]}})";
  };
  auto shanghai = write(bundle({doctor("sh-intl", "D-17")}), "sh-intl");
  auto beijing = write(bundle({doctor("bj-union", "9001")}), "bj-union");
  EXPECT_EQ(shanghai.resources[0].id, "P001");
  EXPECT_EQ(beijing.resources[0].id, "P001");
  EXPECT_TRUE(shanghai.unmappedPractitioners.empty());
  EXPECT_EQ(find("Practitioner", "urn:gw:group:practitioner", "P001").value_or(""), "P001");

  auto unknown = write(bundle({doctor("sh-intl", "D-99")}), "sh-intl");
  ASSERT_EQ(unknown.unmappedPractitioners, std::vector<std::string>{"sh-intl:D-99"});
  auto kept = current("Practitioner", unknown.resources[0].id);
  ASSERT_TRUE(kept) << "an unknown doctor is kept, never dropped";
  auto tag = kept->getObject("meta")->getArray("tag")->getObject(0);
  EXPECT_EQ(tag->getValue<std::string>("code"), "unmapped-practitioner");
}

TEST_P(BundleWriterTest, SomethingThatIsNotABundleIsRefusedWithAReason) {
  gw::Transaction tx(*db_);
  gw::BundleWriter writer(*db_);
  try {
    writer.write(tx.session(), R"({"resourceType":"Patient"})", "sh-intl", practitioners_, 1);
    FAIL();
  } catch (const gw::BundleError& e) {
    EXPECT_NE(std::string(e.what()).find("not a FHIR Bundle"), std::string::npos);
  }
  try {
    writer.write(tx.session(), bundle({R"({"fullUrl":"x"})"}), "sh-intl", practitioners_, 1);
    FAIL();
  } catch (const gw::BundleError& e) {
    EXPECT_NE(std::string(e.what()).find("entry[0] has no resource"), std::string::npos);
  }
  EXPECT_THROW(writer.write(tx.session(), "{not json", "sh-intl", practitioners_, 1), gw::BundleError);
}

INSTANTIATE_TEST_SUITE_P(Backends, BundleWriterTest, ::testing::ValuesIn(gwtest::storeBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
