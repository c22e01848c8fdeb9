// Message.cpp: accessors of the HL7 v2 message model (see Message.hpp).
#include "Message.hpp"

#include <stdexcept>

namespace gw::hl7v2 {

namespace {
const std::string kNothing;
const Repetition kNoRepetition;
}  // namespace

const std::string& Repetition::text(int component, int sub) const {
  if (component < 1 || static_cast<std::size_t>(component) > components.size()) return kNothing;
  const auto& subs = components[component - 1].subcomponents;
  if (sub < 1 || static_cast<std::size_t>(sub) > subs.size() || subs[sub - 1].null) return kNothing;
  return subs[sub - 1].text;
}

bool Repetition::isNull(int component, int sub) const {
  if (component < 1 || static_cast<std::size_t>(component) > components.size()) return false;
  const auto& subs = components[component - 1].subcomponents;
  return sub >= 1 && static_cast<std::size_t>(sub) <= subs.size() && subs[sub - 1].null;
}

bool Repetition::isEmpty() const {
  for (const auto& c : components)
    for (const auto& s : c.subcomponents)
      if (s.null || !s.text.empty()) return false;
  return true;
}

Repetition Repetition::subcomponentsOf(int component) const {
  Repetition out;
  if (component < 1 || static_cast<std::size_t>(component) > components.size()) return out;
  for (const auto& s : components[component - 1].subcomponents) out.components.push_back(Component{{s}});
  return out;
}

bool Field::isNull() const {
  return repetitions.size() == 1 && repetitions[0].components.size() == 1 &&
         repetitions[0].components[0].subcomponents.size() == 1 && repetitions[0].components[0].subcomponents[0].null;
}

bool Field::isEmpty() const {
  for (const auto& r : repetitions)
    if (!r.isEmpty()) return false;
  return true;
}

const Field* Segment::field(int number) const {
  if (number < 1 || static_cast<std::size_t>(number) > fields.size() || !fields[number - 1].present) return nullptr;
  return &fields[number - 1];
}

Field& Segment::fieldForWrite(int number) {
  if (static_cast<std::size_t>(number) > fields.size()) fields.resize(number);
  return fields[number - 1];
}

const std::string& Segment::text(int fieldNumber, int component, int sub, std::size_t rep) const {
  return repetition(fieldNumber, rep).text(component, sub);
}

std::size_t Segment::repetitionCount(int fieldNumber) const {
  const Field* f = field(fieldNumber);
  return f ? f->repetitions.size() : 0;
}

const Repetition& Segment::repetition(int fieldNumber, std::size_t rep) const {
  const Field* f = field(fieldNumber);
  if (!f || rep >= f->repetitions.size()) return kNoRepetition;
  return f->repetitions[rep];
}

bool Segment::isNull(int fieldNumber) const {
  const Field* f = field(fieldNumber);
  return f && f->isNull();
}

const Segment* Message::first(const std::string& name) const {
  for (const auto& s : segments)
    if (s.name == name) return &s;
  return nullptr;
}

const Segment& Message::header() const {
  if (segments.empty() || segments.front().name != "MSH") throw std::runtime_error("the message has no MSH segment");
  return segments.front();
}

std::string Message::controlId() const { return header().text(10); }
std::string Message::messageType() const { return header().text(9, 1); }
std::string Message::triggerEvent() const { return header().text(9, 2); }
std::string Message::event() const {
  std::string trigger = triggerEvent();
  return trigger.empty() ? messageType() : messageType() + "^" + trigger;
}
std::string Message::version() const { return header().text(12, 1); }

}  // namespace gw::hl7v2
