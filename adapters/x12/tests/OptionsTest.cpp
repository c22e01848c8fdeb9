// Partner options: required billing identity, formats checked at create, GW_ERR_CONFIG naming the key.
#include "X12Options.hpp"
#include "X12TestSupport.hpp"

#include <gmock/gmock.h>

using namespace gw::x12;
using namespace gw::x12::test;
using ::testing::HasSubstr;

namespace {

gw::sdk::Error createError(const std::string& json) {
  return errorOf([&] { X12Adapter(gw::sdk::Partner{"keyins", GW_KIND_INSURER, json}); });
}

}  // namespace

TEST(X12Options, DefaultsFollowTheContract) {
  X12Options options = readOptions(optionsJson());
  EXPECT_EQ(options.senderQualifier, "ZZ");
  EXPECT_EQ(options.receiverQualifier, "ZZ");
  EXPECT_EQ(options.usage, 'T');
  EXPECT_EQ(options.transaction, Transaction::Professional);
  EXPECT_EQ(options.delimiters.element, '*');
  EXPECT_EQ(options.delimiters.segment, '~');
  EXPECT_EQ(options.delimiters.component, ':');
  EXPECT_EQ(options.delimiters.repetition, '^');
  EXPECT_EQ(options.contactName, "Partner Doctor Group");
}

TEST(X12Options, MissingBillingIdentityIsAConfigErrorNamingTheKey) {
  auto error = createError(R"({"sender_id":"A","receiver_id":"B"})");
  EXPECT_EQ(error.status(), GW_ERR_CONFIG);
  EXPECT_THAT(error.what(), HasSubstr("option billing_provider_npi is required"));
  std::string noTaxId = optionsJson();
  noTaxId.replace(noTaxId.find(R"("billing_provider_tax_id":"587654321",)"), 38, "");
  EXPECT_THAT(createError(noTaxId).what(), HasSubstr("option billing_provider_tax_id is required"));
}

TEST(X12Options, MalformedValuesAreConfigErrors) {
  EXPECT_THAT(createError(optionsJson(R"("transaction":"837D")")).what(), HasSubstr("837P, 837I or auto"));
  EXPECT_THAT(createError(optionsJson(R"("usage":"X")")).what(), HasSubstr("usage must be T or P"));
  EXPECT_THAT(createError(optionsJson(R"("element_separator":":")")).what(), HasSubstr("four different characters"));
  EXPECT_THAT(createError(optionsJson(R"("segment_terminator":"AB")")).what(), HasSubstr("segment_terminator must be one character"));
  EXPECT_THAT(createError(optionsJson(R"("sender_qualifier":"Z")")).what(), HasSubstr("sender_qualifier must be 2 characters"));
  EXPECT_THAT(createError(optionsJson(R"("colour":"red")")).what(), HasSubstr("unknown option colour"));
  std::string badNpi = optionsJson();
  badNpi.replace(badNpi.find("1912301953"), 10, "19123");
  EXPECT_THAT(createError(badNpi).what(), HasSubstr("billing_provider_npi must be a 10-digit NPI"));
  EXPECT_EQ(createError("[1]").status(), GW_ERR_CONFIG);
}

TEST(X12Options, DeclaredFieldsMarkTheBillingIdentityRequired) {
  int required = 0;
  for (const auto& field : x12ConfigFields()) {
    std::string name = field.name;
    if (name == "billing_provider_npi" || name == "billing_provider_tax_id" || name == "sender_id") {
      EXPECT_EQ(field.required, 1u) << name;
      ++required;
    }
  }
  EXPECT_EQ(required, 3);
}

TEST(X12Options, TheValidationSettingTheHostAddsIsNotAnUnknownOption) {
  // gatewayd adds the partner's `validation` to every ABI 1.1 adapter's options.
  EXPECT_NO_THROW(X12Adapter(gw::sdk::Partner{"keyins", GW_KIND_INSURER, optionsJson(R"("validation":"lenient")")}));
  EXPECT_THAT(createError(optionsJson(R"("colour":"red")")).what(), HasSubstr("unknown option colour"));
}
