// MappingErrorsTest.cpp: a broken mapping file fails create with GW_ERR_CONFIG naming the mapping
// file, line and column: bad XPath, undeclared prefix, unknown key, unknown FHIR root, missing
// sections, unknown references and value maps, bad date formats, unknown ACK placeholders.
#include "XmlMapTestSupport.hpp"

#include <gtest/gtest.h>

using namespace gw::xmlmap::test;

namespace {

const char* const kValid = R"(match:
  root: Visit
message:
  id: /Visit/@id
resources:
  - id: patient
    type: Patient
    fields:
      - path: Patient.identifier[0].value
        xpath: /Visit/Mrn
ack:
  content_type: text/plain
  template: "${outcome} ${message_id}"
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST(MappingErrors, TheBaseMappingOfTheseTestsIsValid) { EXPECT_EQ(createError(kValid), ""); }

TEST(MappingErrors, BadXPathNamesFileLineAndColumn) {
  std::string file;
  std::string error = createError(replaced(kValid, "xpath: /Visit/Mrn", "xpath: /Visit/Mrn[["), &file);
  EXPECT_EQ(error.rfind(file + ":10:16: 'resources[0].fields[0].xpath': bad XPath '/Visit/Mrn[['", 0), 0u) << error;
}

TEST(MappingErrors, UndeclaredNamespacePrefixIsABadXPath) {
  std::string file;
  std::string error = createError(replaced(kValid, "id: /Visit/@id", "id: /h:Visit/@id"), &file);
  EXPECT_EQ(error.rfind(file + ":4:7: 'message.id': bad XPath '/h:Visit/@id'", 0), 0u) << error;
}

TEST(MappingErrors, UnknownKeyNamesTheKeyAndTheKnownOnes) {
  std::string file;
  std::string error = createError(replaced(kValid, "        xpath: /Visit/Mrn", "        xpath: /Visit/Mrn\n        requird: x"), &file);
  EXPECT_EQ(error.rfind(file + ":11:9: 'resources[0].fields[0].requird': unknown key (expected one of: path, xpath", 0), 0u)
      << error;
}

TEST(MappingErrors, UnknownFhirPathRoot) {
  std::string file;
  std::string error = createError(replaced(kValid, "path: Patient.identifier", "path: Patinet.identifier"), &file);
  EXPECT_EQ(error.rfind(file + ":9:15: 'resources[0].fields[0].path': unknown FHIR path root 'Patinet'", 0), 0u) << error;
}

TEST(MappingErrors, PathRootOfAnotherResourceType) {
  std::string error = createError(replaced(kValid, "path: Patient.identifier", "path: Encounter.identifier"));
  EXPECT_NE(error.find(":9:15: 'resources[0].fields[0].path': path root 'Encounter' is not this resource's type 'Patient'"),
            std::string::npos)
      << error;
}

TEST(MappingErrors, MissingMatchSection) {
  std::string file;
  std::string error = createError(replaced(kValid, "match:\n  root: Visit\n", ""), &file);
  EXPECT_EQ(error, file + ":1:1: missing required section 'match'");
}

TEST(MappingErrors, EveryProblemIsReportedNotOnlyTheFirst) {
  std::string yaml = replaced(replaced(kValid, "xpath: /Visit/Mrn", "xpath: /Visit/Mrn[["), "content_type: text/plain\n", "");
  std::string error = createError(yaml);
  EXPECT_NE(error.find("bad XPath"), std::string::npos) << error;
  EXPECT_NE(error.find("'ack': missing required key 'content_type'"), std::string::npos) << error;
}

TEST(MappingErrors, ReferenceToAnUnknownOrRepeatedResource) {
  std::string yaml = replaced(kValid, "ack:", R"(  - id: charge
    type: ChargeItem
    foreach: /Visit/Charge
    fields:
      - path: ChargeItem.subject
        reference: patien
  - id: encounter
    type: Encounter
    fields:
      - path: Encounter.account[0]
        reference: charge
ack:)");
  std::string error = createError(yaml);
  EXPECT_NE(error.find(":16:20: 'resources[1].fields[0].reference': no resource with id 'patien'"), std::string::npos)
      << error;
  EXPECT_NE(error.find("'charge' is a repeated group (foreach) and cannot be referenced"), std::string::npos) << error;
}

TEST(MappingErrors, ForeachMustSelectElements) {
  std::string yaml = replaced(kValid, "    type: Patient\n", "    type: Patient\n    foreach: count(/Visit/Charge)\n");
  EXPECT_NE(createError(yaml).find("must select elements"), std::string::npos);
}

TEST(MappingErrors, UnknownValueMapDateDirectiveAndAckPlaceholder) {
  std::string yaml = replaced(kValid, "        xpath: /Visit/Mrn", "        xpath: /Visit/Mrn\n        map: sex\n        date: \"%Y%q\"");
  yaml = replaced(yaml, "${message_id}", "${msg_id}");
  std::string error = createError(yaml);
  EXPECT_NE(error.find("no value map named 'sex'"), std::string::npos) << error;
  EXPECT_NE(error.find("unsupported directive %q"), std::string::npos) << error;
  EXPECT_NE(error.find("'ack.template': unknown placeholder ${msg_id}"), std::string::npos) << error;
}

TEST(MappingErrors, YamlSyntaxErrorNamesItsLine) {
  std::string file;
  std::string error = createError("match:\n  root: [Visit\nmessage: x\n", &file);
  EXPECT_EQ(error.rfind(file + ":", 0), 0u) << error;
  EXPECT_NE(error.find("not valid YAML"), std::string::npos) << error;
}

TEST(MappingErrors, MissingOrUnreadableMappingOption) {
  try {
    gw::xmlmap::XmlMapAdapter(gw::sdk::Partner{"sh-intl", GW_KIND_HOSPITAL, "{}"});
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_CONFIG);
    EXPECT_NE(std::string(e.what()).find("option mapping"), std::string::npos);
  }
  try {
    makeAdapter("/nonexistent/mapping.yaml");
    FAIL();
  } catch (const gw::sdk::Error& e) {
    EXPECT_EQ(e.status(), GW_ERR_CONFIG);
    EXPECT_STREQ(e.what(), "/nonexistent/mapping.yaml: cannot read the mapping file");
  }
}

