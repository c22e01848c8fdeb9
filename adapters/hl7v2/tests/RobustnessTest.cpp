// RobustnessTest.cpp: truncated and corrupted inputs are answered with GW_ERR_INVALID or
// GW_ERR_UNSUPPORTED (a gw::sdk::Error), never with another exception or a crash, and the
// acknowledgement of any of them is still produced.
#include "TestSupport.hpp"

#include <gtest/gtest.h>

using namespace gw::hl7v2;
using namespace gw::hl7v2::test;

namespace {

void expectCleanOutcome(Hl7v2Adapter& adapter, const std::string& input, const std::string& contentType,
                        const std::string& label) {
  try {
    adapter.decode(input, contentType);
  } catch (const gw::sdk::Error& e) {
    EXPECT_TRUE(e.status() == GW_ERR_INVALID || e.status() == GW_ERR_UNSUPPORTED) << label << ": " << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << label << ": unexpected exception " << e.what();
  }
  EXPECT_FALSE(adapter.acknowledge(input, contentType, GW_ACK_ERROR, "", "x").bytes.empty()) << label;
}

}  // namespace

TEST(Robustness, TruncatedSamplesAreRejectedCleanly) {
  auto adapter = makeAdapter();
  for (const std::string file : {"hl7v2-er7/msconv_adt_a01_v28_full.hl7", "hl7v2-er7/msconv_dft_p03_01.hl7",
                                 "hl7v2-er7/msconv_siu_s12_01.hl7", "hl7v2-xml/hapi_oru_r01_device_followup.xml",
                                 "hl7v2-xml/itb_adt_a08_escaped_pipe.xml"}) {
    std::string text = sample(file);
    for (std::size_t cut = 0; cut < text.size(); cut += 53)
      expectCleanOutcome(adapter, text.substr(0, cut), contentTypeFor(file), file + " cut at " + std::to_string(cut));
  }
}

TEST(Robustness, CorruptedBytesAreRejectedCleanly) {
  auto adapter = makeAdapter();
  std::string text = sample("hl7v2-er7/msconv_bar_p01_01.hl7");
  for (std::size_t at = 0; at < text.size(); at += 41) {
    for (char c : {'|', '^', '~', '\\', '&', '\r', '\xff', '9'}) {
      std::string corrupted = text;
      corrupted[at] = c;
      expectCleanOutcome(adapter, corrupted, "application/hl7-v2", "byte " + std::to_string(at));
    }
  }
  for (const std::string odd : {"", "MSH", "MSH|", "MSH|^~\\&", "MSH|^~\\&|\r\r\r", "\xEF\xBB\xBF", "<", "<ADT_A01/>",
                                "MSHA^~\\&|x", "MSH|^~\\&|A|B|||2024||ADT^A01|1|P|2.5\rPID|1||\\X\\|\\Xzz\\|\\"})
    expectCleanOutcome(adapter, odd, "", "'" + odd + "'");
}
