// Text that an attacker may have chosen (paths, ids, header values), made safe to store, hash, log
// and put into JSON: valid UTF-8 without control characters, or escaped until it is.
#pragma once

#include <string>

namespace gw {

// Valid UTF-8 (no overlong forms, surrogates or values past U+10FFFF) without C0 controls or DEL.
bool isPrintableUtf8(const std::string& text);

// `text` with every byte that is a control character or not part of valid UTF-8 written as \xNN, and
// every backslash as \\ (so that two different inputs never give the same output).
std::string printableText(const std::string& text);

}  // namespace gw