TEST(MappingOptions, RelativeMappingPathIsResolvedAgainstBaseDir) {
  EXPECT_EQ(gw::xmlmap::mappingPathFromOptions(R"({"mapping":"mappings/a.yaml","base_dir":"/etc/gatewayd"})"),
            "/etc/gatewayd/mappings/a.yaml");
  EXPECT_EQ(gw::xmlmap::mappingPathFromOptions(R"({"mapping":"/srv/a.yaml","base_dir":"/etc/gatewayd"})"), "/srv/a.yaml");
  EXPECT_EQ(gw::xmlmap::mappingPathFromOptions(R"({"mapping":"a.yaml"})"), "a.yaml");
  // The shipped mapping, found through base_dir as the host would pass it.
  std::string options = std::string(R"({"mapping":"mappings/visitrecord.yaml","base_dir":")") + XMLMAP_MAPPINGS_DIR + "/..\"}";
  EXPECT_NO_THROW(gw::xmlmap::XmlMapAdapter(gw::sdk::Partner{"sh-intl", GW_KIND_HOSPITAL, options}));
}

TEST(MappingErrors, BadDefaultsAndNamespaceUri) {
  std::string yaml = std::string("defaults:\n  timezone: \"8\"\n  currency: rmb\nnamespaces:\n  v: [x]\n") + kValid;
  std::string error = createError(yaml);
  EXPECT_NE(error.find(":2:13: 'defaults.timezone': '8' is not an offset"), std::string::npos) << error;
  EXPECT_NE(error.find(":3:13: 'defaults.currency': 'rmb' is not an ISO 4217 code"), std::string::npos) << error;
  EXPECT_NE(error.find(":5:6: 'namespaces.v': must be a namespace URI"), std::string::npos) << error;
}
