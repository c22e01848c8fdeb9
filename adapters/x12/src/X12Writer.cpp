// Segment text with delimiter-safe data and a running segment count.
#include "X12Writer.hpp"

namespace gw::x12 {

std::string fixedWidth(const std::string& text, std::size_t width) {
  return text.size() >= width ? text.substr(0, width) : text + std::string(width - text.size(), ' ');
}

std::string X12Writer::clean(const std::string& data) const {
  std::string out = data;
  for (char& c : out) {
    bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    if (control || c == d_.element || c == d_.component || c == d_.segment || (d_.repetition && c == d_.repetition))
      c = ' ';
  }
  return out;
}

Element X12Writer::composite(const std::vector<std::string>& components) const {
  std::size_t used = components.size();
  while (used > 0 && components[used - 1].empty()) --used;
  std::string text;
  for (std::size_t i = 0; i < used; ++i) {
    if (i > 0) text += d_.component;
    text += clean(components[i]);
  }
  Element element(text);
  element.composite = true;
  return element;
}

void X12Writer::segment(const std::vector<Element>& elements) {
  std::size_t used = elements.size();
  while (used > 1 && elements[used - 1].text.empty()) --used;
  for (std::size_t i = 0; i < used; ++i) {
    if (i > 0) text_ += d_.element;
    text_ += elements[i].composite || i == 0 ? elements[i].text : clean(elements[i].text);
  }
  text_ += d_.segment;
  ++count_;
}

void X12Writer::raw(const std::string& text) {
  text_ += text;
  text_ += d_.segment;
  ++count_;
}

}  // namespace gw::x12
