// DateFormat.hpp: hospital date text read with a strftime-like format (`%Y%m%d%H%M`,
// `%d/%m/%Y`, `%b %d, %Y`) and written as a FHIR date or dateTime. FHIR requires an offset on
// any time, so a time without `%z` gets the mapping's configured timezone.
#pragma once

#include "TextRules.hpp"

#include <string>

namespace gw::xmlmap {

class DateFormat {
 public:
  // Throws std::invalid_argument when the format uses an unsupported directive.
  explicit DateFormat(std::string format);

  const std::string& text() const { return format_; }
  bool hasTime() const { return hasTime_; }

  // FHIR date (`1980`, `1980-02`, `1980-02-29`); throws std::invalid_argument naming the problem.
  std::string toDate(const std::string& value) const;
  // FHIR dateTime: a date when the format has no hour, else `YYYY-MM-DDThh:mm:ss±hh:mm`.
  std::string toDateTime(const std::string& value, const std::string& timezone) const;

 private:
  struct Parts {
    int year = -1, month = -1, day = -1, hour = -1, minute = -1, second = -1;
    std::string zone;
  };
  Parts read(const std::string& value) const;
  static std::string datePart(const Parts& p);

  std::string format_;
  bool hasTime_ = false;
};

}  // namespace gw::xmlmap
