// Datatypes25.cpp: the v2.5 datatype table (see Datatypes25.hpp).
#include "Datatypes25.hpp"

#include <map>
#include <sstream>
#include <vector>

namespace gw::hl7v2 {

namespace {

// Space-separated datatypes of fields 1, 2, 3, … ("-" for a field left unnamed).
const std::map<std::string, std::string>& segmentTable() {
  static const std::map<std::string, std::string> table = {
      {"MSH", "ST ST HD HD HD HD TS ST MSG ST PT VID NM ST ID ID ID ID CE ID EI XON XON HD HD"},
      {"EVN", "ID TS TS IS XCN TS HD"},
      {"PID", "SI CX CX CX XPN XPN TS IS XPN CE XAD IS XTN XTN CE CE CE CX ST DLN CX CE ST ID NM CE CE CE TS ID ID IS TS HD "
              "CE CE ST CE CE"},
      {"PD1", "IS IS XON XCN IS IS IS IS ID CX CE ID DT XON CE IS DT DT DT"},
      {"NK1", "SI XPN CE XAD XTN XTN CE DT DT CE JCC CX XON CE IS DT IS IS IS CE ID CE CE CE ST XPN XTN XAD CX IS CE CE "
              "CE ST ID CE ST XCN"},
      {"PV1", "SI IS PL IS CX PL XCN XCN XCN IS PL IS IS IS IS IS XCN IS CX FC IS IS IS IS DT NM NM IS IS DT IS NM NM IS "
              "DT IS DLD CE IS IS IS PL PL TS TS NM NM NM NM CX IS XCN"},
      {"PV2", "PL CE CE CE ST ST IS TS TS NM NM ST XCN DT ID IS DT IS ID NM IS ID XON IS IS DT IS DT DT CE IS ID TS ID ID "
              "ID ID CE CE CE CE CE IS IS CE DT TS CE CE"},
      {"PRT", "EI ID CWE CWE XCN CWE CWE XON PL EI TS TS CWE XAD XTN EI TS TS ST ST EI CWE"},
      {"ORC", "ID EI EI EI ID ID TQ EIP TS XCN XCN XCN PL XTN TS CE CE CE XCN CE XON XAD XTN XAD CWE"},
      {"OBR", "SI EI EI CE ID TS TS TS CQ XCN ID CE ST TS SPS XCN XTN ST ST ST ST TS MOC ID ID PRL TQ XCN EIP ID CE NDL "
              "NDL NDL NDL TS NM CE CE CE ID ID CE CE CE CE CE"},
      {"OBX", "SI ID CE ST - CE ST IS NM ID ID TS ST TS CE XCN CE EI TS"},
      {"NTE", "SI ID FT CE"},
      {"FT1", "SI ST ST DR TS IS CE ST ST NM CP CP CE CE CP PL IS IS CE XCN XCN CP EI XCN CE CE"},
      {"PR1", "SI IS CE ST TS IS NM XCN IS NM XCN XCN CE ID CE CE IS CE EI ID"},
      {"DG1", "SI ID CE ST TS IS CE CE ID IS CE NM CP ST ID XCN IS ID TS EI ID"},
      {"GT1", "SI CX XPN XPN XAD XTN XTN TS IS IS CE ST DT DT NM XON XAD XTN CX IS ID ID CE DT DT ID CE CP NM CX XPN TS "
              "XAD XTN ST CE DT DT DLD IS IS CE CE IS ST IS CE XON CE CE CE CE ST ST CE IS ID CE CE CE XPN"},
      {"IN1", "SI CE CX XON XAD XPN XTN ST XON CX XON DT DT AUI IS XPN CE TS XAD IS IS ST ID DT ID DT IS ST TS XCN IS IS "
              "NM NM IS ST CP CP NM CP CP CE IS XAD ST ST IS IS CX"},
      {"IN2", "CX ST XCN IS IS ST XPN ST XPN ST CE ST ST CE CE CE CE ST ST CE CE CE CE CE ST ID ID ID ID CE ST CE CE ID IS "
              "ST CE ID CE ST CE ID CE CE CE ID ID CE ST CE CE ST ST DT DT CE ST ST CX ST ST XPN XTN"},
      {"SCH", "EI EI NM EI CE CE CE CE NM CE TQ XCN XTN XAD PL XCN XTN XAD PL XCN XTN PL EI EI CE EI EI"},
      {"TQ1", "SI CQ RPT TM CQ CQ TS TS CWE TX TX ID CQ NM"},
      {"RGS", "SI ID CE"},
      {"AIS", "SI ID CE TS NM CE NM CE IS CE CE CE"},
      {"AIG", "SI ID CE CE CE NM CE TS NM CE NM CE IS CE"},
      {"AIL", "SI ID PL CE CE TS NM CE NM CE IS CE"},
      {"AIP", "SI ID XCN CE CE TS NM CE NM CE IS CE"},
      {"MSA", "ID ST ST NM ID CE"},
      {"ERR", "ELD ERL CWE ID CWE ST TX TX IS CWE CWE XTN"},
  };
  return table;
}

// Composite types whose components are themselves composite: "position:type" pairs.
const std::map<std::string, std::map<int, std::string>>& compositeTable() {
  static const std::map<std::string, std::map<int, std::string>> table = {
      {"XPN", {{1, "FN"}, {10, "DR"}}},
      {"XCN", {{2, "FN"}, {9, "HD"}, {14, "HD"}, {17, "CE"}, {19, "DR"}}},
      {"CX", {{4, "HD"}, {6, "HD"}, {9, "CWE"}, {10, "CWE"}}},
      {"XAD", {{1, "SAD"}, {12, "DR"}}},
      {"PL", {{1, "HD"}, {2, "HD"}, {3, "HD"}, {4, "HD"}, {10, "EI"}}},
      {"XON", {{3, "NM"}, {6, "HD"}, {8, "HD"}}},
      {"TS", {{1, "DTM"}}},
      {"DR", {{1, "TS"}, {2, "TS"}}},
      {"CP", {{1, "MO"}}},
      {"TQ", {{1, "CQ"}, {4, "TS"}, {5, "TS"}}},
      {"CQ", {{2, "CE"}}},
      {"ELD", {{4, "CE"}}},
      {"EIP", {{1, "EI"}, {2, "EI"}}},
      {"MOC", {{1, "MO"}, {2, "CE"}}},
      {"PRL", {{1, "CE"}}},
      {"DLD", {{2, "TS"}}},
      {"AUI", {{2, "DT"}}},
      {"XTN", {}},
      {"CE", {}},
      {"CWE", {}},
      {"HD", {}},
      {"EI", {}},
      {"MSG", {}},
      {"CM_MSG", {}},
      {"PT", {}},
      {"VID", {{2, "CE"}, {3, "CE"}}},
      {"ERL", {}},
      {"FC", {}},
      {"MO", {}},
      {"FN", {}},
      {"SAD", {}},
      {"ED", {{1, "HD"}}},
      {"RP", {{2, "HD"}}},
      {"SN", {}},
      {"DLN", {}},
      {"JCC", {}},
      {"SPS", {{1, "CWE"}, {2, "CWE"}, {4, "CWE"}, {5, "CWE"}, {6, "CWE"}, {7, "CWE"}}},
      {"NDL", {{2, "TS"}, {3, "TS"}}},
      {"RPT", {{1, "CWE"}}},
  };
  return table;
}

}  // namespace

std::string fieldDatatype(const std::string& segment, int field) {
  auto it = segmentTable().find(segment);
  if (it == segmentTable().end() || field < 1) return "";
  std::istringstream in(it->second);
  std::string type;
  for (int i = 1; in >> type; ++i)
    if (i == field) return type == "-" ? "" : type;
  return "";
}

std::string componentDatatype(const std::string& datatype, int component) {
  auto it = compositeTable().find(datatype);
  if (it == compositeTable().end()) return "";
  auto c = it->second.find(component);
  return c == it->second.end() ? "" : c->second;
}

bool isPrimitiveDatatype(const std::string& datatype) {
  return compositeTable().find(datatype) == compositeTable().end();
}

}  // namespace gw::hl7v2
