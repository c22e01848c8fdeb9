// HL7 v2 batches in ER7 (HL7 v2.5 section 2.10.3): [FHS [BHS {MSH…} BTS]… FTS]. Each message in a batch is
// processed on its own, with its own outcome; the batch is answered with an acknowledgement batch whose
// envelope the gateway writes (the ACKs inside are the adapter's).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gw {

struct Hl7Batch {
  std::string fileHeader;   // the FHS segment, empty when there is none
  std::string batchHeader;  // the (first) BHS segment, empty when there is none
  std::vector<std::string> messages;  // each from its MSH to the next header or trailer, segments ended by CR
};

// True when `body` starts (after a byte order mark and blank lines) with FHS or BHS.
bool isHl7Batch(std::string_view body);

// Segments may end with CR, LF or CRLF; the messages are handed on with CR, as ER7 defines.
Hl7Batch splitHl7Batch(std::string_view body);

// The acknowledgement batch for `batch`: FHS (when the batch had one) and BHS naming the sender's applications
// the other way round and referring to its control ids (FHS-12, BHS-12), the ACKs in order, BTS with their
// count, FTS.
std::string hl7BatchAck(const Hl7Batch& batch, const std::vector<std::string>& acks);

}  // namespace gw
