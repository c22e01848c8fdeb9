// The Bundle decode returns: a collection of ClaimResponses with stable name-based ids, so decoding the
// same 835 or 999 twice gives the same Bundle, plus the FHIR pieces both the 835 and the 999 readers
// fill the same way (code systems of X12 code lists, placeholders for what an X12 answer lacks).
#pragma once

#include "X12Interchange.hpp"
#include "X12Json.hpp"

#include <string>
#include <vector>

namespace gw::x12 {

// Code systems for X12 code lists (the external code lists X12 publishes at x12.org).
constexpr const char* kAdjustmentGroupSystem = "https://x12.org/codes/claim-adjustment-group-codes";
constexpr const char* kAdjustmentReasonSystem = "https://x12.org/codes/claim-adjustment-reason-codes";
constexpr const char* kRemarkSystem = "https://x12.org/codes/remittance-advice-remark-codes";
constexpr const char* kAdjudicationSystem = "http://terminology.hl7.org/CodeSystem/adjudication";
constexpr const char* kClaimTypeSystem = "http://terminology.hl7.org/CodeSystem/claim-type";

// A name-based UUID of `name` (deterministic), for resource ids and urn:uuid fullUrls.
std::string nameUuid(const std::string& name);

// CCYYMMDD → CCYY-MM-DD; "" when the text is not 8 digits or not a plausible date.
std::string fhirDate(const std::string& x12Date);

// A ClaimResponse.processNote entry: {number, type display, text}.
JsonObject processNote(std::size_t number, const std::string& text);

// "<ISA06>/<ISA13>/<GS06>/<ST02>": where a transaction set sits in what the insurer sent (ISA06 without its
// padding). The same interchange received twice names the same places, so the gateway applies each once.
std::string setPosition(const Interchange& interchange, const FunctionalGroup& group, const TransactionSet& set);

// {resourceType Bundle, id, type collection, identifier {urn:gw:x12:interchange, ISA13}, entry[]} with each
// response's fullUrl "urn:uuid:<its id>".
std::string responseBundle(const Interchange& interchange, const std::vector<JsonObject>& responses);

}  // namespace gw::x12
