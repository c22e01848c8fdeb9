// HeaderReply.hpp: what decode hands the host as its ABI 1.1 reply, so that the acknowledgement is written
// from the message's header alone instead of from a second parse of the whole message: the MSH segment,
// the sender's delimiters and the XML style (encoding, namespace, Mirth dialect). The text is this
// adapter's own (the host stores and returns it untouched): a small JSON object with the MSH as ER7.
#pragma once

#include "Message.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gw::hl7v2 {

std::string headerReply(const Message& message);

// The header message (MSH only, with the original delimiters and style), or nothing when `reply` is
// empty or not one of ours.
std::optional<Message> messageFromHeaderReply(std::string_view reply);

}  // namespace gw::hl7v2
