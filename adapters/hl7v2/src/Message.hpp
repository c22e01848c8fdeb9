// Message.hpp: the one in-memory model of an HL7 v2 message that both the ER7 and the XML readers
// fill, so that the FHIR mapping is written once and ER7/XML twins map to the same Bundle.
//
// segment -> fields (1-based) -> repetitions -> components (1-based) -> subcomponents (1-based).
// Three states are kept apart because HL7 gives them different meanings:
//   absent  the field was not sent (beyond the last separator, or no XML element);
//   empty   the field was sent with no content (`||`, `<PID.5/>`): "no information";
//   null    the field is `""`: "delete the value the receiver holds".
#pragma once

#include <string>
#include <vector>

namespace gw::hl7v2 {

struct Subcomponent {
  std::string text;  // escapes decoded; formatting escapes such as \.br\ kept verbatim
  bool null = false;
};

struct Component {
  std::vector<Subcomponent> subcomponents;
};

// One occurrence of a field; for a simple field, component 1 subcomponent 1 holds the value.
struct Repetition {
  std::vector<Component> components;

  // Text of component `component` (1-based), subcomponent `sub` (1-based); "" when absent or null.
  const std::string& text(int component, int sub = 1) const;
  bool isNull(int component = 1, int sub = 1) const;
  bool isEmpty() const;  // nothing valued anywhere (null counts as valued)
  // The components from `first` on, as a repetition: lets a composite component (e.g. XCN inside
  // XCN.9's HD) be read with the same accessors through its subcomponents.
  Repetition subcomponentsOf(int component) const;
};

struct Field {
  bool present = false;
  std::vector<Repetition> repetitions;
  bool isNull() const;
  bool isEmpty() const;
};

struct Segment {
  std::string name;
  std::vector<Field> fields;  // fields[0] is field 1 (for MSH, field 1 is the field separator)

  const Field* field(int number) const;  // nullptr when absent
  Field& fieldForWrite(int number);      // grows the segment as needed
  // Component text of the first (or `rep`-th) repetition; "" when absent, empty or null.
  const std::string& text(int field, int component = 1, int sub = 1, std::size_t rep = 0) const;
  std::size_t repetitionCount(int field) const;
  const Repetition& repetition(int field, std::size_t rep = 0) const;  // an empty one when absent
  bool isNull(int field) const;
};

struct Delimiters {
  char field = '|';
  char component = '^';
  char repetition = '~';
  char escape = '\\';
  char subcomponent = '&';
};

enum class Encoding { Er7, Xml };

// How an XML message was written, so the acknowledgement can be written the same way.
struct XmlStyle {
  enum class Namespace { Default, Prefixed, None } ns = Namespace::Default;
  std::string prefix;    // when Prefixed
  bool mirth = false;    // Mirth Connect's <HL7Message> dialect (PID.5.1 component names)
};

struct Message {
  std::vector<Segment> segments;
  Delimiters delimiters;
  Encoding encoding = Encoding::Er7;
  XmlStyle xmlStyle;

  const Segment* first(const std::string& name) const;  // nullptr when the message has none
  const Segment& header() const;                        // MSH; throws when missing
  std::string controlId() const;                        // MSH-10
  std::string messageType() const;                      // MSH-9.1
  std::string triggerEvent() const;                     // MSH-9.2
  std::string event() const;                            // "ADT^A01"
  std::string version() const;                          // MSH-12.1
};

}  // namespace gw::hl7v2
