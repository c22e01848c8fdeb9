// Er7Reader.hpp: reads classic pipe-delimited HL7 v2 (ER7) into the message model: delimiters from
// each MSH, escape sequences, CR/LF/CRLF segment ends, a UTF-8 BOM, trailing spaces, and batch
// files (FHS/BHS/BTS/FTS envelopes or bare MSH after MSH, with comment lines between messages).
#pragma once

#include "Message.hpp"

#include <string_view>
#include <vector>

namespace gw::hl7v2 {

struct Er7Document {
  std::vector<Message> messages;
  bool batchEnvelope = false;  // FHS/BHS/BTS/FTS segments were present
  bool isBatch() const { return batchEnvelope || messages.size() > 1; }
};

// Throws gw::sdk::Error(GW_ERR_INVALID) naming the line when the text is not ER7.
Er7Document readEr7(std::string_view text);

// Decodes ER7 escape sequences in one subcomponent's raw text.
std::string decodeEr7Escapes(std::string_view raw, const Delimiters& delimiters);

}  // namespace gw::hl7v2
