// The samples, fixtures and the configured adapter of the x12 tests.
#include "X12TestSupport.hpp"

#include "X12Interchange.hpp"

#include <stdexcept>

namespace gw::x12::test {

std::string sample(const std::string& name) { return readFile(std::string(GW_TEST_DATA_DIR) + "/x12/" + name); }
std::string fixture(const std::string& name) { return readFile(std::string(X12_FIXTURES) + "/" + name); }
JsonObject fixtureObject(const std::string& name) { return parseObject(fixture(name)); }

std::string optionsJson(const std::string& extra) {
  std::string json = R"({"sender_id":"GROUP01","receiver_id":"KEYINS","billing_provider_npi":"1912301953",)"
                     R"("billing_provider_name":"Partner Doctor Group","billing_provider_tax_id":"587654321",)"
                     R"("billing_provider_street":"234 Seaway St","billing_provider_city":"Miami",)"
                     R"("billing_provider_state":"FL","billing_provider_postal_code":"331110000",)"
                     R"("contact_phone":"3055552222")";
  if (!extra.empty()) json += "," + extra;
  return json + "}";
}

X12Adapter adapterWith(const std::string& extra) {
  return X12Adapter(gw::sdk::Partner{"keyins", GW_KIND_INSURER, optionsJson(extra)});
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("\"" + from + "\" is not in the text to corrupt");
  return text.replace(at, from.size(), to);
}

RefusedReply refusedReply(const std::string& x12, const std::string& extraOptions) {
  X12Adapter adapter = adapterWith(extraOptions);
  auto error = errorOf([&] { adapter.decode(x12, "application/edi-x12"); });
  EXPECT_EQ(error.status(), GW_ERR_INVALID);
  return {error.location(),
          acknowledgementOf(x12, GW_ACK_REJECT, error.location(), error.what(), adapter.options(), kReplyNow)};
}

std::vector<std::vector<std::string>> segmentsWithId(const std::string& x12, const std::string& id) {
  std::vector<std::vector<std::string>> found;
  for (const auto& segment : readInterchange(x12).segments)
    if (segment.id() == id) found.push_back(segment.elements);
  return found;
}

std::vector<std::string> setSegments(const std::string& x12, const std::string& control) {
  Interchange interchange = readValidInterchange(x12);
  std::vector<std::string> lines;
  for (const auto& group : interchange.groups)
    for (const auto& set : group.sets) {
      if (set.control != control) continue;
      for (std::size_t i = set.first; i <= set.last; ++i) {
        std::string line;
        for (std::size_t e = 0; e < interchange.segments[i].elements.size(); ++e) {
          std::string element = interchange.segments[i].elements[e];
          for (char& c : element)
            if (c == interchange.delimiters.component) c = ':';
          line += (e ? "*" : "") + element;
        }
        lines.push_back(line);
      }
    }
  return lines;
}

}  // namespace gw::x12::test
