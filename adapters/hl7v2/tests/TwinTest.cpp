// TwinTest.cpp: an ER7 message and its XML twin decode to the same Bundle (public ITB twins, the
// Mirth pair, and the XML twins derived by this adapter's own ER7-to-XML conversion).
#include "Er7ToXml.hpp"
#include "TestSupport.hpp"

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {

// The decode outcome as text: the Bundle, or the status and error.
std::string outcome(const std::string& file) {
  auto adapter = makeAdapter();
  try {
    return adapter.decode(sample(file), contentTypeFor(file)).bytes;
  } catch (const gw::sdk::Error& e) {
    return "error " + std::to_string(e.status()) + ": " + e.what();
  }
}

// Component `c` with its subcomponents joined by '&': Mirth's XML keeps "W/&W/O" whole where
// ER7 splits it into subcomponents.
std::string component(const Segment& s, int f, int c) {
  const Repetition& r = s.repetition(f);
  if (c < 1 || static_cast<std::size_t>(c) > r.components.size()) return "";
  std::string out;
  const auto& subs = r.components[c - 1].subcomponents;
  for (std::size_t i = 0; i < subs.size(); ++i) out += (i ? "&" : "") + subs[i].text;
  return out;
}

}  // namespace

TEST(Twins, PublicItbTwinsDecodeToTheSameBundle) {
  for (const std::string name : {"itb_adt_a08_escaped_pipe", "itb_oru_r01_ft_formatting", "itb_oru_r01_ed_cdata"}) {
    std::string er7 = outcome("hl7v2-er7/" + name + ".hl7");
    EXPECT_EQ(er7.rfind("{\"resourceType\":\"Bundle\"", 0), 0u) << er7;
    EXPECT_EQ(er7, outcome("hl7v2-xml/" + name + ".xml")) << name;
  }
}

TEST(Twins, MirthTwinsCarryTheSameMessage) {
  // Not byte-identical Bundles: Mirth's XML keeps OBR-4.2's "&" as text, where ER7 reads a subcomponent
  // separator. Field by field, both encodings carry the same message.
  auto er7 = Hl7v2Adapter::readMessage(sample("hl7v2-er7/mirth_orm_o01.txt"), "application/hl7-v2");
  auto xml = Hl7v2Adapter::readMessage(sample("hl7v2-xml/mirth_orm_o01_hl7message.xml"), "application/xml");
  ASSERT_EQ(er7.segments.size(), xml.segments.size());
  for (std::size_t i = 0; i < er7.segments.size(); ++i) {
    const Segment& a = er7.segments[i];
    const Segment& b = xml.segments[i];
    EXPECT_EQ(a.name, b.name);
    for (int f = 3; f <= 20; ++f)
      for (int c = 1; c <= 7; ++c) EXPECT_EQ(component(a, f, c), component(b, f, c)) << a.name << "-" << f << "." << c;
  }
}

TEST(Twins, DerivedXmlTwinsDecodeToTheSameBundle) {
  for (const std::string name : {"msconv_dft_p03_01", "msconv_siu_s12_01"}) {
    std::string er7 = outcome("hl7v2-er7/" + name + ".hl7");
    EXPECT_EQ(er7.rfind("{\"resourceType\":\"Bundle\"", 0), 0u) << er7;
    EXPECT_EQ(er7, outcome("hl7v2-xml-derived/" + name + ".xml")) << name;
  }
}

TEST(Twins, CommittedDerivedTwinsAreWhatTheConversionProducesToday) {
  for (const std::string name : {"msconv_dft_p03_01", "msconv_siu_s12_01"})
    EXPECT_EQ(er7ToXml(sample("hl7v2-er7/" + name + ".hl7")), sample("hl7v2-xml-derived/" + name + ".xml")) << name;
}

TEST(Twins, EveryTranslatableEr7SampleSurvivesTheXmlConversion) {
  for (const std::string name : {"msconv_adt_a01_v28_full.hl7", "msconv_adt_a04_v23_bom.hl7", "msconv_bar_p01_01.hl7",
                                  "msconv_oru_r01_01.hl7", "itb_orm_o01_hex_escape.hl7"}) {
    auto adapter = makeAdapter();
    std::string er7 = sample("hl7v2-er7/" + name);
    EXPECT_EQ(adapter.decode(er7, "application/hl7-v2").bytes, adapter.decode(er7ToXml(er7), "application/xml").bytes)
        << name;
  }
}
