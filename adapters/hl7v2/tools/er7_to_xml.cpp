// er7_to_xml FILE: prints the v2.xml form of an ER7 message, by the hl7v2 adapter's own conversion
// (how tests/data/hl7v2-xml-derived/ was made).
#include "Er7ToXml.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: er7_to_xml FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "er7_to_xml: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    std::cout << gw::hl7v2::er7ToXml(text.str());
  } catch (const std::exception& e) {
    std::cerr << "er7_to_xml: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
