#include "app/Logging.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/FormattingChannel.h>
#include <Poco/JSON/Object.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>

#include <sstream>

namespace gw {

namespace {

// {"time":…,"level":…,"logger":…,"message":…}: one JSON object per line for log shippers.
class JsonLineFormatter : public Poco::Formatter {
 public:
  void format(const Poco::Message& message, std::string& text) override {
    static const char* levels[] = {"", "fatal", "critical", "error", "warning", "notice", "information", "debug",
                                   "trace"};
    Poco::JSON::Object line;
    line.set("time", Poco::DateTimeFormatter::format(message.getTime(), "%Y-%m-%dT%H:%M:%S.%iZ"));
    line.set("level", levels[message.getPriority()]);
    line.set("logger", message.getSource());
    line.set("message", message.getText());
    std::ostringstream out;
    line.stringify(out);
    text = out.str();
  }
};

}  // namespace

void configureLogging(const LoggingConfig& config) {
  Poco::AutoPtr<Poco::Formatter> formatter;
  if (config.format == "json")
    formatter = new JsonLineFormatter;
  else
    formatter = new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %q %s: %t");
  Poco::AutoPtr<Poco::Channel> console = new Poco::ConsoleChannel;  // stderr
  Poco::AutoPtr<Poco::FormattingChannel> channel = new Poco::FormattingChannel(formatter, console);
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::root().setLevel(config.level);
  // Loggers created before this point keep their own settings; align them.
  std::vector<std::string> names;
  Poco::Logger::names(names);
  for (const auto& name : names) {
    Poco::Logger::get(name).setChannel(channel);
    Poco::Logger::get(name).setLevel(config.level);
  }
}

}  // namespace gw
