// Er7Writer.hpp: writes a message model as ER7 text (segments ended by CR, as HL7 requires),
// escaping delimiters found in the data and keeping formatting escapes (\.br\) as they are.
#pragma once

#include "Message.hpp"

#include <string>

namespace gw::hl7v2 {

std::string writeEr7(const Message& message);

}  // namespace gw::hl7v2
