// JsonDecimal: a JSON number with a fraction or an exponent, kept as the text it was written in. FHIR decimals
// carry their precision ("12.50" is not "12.5") and money must never pass through binary floating point, so
// the kit's reader (JsonReader.hpp) stores such numbers as this type inside Poco::Dynamic::Var, and
// Poco::JSON writes them back exactly as read. Code that asks the Var for a double still gets one (a search
// index, a measurement); money reads the text (Money.hpp).
#pragma once

#include <Poco/Dynamic/VarHolder.h>

#include <cstdlib>
#include <string>

namespace gw::kit {

struct JsonDecimal {
  std::string text;  // a valid JSON number, e.g. "12.50", "-0.3", "1.5e2"
};

}  // namespace gw::kit

namespace Poco::Dynamic {

// Numeric for every caller that asks (isNumeric, convert<double>), written back as its own text.
template <>
class VarHolderImpl<gw::kit::JsonDecimal> : public VarHolder {
 public:
  explicit VarHolderImpl(const gw::kit::JsonDecimal& value)
      : value_(value), approximate_(std::strtod(value.text.c_str(), nullptr)) {}

  const std::type_info& type() const override { return typeid(gw::kit::JsonDecimal); }

  void convert(Int8& v) const override { convertToSmaller(approximate_, v); }
  void convert(Int16& v) const override { convertToSmaller(approximate_, v); }
  void convert(Int32& v) const override { convertToSmaller(approximate_, v); }
  void convert(Int64& v) const override { convertToSmaller(approximate_, v); }
  void convert(UInt8& v) const override { convertSignedFloatToUnsigned(approximate_, v); }
  void convert(UInt16& v) const override { convertSignedFloatToUnsigned(approximate_, v); }
  void convert(UInt32& v) const override { convertSignedFloatToUnsigned(approximate_, v); }
  void convert(UInt64& v) const override { convertSignedFloatToUnsigned(approximate_, v); }
#ifdef POCO_INT64_IS_LONG
  void convert(long long& v) const override { convertToSmaller(approximate_, v); }
  void convert(unsigned long long& v) const override { convertSignedFloatToUnsigned(approximate_, v); }
#endif
  void convert(bool& v) const override { v = approximate_ != 0; }
  void convert(float& v) const override { v = static_cast<float>(approximate_); }
  void convert(double& v) const override { v = approximate_; }
  void convert(std::string& v) const override { v = value_.text; }

  VarHolder* clone(Placeholder<VarHolder>* holder = nullptr) const override { return cloneHolder(holder, value_); }
  const gw::kit::JsonDecimal& value() const { return value_; }

  bool isArray() const override { return false; }
  bool isStruct() const override { return false; }
  bool isInteger() const override { return false; }
  bool isSigned() const override { return true; }
  bool isNumeric() const override { return true; }
  bool isBoolean() const override { return false; }
  bool isString() const override { return false; }

 private:
  gw::kit::JsonDecimal value_;
  double approximate_;
};

}  // namespace Poco::Dynamic
