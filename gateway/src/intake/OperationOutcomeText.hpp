// The OperationOutcome kept with each message: read from what an adapter returned, or written by the gateway
// for a refusal that the adapter did not describe itself.
#pragma once

#include <string>
#include <vector>

#include "store/MessageIssueRepository.hpp"

namespace gw {

// The issues of an OperationOutcome (JSON): severity, code and the field its expression (else its location)
// names. Text that is not an OperationOutcome gives no issues.
std::vector<MessageIssue> issuesOf(const std::string& operationOutcomeJson);

// An OperationOutcome of one issue: `severity` (error, warning), the issue type `code` (e.g. invalid,
// not-supported, forbidden), the field (may be empty) and the reason.
std::string operationOutcome(const std::string& severity, const std::string& code, const std::string& field,
                             const std::string& reason);

}  // namespace gw
