// What an adapter found wrong with a message but could keep (lenient validation), or would refuse (strict):
// collected during one decode and handed to the host as a FHIR OperationOutcome (ABI 1.1, gw_result.issues).
//
//   kit::Issues issues(options.lenient);
//   if (!birthDate) issues.defect("PID-7", "value", "not a date", raw);  // lenient: noted; strict: throws
//   out.issues = issues.operationOutcome();
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gw/kit/Json.hpp"

namespace gw::kit {

struct Issue {
  std::string severity;    // warning (kept or left out) or error
  std::string code;        // OperationOutcome issue type: value, code-invalid, structure, too-long, ...
  std::string expression;  // the field, as the partner's format names it: PID-7, effectiveTime, /就诊记录/性别
  std::string text;        // what is wrong (no values: those go in `original`)
  std::string original;    // the value as sent, kept with the message (never logged)
};

class Issues {
 public:
  explicit Issues(bool lenient) : lenient_(lenient) {}

  bool lenient() const { return lenient_; }
  // A defect in a field that identifies nothing. Lenient: recorded as a warning, the caller leaves the
  // field out (or keeps it as text). Strict: throws gw::sdk::Error(GW_ERR_INVALID, text, expression). The same
  // defect reported twice is recorded once.
  void defect(const std::string& expression, const std::string& code, const std::string& text,
              std::string_view original = {});
  const std::vector<Issue>& list() const { return issues_; }
  bool empty() const { return issues_.empty(); }
  // The OperationOutcome (JSON text), or "" when there is nothing to say.
  std::string operationOutcome() const;

 private:
  bool lenient_;
  std::vector<Issue> issues_;
};

// The issues of an OperationOutcome the host hands back (acknowledge_reply); text that is not one gives none.
std::vector<Issue> readIssues(std::string_view operationOutcomeJson);

}  // namespace gw::kit
