#include "gw/kit/Issues.hpp"

#include <gw/plugin.hpp>

#include "gw/kit/JsonReader.hpp"
#include "gw/kit/Profile.hpp"

namespace gw::kit {

void Issues::defect(const std::string& expression, const std::string& code, const std::string& text,
                    std::string_view original) {
  if (!lenient_) throw gw::sdk::Error(GW_ERR_INVALID, text, expression);
  // One field read for two elements (a document's time is Composition.date and Bundle.timestamp) is one defect.
  for (const Issue& known : issues_)
    if (known.expression == expression && known.text == text) return;
  issues_.push_back({"warning", code, expression, text, std::string(original)});
}

std::string Issues::operationOutcome() const {
  if (issues_.empty()) return {};
  Json outcome = Json::object();
  outcome.set("resourceType", "OperationOutcome");
  for (const Issue& issue : issues_) {
    Json item = Json::object();
    item.set("severity", issue.severity);
    item.set("code", issue.code);
    if (!issue.original.empty()) {
      Json extension = Json::object();
      extension.set("url", std::string(profile::kExtensionBase) + "original-text");
      extension.set("valueString", issue.original);
      item.append("extension", std::move(extension));
    }
    item.set("diagnostics", issue.text);
    item.append("expression", Json::string(issue.expression));
    outcome.append("issue", std::move(item));
  }
  return outcome.dump();
}

std::vector<Issue> readIssues(std::string_view operationOutcomeJson) {
  std::vector<Issue> out;
  if (operationOutcomeJson.empty()) return out;
  try {
    JsonObject outcome = parseObject(std::string(operationOutcomeJson));
    JsonArray issues = arrayAt(outcome, "issue");
    for (std::size_t i = 0; issues && i < issues->size(); ++i) {
      JsonObject issue = objectIn(issues, i);
      if (!issue) continue;
      Issue read{stringAt(issue, "severity"), stringAt(issue, "code"), "", stringAt(issue, "diagnostics"), ""};
      if (JsonArray expression = arrayAt(issue, "expression"); expression && expression->size() > 0 &&
                                                                expression->get(0).isString())
        read.expression = expression->get(0).extract<std::string>();
      out.push_back(std::move(read));
    }
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

}  // namespace gw::kit
