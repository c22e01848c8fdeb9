#include "intake/HipActions.hpp"

namespace gw {

namespace {

bool isNameEnd(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>'; }

}  // namespace

const std::map<std::string, std::string>& HipActions::defaults() {
  // The gateway's own names; the standard fixes the interactions, not the action words, and every
  // platform vendor uses its own, so hospitals add theirs under hospitals[].hip.actions.
  static const std::map<std::string, std::string> table = {
      {"PatientRegister", "PRPA_IN201311UV02"},     // 个人信息注册
      {"PatientUpdate", "PRPA_IN201314UV02"},       // 个人信息更新
      {"PatientMerge", "PRPA_IN201304UV02"},        // 个人信息合并
      {"PatientQuery", "PRPA_IN201305UV02"},        // 个人信息查询
      {"EncounterRegister", "PRPA_IN400001UV"},     // 就诊登记 (门诊挂号, 入院登记)
      {"EncounterUpdate", "PRPA_IN400002UV"},       // 就诊信息更新
      {"EncounterDischarge", "PRPA_IN400003UV"},    // 出院登记
      {"OrderNew", "POOR_IN200901UV"},              // 医嘱信息新增
      {"DocumentRegister", "RCMR_IN000002UV02"},    // 电子病历文档注册
      {"DepartmentRegister", "PRPM_IN401030UV01"},  // 科室信息注册
  };
  return table;
}

HipActions::HipActions(const HipConfig& config) : table_(defaults()) {
  for (const auto& [action, interaction] : config.actions) table_[action] = interaction;
}

std::optional<std::string> HipActions::interactionOf(const std::string& action) const {
  if (auto it = table_.find(action); it != table_.end()) return it->second;
  for (const auto& entry : table_)
    if (entry.second == action) return action;
  return std::nullopt;
}

std::optional<std::string> HipActions::refusal(const std::string& action, std::string_view message) const {
  auto interaction = interactionOf(action);
  if (!interaction) {
    std::string known;
    for (const auto& entry : table_) known += (known.empty() ? "" : ", ") + entry.first;
    return "unknown action '" + action + "' (this hospital's actions: " + known + ")";
  }
  const std::string root = documentElementName(message);
  if (root.empty()) return "the message holds no XML element";
  if (root != *interaction)
    return "action '" + action + "' announces " + *interaction + " but the message's root element is " + root;
  return std::nullopt;
}

std::string documentElementName(std::string_view xml) {
  std::size_t at = 0;
  if (xml.substr(0, 3) == "\xEF\xBB\xBF") at = 3;
  while (at < xml.size()) {
    at = xml.find('<', at);
    if (at == std::string_view::npos || at + 1 >= xml.size()) return {};
    const std::string_view rest = xml.substr(at);
    std::size_t end;
    if (rest.substr(0, 4) == "<!--")
      end = xml.find("-->", at + 4);
    else if (rest[1] == '?' || rest[1] == '!')
      end = xml.find('>', at + 2);  // a declaration, PI or DOCTYPE (an internal subset never gets past the screen)
    else {
      std::size_t nameEnd = at + 1;
      while (nameEnd < xml.size() && !isNameEnd(xml[nameEnd])) ++nameEnd;
      std::string_view name = xml.substr(at + 1, nameEnd - at - 1);
      if (auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
      return std::string(name);
    }
    if (end == std::string_view::npos) return {};
    at = end + 1;
  }
  return {};
}

}  // namespace gw
