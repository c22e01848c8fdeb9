// An independent X12 parser for the tests: node-x12 (the package tools/x12-validator installs) run through
// tests/read-acknowledgement.js on what the adapter writes (999 and TA1 replies, 278 requests). It answers,
// per file, node-x12's strict envelope verdict, its diagnostics and every segment it split.
#pragma once

#include "X12Json.hpp"

#include <gw/testing/NodeTool.hpp>
#include <gw/testing/TestFiles.hpp>

#include <string>
#include <vector>

namespace gw::x12::test {

// The reader script runs from a folder of its own, beside a link to the validator's node_modules, so it uses
// the same installed node-x12 (a missing install skips or fails the test like the validator's own tests).
class NodeX12Reader {
 public:
  NodeX12Reader();
  // Writes each interchange to a file and reads them all; check with GW_NODE_TOOL_RAN_OR_SKIP.
  gw::testkit::NodeToolRun run(const std::vector<std::string>& interchanges) const;

 private:
  gw::testkit::TempFolder folder_;
};

// The reader's answer: one object per file, {strictError, diagnostics, segments}.
JsonArray readerAnswer(const gw::testkit::NodeToolRun& run);

// The elements of the segments with `id` the parser read in file `index` of its answer.
std::vector<std::vector<std::string>> readSegments(const JsonArray& answer, std::size_t index, const std::string& id);

// node-x12's strict verdict on each file: its message, or "" when it found nothing wrong.
std::vector<std::string> strictErrors(const JsonArray& answer);

// node-x12 found the envelope of file `index` sound (strict mode) and said nothing about it.
void expectStrictlyValid(const JsonArray& answer, std::size_t index);

}  // namespace gw::x12::test
