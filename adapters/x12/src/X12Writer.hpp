// Writes X12 segments with a partner's delimiters, keeping the counts the trailers need. X12 has no
// escape sequence, so a delimiter inside data (a "*" in a street name) is replaced by a space rather
// than silently shifting every element after it.
#pragma once

#include "X12Interchange.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gw::x12 {

// `text` cut or space-padded to `width`: the ISA's fixed-width fields.
std::string fixedWidth(const std::string& text, std::size_t width);

// One element to write: data (cleaned of delimiters) or a composite built by X12Writer::composite.
struct Element {
  Element(std::string data) : text(std::move(data)) {}
  Element(const char* data) : text(data) {}
  std::string text;
  bool composite = false;  // already joined with the component separator; its components are clean
};

class X12Writer {
 public:
  explicit X12Writer(Delimiters delimiters) : d_(delimiters) {}

  // One segment: {"NM1", "85", "2", "NAME", "", "", "", "", "XX", "1234567890"}. Trailing empty
  // elements are dropped, as X12 requires. Elements are data: delimiters in them become spaces.
  void segment(const std::vector<Element>& elements);
  // A composite element's text from its components, trailing empty components dropped.
  Element composite(const std::vector<std::string>& components) const;
  // The ISA segment, written verbatim (its fields are fixed width and its ISA11/ISA16 are delimiters).
  void raw(const std::string& text);

  // Segments written since the last call (what SE01 counts when called at ST).
  std::size_t segmentsSinceMark() const { return count_ - mark_; }
  void mark() { mark_ = count_; }

  const std::string& text() const { return text_; }
  const Delimiters& delimiters() const { return d_; }

 private:
  std::string clean(const std::string& data) const;

  Delimiters d_;
  std::string text_;
  std::size_t count_ = 0;
  std::size_t mark_ = 0;
};

}  // namespace gw::x12
