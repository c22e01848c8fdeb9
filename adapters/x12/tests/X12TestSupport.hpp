// What the x12 tests share beyond the adapter test kit (gw/testing: files, temporary folders, error capture):
// the public X12 samples (tests/data/x12, copied unmodified), the claim page fixture, a configured adapter and
// the segments of an interchange.
#pragma once

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

// The elements of every segment with id `id`, in order (reading with the interchange's delimiters).
std::vector<std::vector<std::string>> segmentsWithId(const std::string& x12, const std::string& id);

}  // namespace gw::x12::test
