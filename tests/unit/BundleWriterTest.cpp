// Storing decoded Bundles: upserts by identifier, cross-hospital patient linking, practitioner mapping.
#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "TestSupport.hpp"
#include "intake/BundleWriter.hpp"
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

TEST_P(BundleWriterTest, SameNationalIdAtTwoHospitalsIsOneGroupPatient) {
  auto shanghai = write(bundle({patientEntry("sh-intl", "MRN1", "110101198001010011")}), "sh-intl");
  auto beijing = write(bundle({patientEntry("bj-union", "B-77", "110101198001010011")}), "bj-union");
  const std::string id = shanghai.resources[0].id;
  EXPECT_EQ(beijing.resources[0].id, id);
  EXPECT_EQ(find("Patient", "urn:gw:sh-intl:mr", "MRN1").value_or(""), id);
  EXPECT_EQ(find("Patient", "urn:gw:bj-union:mr", "B-77").value_or(""), id);
  auto patient = current("Patient", id);
  EXPECT_EQ(patient->getArray("identifier")->size(), 4u);  // two MRNs, the ID card, the group id
  auto stranger = write(bundle({patientEntry("bj-union", "B-78", "110101199912310022")}), "bj-union");
  EXPECT_NE(stranger.resources[0].id, id);
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
