// What the x12 tests share beyond the adapter test kit (gw/testing: files, temporary folders, error capture):
// the public X12 samples (tests/data/x12, copied unmodified), the claim page fixture, a configured adapter and
// the segments of an interchange, the reply to a refused interchange.
#pragma once

#include "Acknowledgement.hpp"
#include "X12Adapter.hpp"
#include "X12Json.hpp"

#include <gw/testing/TestFiles.hpp>
#include <gw/testing/ThrownError.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gw::x12::test {

using namespace gw::testkit;

// A public sample from tests/data/x12.
std::string sample(const std::string& name);
// A fixture written for these tests, from adapters/x12/tests/fixtures.
std::string fixture(const std::string& name);
JsonObject fixtureObject(const std::string& name);

// Options a real insurer block would carry; `extra` (a JSON object's members, without braces) is added.
std::string optionsJson(const std::string& extra = "");
X12Adapter adapterWith(const std::string& extra = "");

// `text` with the first `from` replaced by `to`: samples are corrupted in a copy, never on disk.
std::string replaced(std::string text, const std::string& from, const std::string& to);

// The clock the reply tests write with: ISA13 of a reply is then 030712000.
inline const std::string kReplyNow = "202603071200";

// What the host does with an interchange decode refuses: decode (GW_ERR_INVALID expected), then acknowledge
// it as rejected with decode's location and text.
struct RefusedReply {
  std::string location;
  Acknowledgement reply;
};
RefusedReply refusedReply(const std::string& x12, const std::string& extraOptions = "");

// The elements of every segment with id `id`, in order (reading with the interchange's delimiters).
std::vector<std::vector<std::string>> segmentsWithId(const std::string& x12, const std::string& id);

// The segments of transaction set `control` (ST to SE), as "ID*E1*E2…" text with the interchange's own
// delimiters normalised to * and :, for readable expectations.
std::vector<std::string> setSegments(const std::string& x12, const std::string& control);

}  // namespace gw::x12::test
