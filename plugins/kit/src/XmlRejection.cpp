// Stable names of rejection kinds.
#include "gw/kit/XmlRejection.hpp"

namespace gw::kit {

const char* xmlRejectionKindName(XmlRejectionKind kind) {
  switch (kind) {
    case XmlRejectionKind::empty: return "empty";
    case XmlRejectionKind::tooLarge: return "too_large";
    case XmlRejectionKind::notXml: return "not_xml";
    case XmlRejectionKind::dtdInternalSubset: return "dtd_internal_subset";
    case XmlRejectionKind::entityDeclaration: return "entity_declaration";
    case XmlRejectionKind::externalEntity: return "external_entity";
    case XmlRejectionKind::entityReference: return "entity_reference";
    case XmlRejectionKind::tooDeep: return "too_deep";
    case XmlRejectionKind::attributeTooLarge: return "attribute_too_large";
    case XmlRejectionKind::tooManyAttributes: return "too_many_attributes";
    case XmlRejectionKind::tooManyNamespaces: return "too_many_namespaces";
    case XmlRejectionKind::tooManyElements: return "too_many_elements";
    case XmlRejectionKind::tooManyNames: return "too_many_names";
    case XmlRejectionKind::nameTooLong: return "name_too_long";
    case XmlRejectionKind::invalidEncoding: return "invalid_encoding";
    case XmlRejectionKind::malformed: return "malformed";
  }
  return "unknown";
}

}  // namespace gw::kit
