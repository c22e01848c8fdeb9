#include "intake/OperationOutcomeText.hpp"

#include <gw/kit/JsonReader.hpp>

#include "common/Json.hpp"

namespace gw {

namespace {

std::string firstText(const kit::JsonObject& issue, const std::string& key) {
  kit::JsonArray values = kit::arrayAt(issue, key);
  if (!values || values->size() == 0 || !values->get(0).isString()) return {};
  return values->get(0).extract<std::string>();
}

}  // namespace

std::vector<MessageIssue> issuesOf(const std::string& operationOutcomeJson) {
  std::vector<MessageIssue> out;
  if (operationOutcomeJson.empty()) return out;
  try {
    kit::JsonObject outcome = kit::parseObject(operationOutcomeJson);
    if (kit::stringAt(outcome, "resourceType") != "OperationOutcome") return out;
    kit::JsonArray issues = kit::arrayAt(outcome, "issue");
    for (std::size_t i = 0; issues && i < issues->size(); ++i) {
      kit::JsonObject issue = kit::objectIn(issues, i);
      if (!issue) continue;
      std::string field = firstText(issue, "expression");
      if (field.empty()) field = firstText(issue, "location");
      out.push_back(
          {kit::stringAt(issue, "severity"), kit::stringAt(issue, "code"), field, kit::stringAt(issue, "diagnostics")});
    }
  } catch (const std::exception&) {
    out.clear();  // not JSON: nothing to count
  }
  return out;
}

std::string operationOutcome(const std::string& severity, const std::string& code, const std::string& field,
                             const std::string& reason) {
  Poco::JSON::Object::Ptr issue = jsonObject();
  issue->set("severity", severity);
  issue->set("code", code);
  if (!reason.empty()) issue->set("diagnostics", reason);
  if (!field.empty()) {
    Poco::JSON::Array::Ptr expression = new Poco::JSON::Array;
    expression->add(field);
    issue->set("expression", expression);
  }
  Poco::JSON::Array::Ptr issues = new Poco::JSON::Array;
  issues->add(issue);
  Poco::JSON::Object::Ptr outcome = jsonObject();
  outcome->set("resourceType", "OperationOutcome");
  outcome->set("issue", issues);
  return toJson(outcome);
}

}  // namespace gw
