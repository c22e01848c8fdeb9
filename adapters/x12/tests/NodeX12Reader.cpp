// Runs read-acknowledgement.js from a temporary folder and reads its JSON answer.
#include "NodeX12Reader.hpp"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace gw::x12::test {

using namespace gw::testkit;

NodeX12Reader::NodeX12Reader() {
  folder_.write("read-acknowledgement.js", readFile(X12_ACK_READER));
  std::filesystem::create_directory_symlink(std::filesystem::path(X12_VALIDATOR).parent_path() / "node_modules",
                                            folder_.file("node_modules"));
}

NodeToolRun NodeX12Reader::run(const std::vector<std::string>& interchanges) const {
  std::vector<std::string> files;
  for (std::size_t i = 0; i < interchanges.size(); ++i)
    files.push_back(folder_.write("interchange" + std::to_string(i) + ".x12", interchanges[i]));
  return runNodeTool(folder_.file("read-acknowledgement.js"), "node-x12", files);
}

JsonArray readerAnswer(const NodeToolRun& run) {
  Poco::JSON::Parser parser;
  return parser.parse(run.output).extract<JsonArray>();
}

std::vector<std::vector<std::string>> readSegments(const JsonArray& answer, std::size_t index, const std::string& id) {
  std::vector<std::vector<std::string>> found;
  JsonArray segments = arrayAt(objectIn(answer, index), "segments");
  for (std::size_t i = 0; i < segments->size(); ++i) {
    JsonArray segment = segments->getArray(static_cast<unsigned>(i));
    std::vector<std::string> elements;
    for (std::size_t e = 0; e < segment->size(); ++e) elements.push_back(segment->getElement<std::string>(static_cast<unsigned>(e)));
    if (elements.front() == id) found.push_back(elements);
  }
  return found;
}

std::vector<std::string> strictErrors(const JsonArray& answer) {
  std::vector<std::string> errors;
  for (std::size_t i = 0; i < answer->size(); ++i) {
    JsonObject file = objectIn(answer, i);
    errors.push_back(file->isNull("strictError") ? "" : file->getValue<std::string>("strictError"));
  }
  return errors;
}

void expectStrictlyValid(const JsonArray& answer, std::size_t index) {
  JsonObject file = objectIn(answer, index);
  EXPECT_TRUE(file->isNull("strictError")) << "file " << index << ": " << file->getValue<std::string>("strictError");
  EXPECT_EQ(arrayAt(file, "diagnostics")->size(), 0u) << "file " << index;
}

}  // namespace gw::x12::test
