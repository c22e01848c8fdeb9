// Er7ToXml.hpp: the adapter's own ER7 to v2.xml conversion (default namespace, v2.5 element names,
// segments without group elements). Used to derive XML twins of ER7 samples for the tests.
#pragma once

#include <string>
#include <string_view>

namespace gw::hl7v2 {

std::string er7ToXml(std::string_view er7);

}  // namespace gw::hl7v2
