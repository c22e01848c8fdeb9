// Decode-only rate of one partner's adapter, in process: the gateway's own plugin host loads the plugin folder
// of a gateway configuration and routes the partner (options and defaults as gatewayd gives them), then the
// adapter's decode runs in a loop over the sample files in turn, with no HTTP and no store. Beside it, the
// rate of only parsing the same bytes: libxml2 with the options of the gateway's hardened parser and the
// hardened parser itself for XML, Poco JSON for JSON (what the adapters build on).
// Usage: gw_decode_bench CONFIG SECONDS PARTNER CONTENT_TYPE FILE...
// Prints: RESULT partner=.. adapter=.. files=N bytes=MEAN decode_per_s=.. decode_mb_s=.. parser=libxml2|json|none
//         parse_per_s=.. hardened_per_s=..  (MB = 10^6 bytes; files the adapter refuses are left out, named on stderr)
#include <Poco/JSON/Parser.h>
#include <libxml/parser.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "TimedLoop.hpp"
#include "app/Logging.hpp"
#include "config/GatewayConfig.hpp"
#include "plugin/PluginHost.hpp"
#include <gw/kit/HardenedXml.hpp>
#include <gw/kit/LibXml2Handles.hpp>

namespace {

// The options HardenedXml passes to libxml2 (plugins/kit/src/HardenedXml.cpp, kParseOptions).
constexpr int kHardenedParseOptions = XML_PARSE_NONET;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

enum class Parser { libxml2, json, none };

Parser parserFor(const std::string& contentType) {
  if (contentType.find("xml") != std::string::npos) return Parser::libxml2;
  if (contentType.find("json") != std::string::npos) return Parser::json;
  return Parser::none;
}

const char* parserName(Parser parser) {
  return parser == Parser::libxml2 ? "libxml2" : parser == Parser::json ? "json" : "none";
}

// One full parse of `bytes` into a tree that is then freed, as an adapter's first step would do.
void parseOnly(Parser parser, const std::string& bytes) {
  if (parser == Parser::libxml2) {
    gw::kit::XmlDocHandle doc(
        xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, kHardenedParseOptions));
    if (!doc) throw std::runtime_error("libxml2 could not parse a sample the adapter accepted");
  } else if (parser == Parser::json) {
    Poco::JSON::Parser().parse(bytes);
  }
}

double megabytesPerSecond(const gwbench::LoopRate& rate, const std::vector<std::string>& samples) {
  double bytes = 0;
  for (std::uint64_t i = 0; i < rate.calls; ++i) bytes += static_cast<double>(samples[i % samples.size()].size());
  return rate.seconds > 0 ? bytes / rate.seconds / 1e6 : 0;
}

int run(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: gw_decode_bench CONFIG SECONDS PARTNER CONTENT_TYPE FILE...\n";
    return 2;
  }
  const gw::GatewayConfig config = gw::loadConfig(argv[1]);
  gw::configureLogging(config.logging);
  const double seconds = std::stod(argv[2]);
  const std::string partner = argv[3], contentType = argv[4];

  gw::PluginHost plugins(config.plugins);
  plugins.configure(std::make_shared<const gw::GatewayConfig>(config));
  const auto routes = plugins.snapshot();
  const auto adapter = routes->partner(partner);
  if (!adapter) throw std::runtime_error("partner " + partner + " is not routed: " + routes->unroutedReason(partner));

  std::vector<std::string> samples;
  double totalBytes = 0;
  for (int i = 5; i < argc; ++i) {
    std::string bytes = readFile(argv[i]);
    gw::AdapterCallResult check = adapter->decode(bytes, contentType);
    if (!check.ok()) {
      std::cerr << "gw_decode_bench: " << partner << ": left out " << argv[i] << ": " << check.error << "\n";
      continue;
    }
    totalBytes += static_cast<double>(bytes.size());
    samples.push_back(std::move(bytes));
  }
  if (samples.empty()) throw std::runtime_error("the adapter of " + partner + " accepted none of the files");

  const gwbench::LoopRate decode = gwbench::runFor(seconds, [&](std::uint64_t i) {
    if (!adapter->decode(samples[i % samples.size()], contentType).ok())
      throw std::runtime_error("a sample that decoded once failed to decode again");
  });
  const Parser parser = parserFor(contentType);
  gwbench::LoopRate parse, hardened;
  if (parser != Parser::none) {
    parse = gwbench::runFor(seconds, [&](std::uint64_t i) { parseOnly(parser, samples[i % samples.size()]); });
  }
  if (parser == Parser::libxml2) {
    hardened = gwbench::runFor(seconds, [&](std::uint64_t i) {
      if (!gw::kit::HardenedXml::parse(samples[i % samples.size()]).ok())
        throw std::runtime_error("the hardened parser refused a sample the adapter accepted");
    });
  }
  std::printf("RESULT partner=%s adapter=%s files=%zu bytes=%.0f decode_per_s=%.0f decode_mb_s=%.2f parser=%s "
              "parse_per_s=%.0f hardened_per_s=%.0f\n",
              partner.c_str(), adapter->adapterName().c_str(), samples.size(),
              totalBytes / static_cast<double>(samples.size()), decode.perSecond(), megabytesPerSecond(decode, samples),
              parserName(parser), parse.perSecond(), hardened.perSecond());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "gw_decode_bench: " << e.what() << "\n";
    return 1;
  }
}
