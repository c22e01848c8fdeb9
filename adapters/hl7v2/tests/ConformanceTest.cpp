// ConformanceTest.cpp: every public sample in tests/data/hl7v2-xml and tests/data/hl7v2-er7 is
// either translated (key fields asserted) or rejected with the expected status and reason; a
// sample without an expectation fails the test. Every translated Bundle is then checked by the
// independent FHIR R4 validator (tools/fhir-validator, Medplum) with zero errors required.
#include "TestSupport.hpp"

#include <gw/kit/Issues.hpp>
#include <gw/testing/FhirValidator.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <dirent.h>
#include <functional>
#include <map>
#include <tuple>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;
using Bundle = Poco::JSON::Object::Ptr;

namespace {

struct Expectation {
  gw_status status = GW_OK;
  std::string reason;                           // a substring of the error, when rejected
  std::function<void(const Bundle&)> check;     // key fields, when translated
  std::vector<std::string> warnings{};          // the fields lenient validation reports, in order
  bool fromCorpus = false;                      // listed in tests/corpus/expectations.json instead
  std::vector<std::string> named{};             // corpus: each "A|B" names a field some warning must name
};

bool hasIdentifier(const Poco::JSON::Object::Ptr& r, const std::string& systemValue) {
  auto ids = identifiers(r);
  return std::find(ids.begin(), ids.end(), systemValue) != ids.end();
}

Poco::JSON::Object::Ptr only(const Bundle& b, const std::string& type) {
  auto all = resources(b, type);
  EXPECT_EQ(all.size(), 1u) << type;
  return all.empty() ? Poco::JSON::Object::Ptr(new Poco::JSON::Object) : all.front();
}

std::string familyOf(const Poco::JSON::Object::Ptr& r) { return str(r->getArray("name")->getObject(0), "family"); }

std::vector<std::string> practitionerIds(const Bundle& b) {
  std::vector<std::string> out;
  for (const auto& p : resources(b, "Practitioner"))
    for (const auto& id : identifiers(p)) out.push_back(id);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

void checkItbAdtA08(const Bundle& b) {
  EXPECT_EQ(str(b->getObject("identifier"), "value"), "19481551");
  auto patient = only(b, "Patient");
  EXPECT_TRUE(hasIdentifier(patient, "urn:gw:sh-intl:pi|4353709"));
  EXPECT_TRUE(hasIdentifier(patient, "urn:gw:sh-intl:nnesp|71827779K"));
  EXPECT_EQ(familyOf(patient), "ABDALAHE");
  EXPECT_EQ(str(patient, "birthDate"), "2007-05-30");
  EXPECT_EQ(str(patient, "gender"), "male");
  EXPECT_EQ(patient->getArray("address")->getObject(0)->getArray("line")->getElement<std::string>(0), "QUINTANA N|8  1|C");
  EXPECT_EQ(str(only(b, "Encounter")->getObject("class"), "code"), "AMB");
}

void checkItbFt(const Bundle& b) {
  auto obs = only(b, "Observation");
  EXPECT_EQ(str(obs, "status"), "final");
  EXPECT_EQ(str(obs->getObject("code")->getArray("coding")->getObject(0), "code"), "P1");
  EXPECT_EQ(str(obs, "valueString").rfind("Datos Clinicos: \\.br\\I. respiratoria", 0), 0u);
  auto report = only(b, "DiagnosticReport");
  EXPECT_EQ(str(report, "status"), "final");
  EXPECT_TRUE(hasIdentifier(report, "urn:gw:sh-intl:placer-order|P14708499"));
  EXPECT_EQ(str(report->getArray("result")->getObject(0), "reference"), fullUrlOf(b, obs));
}

void checkItbEd(const Bundle& b) {
  auto doc = only(b, "DocumentReference");
  auto attachment = doc->getArray("content")->getObject(0)->getObject("attachment");
  EXPECT_EQ(str(attachment, "contentType"), "application/xml");
  EXPECT_EQ(str(attachment, "data").rfind("PERBVCB4bWxucz0i", 0), 0u);  // base64 of '<DAT xmlns="'
  auto obs = only(b, "Observation");
  EXPECT_EQ(str(obs->getArray("derivedFrom")->getObject(0), "reference"), fullUrlOf(b, doc));
}

std::map<std::string, Expectation> expectations() {
  std::map<std::string, Expectation> e;
  e["hl7v2-er7/hapi_messages_batch_with_comments.txt"] = {GW_ERR_UNSUPPORTED, "a batch of 18 messages", nullptr};
  e["hl7v2-er7/itb_adt_a08_escaped_pipe.hl7"] = {GW_OK, "", checkItbAdtA08};
  e["hl7v2-xml/itb_adt_a08_escaped_pipe.xml"] = {GW_OK, "", checkItbAdtA08};
  e["hl7v2-er7/itb_oru_r01_ft_formatting.hl7"] = {GW_OK, "", checkItbFt};
  e["hl7v2-xml/itb_oru_r01_ft_formatting.xml"] = {GW_OK, "", checkItbFt};
  e["hl7v2-er7/itb_oru_r01_ed_cdata.hl7"] = {GW_OK, "", checkItbEd};
  e["hl7v2-xml/itb_oru_r01_ed_cdata.xml"] = {GW_OK, "", checkItbEd};
  e["hl7v2-er7/itb_orm_o01_hex_escape.hl7"] = {GW_OK, "", [](const Bundle& b) {
    auto patient = only(b, "Patient");
    EXPECT_TRUE(hasIdentifier(patient, "urn:gw:sh-intl:pt|241900"));
    EXPECT_EQ(str(patient, "birthDate"), "1974-06-02");
    EXPECT_TRUE(hasIdentifier(only(b, "Encounter"), "urn:gw:sh-intl:vn|302141984"));
    EXPECT_TRUE(contains(practitionerIds(b), "urn:gw:sh-intl:practitioner|1105"));
    EXPECT_EQ(str(only(b, "Observation"), "valueString"), "ABCD1234");
    auto order = only(b, "ServiceRequest");  // OBR-2 is \X00\: no placer id, not a NUL
    EXPECT_EQ(str(order, "status"), "active");
    EXPECT_FALSE(order->has("identifier"));
    EXPECT_EQ(str(order, "authoredOn"), "2013-10-11T09:38:00.000+08:00");
    EXPECT_TRUE(contains(practitionerIds(b), "urn:gw:sh-intl:practitioner|2214"));
  }, {"PID-30", "PV1-10"}};  // too long for v2.5: PID-30 "no" (ID of 1), PV1-10 "DIGC" (3)
  // Birth date (PID-7) and discharge time (PV1-44) written "Aug 15, 1942": lenient, they are left out and
  // reported; the order, its patient and its results are kept. PID-2 (21 characters), PV1-10 "CARE" and PV1-14
  // "PHYSICIAN" are longer than v2.4 allows: kept whole, reported.
  for (const char* mirth : {"hl7v2-er7/mirth_orm_o01.txt", "hl7v2-xml/mirth_orm_o01_hl7message.xml"}) {
    e[mirth] = {GW_OK, "",
                [](const Bundle& b) {
                  EXPECT_EQ(str(b->getObject("identifier"), "value"), "12345678");
                  auto patient = only(b, "Patient");
                  EXPECT_TRUE(hasIdentifier(patient, "urn:gw:sh-intl:pn|4223161584"));
                  EXPECT_EQ(familyOf(patient), "Hanso");
                  EXPECT_FALSE(patient->has("birthDate"));
                  EXPECT_EQ(str(patient, "gender"), "male");
                  auto period = only(b, "Encounter")->getObject("period");
                  EXPECT_TRUE(!period || !period->has("end"));
                  EXPECT_EQ(resources(b, "ServiceRequest").size(), 1u);
                },
                {"PID-2", "PID-7", "PV1-10", "PV1-14", "PV1-44"}};
  }
  e["hl7v2-er7/msconv_adt_a01_v28_full.hl7"] = {GW_OK, "", [](const Bundle& b) {
    EXPECT_EQ(str(b, "timestamp"), "1989-08-18T11:26:00+02:15");
    auto patient = resources(b, "Patient").at(0);
    EXPECT_TRUE(hasIdentifier(patient, "urn:oid:2.16.1|PATID1234"));
    EXPECT_TRUE(hasIdentifier(patient, "urn:gw:sh-intl:ss|123456789"));
    EXPECT_EQ(familyOf(patient), "EVERYMAN");
    EXPECT_EQ(str(patient, "birthDate"), "1988-08-18");
    EXPECT_EQ(str(patient, "deceasedDateTime"), "2008-08-25T11:16:30+01:15");  // deceased[x] is a choice:
    EXPECT_FALSE(patient->has("deceasedBoolean"));                           // one value only
    auto encounter = only(b, "Encounter");
    EXPECT_TRUE(hasIdentifier(encounter, "urn:oid:1.2|40007716"));
    EXPECT_EQ(str(encounter, "status"), "in-progress");
    EXPECT_EQ(encounter->getArray("participant")->size(), 4u);  // attending, referring, consulting, admitting
    EXPECT_TRUE(contains(practitionerIds(b), "urn:gw:sh-intl:practitioner|1122334"));
    EXPECT_TRUE(contains(practitionerIds(b), "urn:oid:1.23|1122334"));
    EXPECT_EQ(str(only(b, "Condition")->getObject("code")->getArray("coding")->getObject(0), "code"), "422504002");
    EXPECT_EQ(str(only(b, "Procedure")->getObject("code")->getArray("coding")->getObject(0), "code"), "76164006");
    auto coverage = only(b, "Coverage");
    EXPECT_EQ(str(coverage->getArray("payor")->getObject(0), "display"), "Blue Cross Blue Shield of Texas");
    EXPECT_EQ(str(coverage->getObject("relationship")->getArray("coding")->getObject(0), "code"), "spouse");
    auto allergy = only(b, "AllergyIntolerance");
    EXPECT_EQ(str(allergy->getObject("code")->getArray("coding")->getObject(0), "display"), "PENICILLIN");
    auto quantity = only(b, "Observation")->getObject("valueQuantity");
    EXPECT_EQ(quantity->getValue<int>("value"), 60);
  }, {"RF1"}};  // RF1 (referral) has no place in ADT_A01
  e["hl7v2-er7/msconv_adt_a04_v23_bom.hl7"] = {GW_OK, "", [](const Bundle& b) {
    auto patient = only(b, "Patient");
    EXPECT_TRUE(hasIdentifier(patient, "urn:gw:sh-intl:mr|123456789"));
    EXPECT_EQ(familyOf(patient), "BROS");
    EXPECT_EQ(str(patient, "birthDate"), "1985-01-01");
    EXPECT_EQ(patient->getArray("contact")->size(), 2u);  // two NK1
    EXPECT_TRUE(hasIdentifier(only(b, "Encounter"), "urn:gw:sh-intl:vn|0123456789"));
  }, {"MSH-10", "PID-13", "IN1-2"}};  // too long for v2.3: MSH-10 (27 of 20), a PID-13 (46 of 40), IN1-2 (10 of 8)
  e["hl7v2-er7/msconv_bar_p01_01.hl7"] = {GW_OK, "", [](const Bundle& b) {
    EXPECT_EQ(str(only(b, "Encounter"), "status"), "unknown");
    EXPECT_TRUE(hasIdentifier(only(b, "Coverage"), "urn:gw:sh-intl:policy|PN-145"));
    EXPECT_EQ(resources(b, "RelatedPerson").size(), 2u);  // guarantor and the insured spouse
  }};
  auto checkDft = [](const Bundle& b) {
    auto charges = resources(b, "ChargeItem");
    ASSERT_EQ(charges.size(), 2u);
    auto first = charges[0];
    EXPECT_EQ(str(first->getObject("code")->getArray("coding")->getObject(0), "system"), "http://www.ama-assn.org/go/cpt");
    EXPECT_EQ(str(first->getObject("code")->getArray("coding")->getObject(0), "code"), "71045");
    EXPECT_EQ(first->getObject("quantity")->getValue<int>("value"), 2);
    EXPECT_EQ(first->getObject("priceOverride")->getValue<int>("value"), 100);
    EXPECT_EQ(str(first->getObject("priceOverride"), "currency"), "USD");
    auto unit = first->getArray("extension")->getObject(0);
    EXPECT_EQ(str(unit, "url"), "https://gw.example.org/fhir/StructureDefinition/unit-price");
    EXPECT_EQ(unit->getObject("valueMoney")->getValue<int>("value"), 50);
    EXPECT_EQ(first->getArray("reason")->size(), 2u);
    EXPECT_EQ(str(first, "occurrenceDateTime"), "2019-11-22");
    EXPECT_EQ(charges[1]->getObject("priceOverride")->getValue<int>("value"), 120);
    auto coverage = only(b, "Coverage");
    EXPECT_TRUE(hasIdentifier(coverage, "urn:gw:sh-intl:policy|548851236L"));
    auto classes = coverage->getArray("class");
    EXPECT_EQ(str(classes->getObject(0), "value"), "BAV");
    EXPECT_EQ(str(classes->getObject(1), "value"), "Grp-12345");
    EXPECT_EQ(coverage->getValue<int>("order"), 1);
    bool payerFound = false;
    for (const auto& org : resources(b, "Organization"))
      payerFound = payerFound || str(org, "name") == "Blue Cross Blue Shield of Texas";
    EXPECT_TRUE(payerFound);
    EXPECT_TRUE(hasIdentifier(resources(b, "Patient").at(0), "urn:oid:2.16.1|PATID1234"));
  };
  e["hl7v2-er7/msconv_dft_p03_01.hl7"] = {GW_OK, "", checkDft};
  e["hl7v2-xml-derived/msconv_dft_p03_01.xml"] = {GW_OK, "", checkDft};
  e["hl7v2-er7/msconv_oru_r01_01.hl7"] = {GW_OK, "", [](const Bundle& b) {
    auto patient = only(b, "Patient");
    EXPECT_TRUE(hasIdentifier(patient, "urn:oid:2.16.840.1.114222.4.3.3.5.1.2|14"));
    EXPECT_EQ(familyOf(patient), "Finn");
    bool salmonella = false;
    for (const auto& o : resources(b, "Observation"))
      if (o->has("valueCodeableConcept"))
        salmonella = str(o->getObject("valueCodeableConcept")->getArray("coding")->getObject(0), "code") == "27268008";
    EXPECT_TRUE(salmonella);
    EXPECT_EQ(str(only(b, "Encounter"), "status"), "finished");  // PV1-45 discharge present
  }, {"MSH-10", "PV1-14", "PV1-36", "ORC-3", "OBX-3", "TXA", "OBR-3", "OBX-8"}};
  // An RP OBX without OBX-3; TXA has no place in ORU_R01; longer than v2.5.1 allows: MSH-10 (48 of 20), PV1-14
  // (42 of 6), PV1-36 (32 of 3), ORC-3 and OBR-3 (52 of 22), OBX-8 (18 of 5).
  auto checkSiu = [](const Bundle& b) {
    auto appointment = only(b, "Appointment");
    EXPECT_EQ(str(appointment, "status"), "booked");
    EXPECT_EQ(str(appointment, "start"), "2021-09-24T09:30:00+02:15");
    EXPECT_EQ(str(appointment, "end"), "2021-09-24T10:20:00+02:15");
    EXPECT_TRUE(hasIdentifier(appointment, "urn:gw:sh-intl:placer-appointment|12345"));
    EXPECT_EQ(appointment->getArray("participant")->size(), 4u);  // patient, AIG, AIL, AIP
    EXPECT_TRUE(contains(practitionerIds(b), "urn:gw:sh-intl:practitioner|1210"));
    EXPECT_TRUE(contains(practitionerIds(b), "urn:gw:sh-intl:practitioner|0210"));  // PV1-7 attending
    EXPECT_TRUE(hasIdentifier(only(b, "Encounter"), "urn:gw:sh-intl:vn|5001"));
    EXPECT_EQ(str(only(b, "Encounter"), "status"), "planned");
  };
  e["hl7v2-er7/msconv_siu_s12_01.hl7"] = {GW_OK, "", checkSiu};
  e["hl7v2-xml-derived/msconv_siu_s12_01.xml"] = {GW_OK, "", checkSiu};
  // Past its malformed MSH-7 (a warning), the PID names nobody.
  e["hl7v2-xml/hapi_conformance_empty_segments.xml"] = {GW_ERR_INVALID, "PID-3: the patient has no identifier", nullptr};
  e["hl7v2-xml/hapi_erp_r09_extra_components.xml"] = {GW_ERR_UNSUPPORTED, "ERP^Z99 is not supported", nullptr};
  e["hl7v2-xml/hapi_omd_o03_diet_order.xml"] = {GW_ERR_UNSUPPORTED, "OMD^O03 is not supported", nullptr};
  e["hl7v2-xml/hapi_qbp_q22_external_dtd.xml"] = {GW_ERR_UNSUPPORTED, "QBP^Q22 is not supported", nullptr};
  e["hl7v2-xml/hapi_rsp_k22_bad_encoding_chars.xml"] = {GW_ERR_INVALID, "not well-formed XML", nullptr};
  e["hl7v2-xml/hapi_oru_r01_v22_ns_prefix.xml"] = {GW_ERR_INVALID, "ORU^R01 with neither PID nor OBX", nullptr};
  e["hl7v2-xml/hapi_oru_r01_device_followup.xml"] = {GW_OK, "", [](const Bundle& b) {
    auto patient = only(b, "Patient");
    EXPECT_TRUE(hasIdentifier(patient, "urn:gw:sh-intl:u|MODEL:xxx/SERIAL:xxx"));
    EXPECT_EQ(familyOf(patient), "Doe");
    EXPECT_EQ(str(patient, "birthDate"), "1979-03-11");
    EXPECT_TRUE(hasIdentifier(only(b, "Encounter"), "urn:gw:sh-intl:vn|123456"));
    EXPECT_TRUE(contains(practitionerIds(b), "urn:gw:sh-intl:practitioner|DoctorID"));
    EXPECT_EQ(resources(b, "Observation").size(), 3u);
    EXPECT_EQ(str(only(b, "DocumentReference")->getArray("content")->getObject(0)->getObject("attachment"), "contentType"),
              "application/pdf");
  }, {"PID-2"}};  // 28 characters where v2.5 allows 20
  return e;
}

std::vector<std::string> alternatives(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t bar; (bar = text.find('|', start)) != std::string::npos; start = bar + 1)
    out.push_back(text.substr(start, bar - start));
  out.push_back(text.substr(start));
  return out;
}

std::string lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool containsAny(const std::string& text, const std::string& choices) {
  for (const std::string& choice : alternatives(choices))
    if (lowered(text).find(lowered(choice)) != std::string::npos) return true;
  return false;
}

// The third-party samples of the corpus (tests/corpus/expectations.json) are expected here as that manifest
// says: the outcome, a refusal's status and reason, the fields warned about. (Their facts are checked through
// gatewayctl by Corpus.ThirdPartyMessages; here their Bundles also go through the FHIR validator.)
void addCorpusExpectations(std::map<std::string, Expectation>& e) {
  auto files = parseJson(readFile(dataPath("../corpus/expectations.json")))->getObject("files");
  for (const std::string& file : files->getNames()) {
    auto entry = files->getObject(file);
    if (str(entry, "adapter") != "hl7v2" || e.count(file)) continue;
    Expectation want;
    want.fromCorpus = true;
    if (str(entry, "expect") == "refused") {
      want.status = str(entry, "status") == "GW_ERR_UNSUPPORTED" ? GW_ERR_UNSUPPORTED : GW_ERR_INVALID;
      want.reason = str(entry, "reason_contains");
    } else if (auto warnings = entry->getArray("warnings")) {
      for (std::size_t i = 0; i < warnings->size(); ++i) want.named.push_back(warnings->getElement<std::string>(i));
    }
    e[file] = want;
  }
}

std::vector<std::string> filesIn(const std::string& folder) {
  std::vector<std::string> out;
  if (DIR* dir = opendir(dataPath(folder).c_str())) {
    while (dirent* entry = readdir(dir))
      if (entry->d_name[0] != '.' && std::string(entry->d_name) != "README.md") out.push_back(folder + "/" + entry->d_name);
    closedir(dir);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(Conformance, EverySampleIsTranslatedOrRejectedAsExpectedAndBundlesAreValidFhir) {
  auto adapter = makeAdapter();
  auto expected = expectations();
  addCorpusExpectations(expected);
  TempFolder bundles("gw-hl7v2-bundles");
  std::vector<std::string> written;
  std::vector<std::string> all;
  for (const std::string folder : {"hl7v2-er7", "hl7v2-xml", "hl7v2-xml-derived"})
    for (const auto& f : filesIn(folder)) all.push_back(f);
  ASSERT_GE(all.size(), 25u);
  for (const auto& file : all) {
    SCOPED_TRACE(file);
    auto it = expected.find(file);
    ASSERT_NE(it, expected.end()) << "no expectation for sample " << file;
    const Expectation& want = it->second;
    try {
      auto out = adapter.decode(sample(file), contentTypeFor(file));
      ASSERT_EQ(want.status, GW_OK) << "translated, but expected a rejection: " << want.reason;
      EXPECT_EQ(out.contentType, "application/fhir+json");
      auto bundle = parseJson(out.bytes);
      EXPECT_EQ(str(bundle, "type"), "transaction");
      EXPECT_EQ(str(bundle->getObject("identifier"), "system"), "urn:gw:sh-intl:message");
      EXPECT_EQ(str(bundle->getObject("identifier"), "value"), out.messageId);
      if (want.check) want.check(bundle);
      std::vector<std::string> warned;
      for (const auto& issue : gw::kit::readIssues(out.issues)) {
        EXPECT_EQ(issue.severity, "warning");
        warned.push_back(issue.expression);
      }
      if (!want.fromCorpus) {
        EXPECT_EQ(warned, want.warnings);
      }
      for (const std::string& field : want.named) {
        bool named = false;
        for (const std::string& w : warned) named = named || containsAny(w, field);
        EXPECT_TRUE(named) << "no warning naming " << field;
      }
      written.push_back(bundles.write(file.substr(file.find('/') + 1) + ".json", out.bytes));
    } catch (const gw::sdk::Error& e) {
      EXPECT_EQ(e.status(), want.status) << e.what();
      EXPECT_NE(want.reason, "") << "rejected unexpectedly: " << e.what();
      EXPECT_TRUE(containsAny(e.what(), want.reason)) << e.what();
    }
  }
  ASSERT_GE(written.size(), 15u);

  GW_EXPECT_VALID_FHIR(written);
}

TEST(Conformance, StrictValidationRefusesTheDefectsLenientValidationReports) {
  auto strict = makeAdapter(R"({"validation":"strict"})");
  // The first defect refuses: PID-2 (21 characters where v2.4 allows 20); with a shorter PID-2, PID-7.
  for (const char* mirth : {"hl7v2-er7/mirth_orm_o01.txt", "hl7v2-xml/mirth_orm_o01_hl7message.xml"}) {
    SCOPED_TRACE(mirth);
    const std::string asSent = sample(mirth);
    std::string shorterPid2 = asSent;
    const std::string authority = std::string(mirth).find(".xml") != std::string::npos ? ">Mirth</PID.2.4>" : "^Mirth^";
    shorterPid2.replace(shorterPid2.find(authority), authority.size(),
                        authority[0] == '>' ? ">M</PID.2.4>" : "^M^");
    for (const auto& [message, location, reason] :
         {std::tuple<std::string, std::string, std::string>{asSent, "PID-2", "21 characters where HL7 v2.4 allows at most 20"},
          {shorterPid2, "PID-7", "'Aug 15, 1942' is not a valid date"}}) {
      try {
        strict.decode(message, contentTypeFor(mirth));
        ADD_FAILURE() << "translated in strict mode";
      } catch (const gw::sdk::Error& e) {
        EXPECT_EQ(e.status(), GW_ERR_INVALID);
        EXPECT_EQ(e.location(), location);
        EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
      }
    }
  }
}
