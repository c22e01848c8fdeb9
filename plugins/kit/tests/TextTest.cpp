// The kit's text rules: what a partner would see if an adapter escaped, detected or encoded differently.
#include <gw/kit/Text.hpp>

#include <gtest/gtest.h>

using namespace gw::kit;

TEST(KitText, XmlEscapingCoversMarkupQuotesAndForbiddenControls) {
  EXPECT_EQ(xmlEscaped("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  // XML 1.0 cannot carry U+0001 or U+001F even escaped; tab, LF and CR stay.
  EXPECT_EQ(xmlEscaped(std::string("x\x01y\x1Fz\t\n\r", 8)), "x y z\t\n\r");
  EXPECT_EQ(xmlEscaped("患者 张三"), "患者 张三");
}

TEST(KitText, JsonQuotingEscapesQuotesBackslashesAndEveryControl) {
  EXPECT_EQ(jsonQuoted("say \"hi\"\\"), R"("say \"hi\"\\")");
  EXPECT_EQ(jsonQuoted(std::string("\n\r\t\x01\x1f", 5)), R"("\n\r\t\u0001\u001f")");
  EXPECT_EQ(jsonQuoted("张三"), "\"张三\"");
  std::string out = "x=";
  appendJsonQuoted(out, "");
  EXPECT_EQ(out, "x=\"\"");
}

TEST(KitText, MediaTypeDropsParametersSpaceAndCase) {
  EXPECT_EQ(mediaType(" Text/XML ; charset=UTF-8"), "text/xml");
  EXPECT_EQ(mediaType("application/hl7-v2"), "application/hl7-v2");
  EXPECT_EQ(mediaType(""), "");
  EXPECT_TRUE(isXmlMediaType("application/hl7-v3+xml; charset=utf-8"));
  EXPECT_TRUE(isXmlMediaType("TEXT/XML"));
  EXPECT_FALSE(isXmlMediaType("application/fhir+json"));
  EXPECT_FALSE(isXmlMediaType("application/xmlish"));
}

TEST(KitText, ByteOrderMarkAndXmlSniffing) {
  EXPECT_EQ(withoutBom("\xEF\xBB\xBF<a/>"), "<a/>");
  EXPECT_EQ(withoutBom("<a/>"), "<a/>");
  EXPECT_EQ(withoutBom("\xEF\xBB"), "\xEF\xBB");
  EXPECT_TRUE(startsLikeXml("\xEF\xBB\xBF \r\n <ClinicalDocument/>"));
  EXPECT_FALSE(startsLikeXml("MSH|^~\\&|"));
  EXPECT_FALSE(startsLikeXml("   "));
}

TEST(KitText, Utf8ValidityRefusesOverlongSurrogatesAndBeyondUnicode) {
  EXPECT_EQ(invalidUtf8At("plain ASCII"), std::string_view::npos);
  EXPECT_EQ(invalidUtf8At("张三 😀"), std::string_view::npos);
  EXPECT_EQ(invalidUtf8At("ab\xC0\xAF"), 2u);              // overlong '/'
  EXPECT_EQ(invalidUtf8At("a\xE0\x80\xAF"), 1u);           // overlong, three bytes
  EXPECT_EQ(invalidUtf8At("\xED\xA0\x80"), 0u);            // a UTF-16 surrogate
  EXPECT_EQ(invalidUtf8At("x\xF4\x90\x80\x80"), 1u);       // above U+10FFFF
  EXPECT_EQ(invalidUtf8At("xy\xE5\xBC"), 2u);              // cut short
  EXPECT_EQ(invalidUtf8At("\x80"), 0u);                    // a continuation byte alone
  EXPECT_EQ(invalidUtf8At("\xF8\x88\x80\x80\x80"), 0u);    // the old five-byte form
}

TEST(KitText, PercentEncodingKeepsUnreservedColonAndSlashOnly) {
  EXPECT_EQ(percentEncoded("urn:oid:2.16.840.1.113883.19.5"), "urn:oid:2.16.840.1.113883.19.5");
  EXPECT_EQ(percentEncoded("http://hospital.example/mrn"), "http://hospital.example/mrn");
  EXPECT_EQ(percentEncoded("A 1|2&b=c?d#e+f;g@h%"), "A%201%7C2%26b%3Dc%3Fd%23e%2Bf%3Bg%40h%25");
  EXPECT_EQ(percentEncoded("张"), "%E5%BC%A0");
  EXPECT_EQ(percentEncoded("-_.~"), "-_.~");
}

TEST(KitText, Base64RoundTripsAndRefusesWhatIsNotBase64) {
  EXPECT_EQ(base64Encoded(""), "");
  EXPECT_EQ(base64Encoded("f"), "Zg==");
  EXPECT_EQ(base64Encoded("foobar"), "Zm9vYmFy");
  const std::string binary("\x00\xFF\x10 report", 10);
  std::string decoded;
  ASSERT_TRUE(base64Decode(base64Encoded(binary), decoded));
  EXPECT_EQ(decoded, binary);
  ASSERT_TRUE(base64Decode("Zm9v\r\nYmFy", decoded));
  EXPECT_EQ(decoded, "foobar");
  EXPECT_FALSE(base64Decode("Zm9v!mFy", decoded));
  EXPECT_FALSE(base64Decode("Zm9", decoded));
  EXPECT_FALSE(base64Decode("Zg==Zg==", decoded));
}
