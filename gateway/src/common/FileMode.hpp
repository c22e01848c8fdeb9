// A file's permission bits as an operator types them in chmod ("0644"), for refusal reasons.
#pragma once

#include <sys/types.h>

#include <string>

namespace gw {

std::string octalMode(mode_t mode);

}  // namespace gw
