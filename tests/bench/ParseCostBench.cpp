// CPU seconds and peak-RSS growth of HardenedXml (the screen run before every adapter) on 4 MiB
// pathological inputs (issue 13, item 8; issue 15: the 200,000-attribute document and a 4 MiB name). Run by
// hand, one input per process so peak RSS is its own:
//   for c in $(gw_parse_cost_bench --list); do gw_parse_cost_bench "$c"; done
#include <sys/resource.h>

#include <cstdio>
#include <functional>
#include <map>
#include <string>

#include <gw/kit/HardenedXml.hpp>

namespace {

constexpr std::size_t kInput = 4 * 1024 * 1024 - 64;

std::string repeated(const std::string& head, const std::function<std::string(int)>& unit) {
  std::string out = head;
  for (int i = 0; out.size() < kInput; ++i) out += unit(i);
  return out;
}

const std::map<std::string, std::function<std::string()>>& inputs() {
  static const std::map<std::string, std::function<std::string()>> all = {
      {"comment-openers", [] { return repeated("", [](int) { return "<!--"; }); }},
      {"hyphens-in-comment", [] { return repeated("<a><!--", [](int) { return "--"; }); }},
      {"unterminated-cdata", [] { return "<a><![CDATA[" + std::string(kInput, 'a'); }},
      {"unterminated-pi", [] { return "<a><?pi " + std::string(kInput, 'a'); }},
      {"attributes-one-tag", [] { return repeated("<a", [](int i) { return " b" + std::to_string(i) + "='1'"; }) + "/>"; }},
      {"namespace-declarations", [] { return repeated("<a", [](int i) { return " xmlns:p" + std::to_string(i) + "='u'"; }) + ">"; }},
      {"undeclared-prefixes", [] { return repeated("<a>", [](int i) { return "<p" + std::to_string(i) + ":b/>"; }) + "</a>"; }},
      {"distinct-names", [] { return repeated("<a>", [](int i) { return "<b" + std::to_string(i) + "/>"; }) + "</a>"; }},
      {"empty-elements", [] { return repeated("<a>", [](int) { return "<b/>"; }) + "</a>"; }},
      // Issue 15's document: 200,000 attributes on one element, 2.3 MB (libxml2 alone: over 60 s).
      {"attributes-200k", [] {
         std::string tag = "<HL7Message><MSH";
         for (int i = 0; i < 200000; ++i) tag += " a" + std::to_string(i) + "=\"\"";
         return tag + "/></HL7Message>";
       }},
      {"long-name", [] { return "<" + std::string(kInput - 3, 'n') + "/>"; }},
  };
  return all;
}

double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long peakKilobytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: gw_parse_cost_bench --list | INPUT\n");
    return 2;
  }
  const std::string name = argv[1];
  if (name == "--list") {
    for (const auto& entry : inputs()) std::printf("%s\n", entry.first.c_str());
    return 0;
  }
  const auto input = inputs().find(name);
  if (input == inputs().end()) return 2;
  const std::string bytes = input->second();
  const long rssBefore = peakKilobytes();
  const double cpuBefore = cpuSeconds();
  const auto result = gw::kit::HardenedXml::parse(bytes, gw::kit::XmlLimits{8u << 20});
  std::printf("RESULT input=%s bytes=%zu cpu_s=%.3f rss_growth_mb=%.1f outcome=%s\n", name.c_str(), bytes.size(),
              cpuSeconds() - cpuBefore, static_cast<double>(peakKilobytes() - rssBefore) / 1024.0,
              result.ok() ? "accepted" : gw::kit::xmlRejectionKindName(result.rejection().kind));
  return 0;
}
