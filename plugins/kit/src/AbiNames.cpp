#include "gw/kit/AbiNames.hpp"

namespace gw::kit {

const char* statusName(gw_status status) {
  switch (status) {
    case GW_OK: return "GW_OK";
    case GW_ERR_INVALID: return "GW_ERR_INVALID";
    case GW_ERR_UNSUPPORTED: return "GW_ERR_UNSUPPORTED";
    case GW_ERR_CONFIG: return "GW_ERR_CONFIG";
    case GW_ERR_INTERNAL: return "GW_ERR_INTERNAL";
  }
  return "unknown status";
}

const char* fieldTypeName(uint32_t type) {
  switch (type) {
    case GW_FIELD_STRING: return "string";
    case GW_FIELD_INT: return "int";
    case GW_FIELD_BOOL: return "bool";
    case GW_FIELD_LIST: return "list";
    case GW_FIELD_MAP: return "map";
  }
  return "unknown";
}

}  // namespace gw::kit
