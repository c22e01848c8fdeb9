// FieldValue.cpp: see FieldValue.hpp.
#include "FieldValue.hpp"

#include "TextRules.hpp"

#include <gw/plugin.hpp>

namespace gw::xmlmap {

namespace {

using gw::sdk::Error;

// The mapping's line, never its file path: this text reaches the hospital in its acknowledgement.
std::string mappingLine(const MappingSpec&, int line) {
  return " (mapping line " + std::to_string(line) + ")";
}

std::string decimalOf(const std::string& text, const std::string& what, const SourceLocation& location) {
  if (!isFhirDecimal(text))
    throw Error(GW_ERR_INVALID, what + ": '" + text + "' is not a decimal number", location.text());
  return text;
}

Json typed(const std::string& text, ValueType type, const std::string& what, const SourceLocation& location) {
  switch (type) {
    case ValueType::String: return Json::string(text);
    case ValueType::Decimal: return Json::number(decimalOf(text, what, location));
    case ValueType::Integer:
      if (!isFhirInteger(text))
        throw Error(GW_ERR_INVALID, what + ": '" + text + "' is not an integer", location.text());
      return Json::number(text);
    case ValueType::Boolean:
      if (text == "true" || text == "false") return Json::boolean(text == "true");
      throw Error(GW_ERR_INVALID, what + ": '" + text + "' is not true or false (use a value map)", location.text());
  }
  return Json();
}

}  // namespace


std::string locationOf(const std::string& expression, xmlNode* context) {
  if (!expression.empty() && expression[0] == '/') return expression;
  std::string base = nodeLocation(context);
  return base.empty() ? expression : base + "/" + expression;
}

Json fieldValue(const FieldSpec& field, const FieldScope& scope) {
  const std::string& path = field.path.text;
  if (field.when && !scope.xpath.test(*field.when, scope.context)) return Json();

  SourceLocation location;
  std::string raw;
  if (field.source.xpath) {
    location = {&field.source.xpath->written, scope.context, {}};
    raw = scope.xpath.text(*field.source.xpath, scope.context);
    if (raw.empty() && field.defaultValue) raw = *field.defaultValue;
  } else if (field.source.constant) {
    raw = *field.source.constant;
  } else if (field.source.reference) {
    auto target = scope.fullUrls.find(*field.source.reference);
    if (target != scope.fullUrls.end()) {
      Json ref = Json::object();
      ref.set("reference", Json::string(target->second));
      return ref;
    }
    location.fixed = "resource '" + *field.source.reference + "'";
  } else if (field.source.moneyAmount) {
    location = {&field.source.moneyAmount->written, scope.context, {}};
    std::string amount = scope.xpath.text(*field.source.moneyAmount, scope.context);
    if (!amount.empty()) {
      std::string currency = field.moneyCurrency.empty() ? scope.spec.currency : field.moneyCurrency;
      if (field.moneyCurrencyXPath) {
        std::string sent = scope.xpath.text(*field.moneyCurrencyXPath, scope.context);
        if (!sent.empty()) currency = sent;
      }
      if (!isCurrencyCode(currency))
        throw Error(GW_ERR_INVALID, path + ": currency '" + currency + "' is not an ISO 4217 code", location.text());
      Json money = Json::object();
      money.set("value", Json::number(decimalOf(amount, path, location)));
      money.set("currency", Json::string(currency));
      return money;
    }
  }

  if (raw.empty()) {
    if (field.required) throw Error(GW_ERR_INVALID, *field.required, location.text());
    return Json();
  }
  // What the message sent cannot be used: a field the mapping or FHIR requires refuses the message (leaving
  // it out would emit an invalid resource), any other reports it.
  auto defect = [&](const std::string& reason) {
    if (field.required || field.fhirRequired) throw Error(GW_ERR_INVALID, reason, location.text());
    scope.issues.defect(location.text(), "value", reason, raw);
    return Json();
  };
  if (field.valueMap) {
    const auto& table = scope.spec.valueMaps.at(*field.valueMap);
    auto hit = table.find(raw);
    if (hit == table.end()) hit = table.find("*");
    if (hit == table.end())
      return defect(path + ": '" + raw + "' is not in value map '" + *field.valueMap + "'" +
                    mappingLine(scope.spec, field.line));
    raw = hit->second;
    if (raw.empty()) return Json();  // mapped to nothing on purpose
  }
  try {
    if (field.date) raw = field.date->toDate(raw);
    if (field.dateTime) raw = field.dateTime->toDateTime(raw, field.timezone.value_or(scope.spec.timezone));
    return typed(raw, field.type, path, location);
  } catch (const std::invalid_argument& e) {
    return defect(path + ": " + e.what());
  } catch (const Error& e) {
    if (e.status() != GW_ERR_INVALID) throw;
    return defect(e.what());
  }
}

}  // namespace gw::xmlmap
