// One hospital's very large message (issue 13, item 8): a valid ORU with 70,000 OBX (3.1 MB, under the
// body limit) took 82 s, grew the daemon to 995 MB and delayed other hospitals. Now it is decoded in
// linear time and refused, before it is mapped, with its count, and another hospital is served meanwhile.
// (A Bundle past server.max_resources_per_message is refused by the host too: BundleWriterTest.)
// CTest's timeout is the guard against a return of the quadratic step; nothing here is timed.
#include <gtest/gtest.h>

#include <Poco/File.h>

#include <future>

#include "TestSupport.hpp"
#include "app/Gateway.hpp"

namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

// The msconv ORU^R01 sample as published, with one of its own OBX segments repeated `copies` times.
std::string oruWithObservations(int copies) {
  const std::string sample = gwtest::readFile(std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/msconv_oru_r01_01.hl7");
  // The sample's segments end with LF (as published); the copies keep whatever separator it uses.
  const std::size_t start = sample.find("OBX|2|NM|") - 1;
  const std::size_t end = sample.find_first_of("\r\n", start + 1);
  const std::string obx = sample.substr(start, end - start);
  std::string message = sample.substr(0, end);
  message.reserve(message.size() + obx.size() * static_cast<std::size_t>(copies));
  for (int i = 0; i < copies; ++i) message += obx;
  return message + sample.substr(end);
}

TEST(LargeMessage, SeventyThousandObservationsAreRefusedWithTheirCountWhileOthersAreServed) {
  gwtest::TempDir dir;
  Poco::File(dir.file("plugins")).createDirectories();
  Poco::File(std::string(GW_PLUGIN_DIR) + "/hl7v2.so").copyTo(dir.file("plugins/hl7v2.so"));
  // The body limit is raised so that the message is valid in every respect but its size (its OBX
  // segments are longer than the report's: 5 MB here for its 3.1 MB).
  const std::string text = "server:\n  listen: 127.0.0.1:0\n  max_body_bytes: 8388608\nstore:\n  sqlite:\n    path: " + dir.file("gw.db") +
                           "\nplugins:\n  folder: " + dir.file("plugins") + "\n  cache_folder: " + dir.file("cache") +
                           "\nhospitals:\n  - {id: sh-intl, key_sha256: " + gwtest::sha256("sh-key") +
                           ", adapter: hl7v2}\n  - {id: bj-union, key_sha256: " + gwtest::sha256("bj-key") +
                           ", adapter: hl7v2}\n";
  gw::Gateway gateway(gw::parseConfig(text, dir.file("gateway.yaml")));
  gateway.start();
  const std::string large = oruWithObservations(70000);
  ASSERT_GT(large.size(), 3000000u);
  ASSERT_LT(large.size(), 8u * 1024 * 1024);

  auto big = std::async(std::launch::async, [&] {
    return gwtest::httpCall(gateway.port(), "POST", "/v1/hospitals/sh-intl/messages", large, {{"X-API-Key", "sh-key"}},
                            "application/hl7-v2");
  });
  auto other = gwtest::httpCall(gateway.port(), "POST", "/v1/hospitals/bj-union/messages",
                                gwtest::readFile(std::string(GW_TEST_DATA_DIR) + "/hl7v2-er7/msconv_dft_p03_01.hl7"),
                                {{"X-API-Key", "bj-key"}}, "application/hl7-v2");
  EXPECT_EQ(other.status, 200) << other.body;
  auto refused = big.get();
  // The hl7v2 adapter refuses it before mapping (one message, 70,000+ segments).
  EXPECT_EQ(refused.status, 422) << refused.body.substr(0, 400);
  EXPECT_EQ(refused.headers["X-Gateway-Outcome"], "AR");
  EXPECT_NE(refused.body.find("segments, more than the 20000"), std::string::npos) << refused.body.substr(0, 400);

  Poco::Data::Session s = gateway.context().db.session();
  int observations = 0, rejected = 0;
  s << "SELECT COUNT(*) FROM fhir_current WHERE resource_type = 'Observation' AND owner = 'sh-intl'", into(observations),
      now;
  s << "SELECT COUNT(*) FROM inbound_message WHERE hospital = 'sh-intl' AND status = 'rejected'", into(rejected), now;
  EXPECT_EQ(observations, 0);
  EXPECT_EQ(rejected, 1) << "the refused message is kept for the operator";
}

}  // namespace
