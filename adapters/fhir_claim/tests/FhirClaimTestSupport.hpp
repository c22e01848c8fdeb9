// What the fhir_claim tests share beyond the adapter test kit (gw/testing: files, temporary folders, error
// capture, the FHIR validator): the public samples and small fixtures as JSON trees and the sample claim Bundle.
#pragma once

#include "FhirJson.hpp"

#include <gw/testing/TestFiles.hpp>
#include <gw/testing/ThrownError.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gw::fhirclaim::test {

using namespace gw::testkit;

// A public sample from tests/data/fhir-r4 (copied unmodified), parsed afresh on each call.
JsonObject sample(const std::string& name);
// A fixture written for these tests, from adapters/fhir_claim/tests/fixtures.
JsonObject fixture(const std::string& name);

// A collection Bundle with one entry per resource, fullUrl "Type/id".
JsonObject bundleOf(const std::vector<JsonObject>& resources);

// Claims 860150, 100156, 100154 (public samples) mixed with what they reference (Coverage 9876B1 and
// stubs for Patient/1, Patient/4, Organization/1, Organization/2, Practitioner/example,
// RelatedPerson/peter), a verbatim duplicate of Patient/1, and two resources no Claim reaches
// (ChargeItem/example, Patient/99).
JsonObject sampleClaimBundle();

// The resource in `bundle` with type and id, or null.
JsonObject resourceIn(const JsonObject& bundle, const std::string& type, const std::string& id);

// "Type/id" of each entry of a Bundle, in order.
std::vector<std::string> entryLabels(const JsonObject& bundle);

}  // namespace gw::fhirclaim::test
