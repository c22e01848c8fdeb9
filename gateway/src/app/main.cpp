// gatewayd: the partner integration gateway daemon.
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include <csignal>
#include <iostream>

#include "BuildInfo.hpp"
#include "app/Gateway.hpp"
#include "app/Logging.hpp"
#include "app/TerminateReport.hpp"
#include "config/ConfigError.hpp"

namespace {

class GatewayDaemon : public Poco::Util::ServerApplication {
 protected:
  void defineOptions(Poco::Util::OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("config", "c", "configuration file (default conf/gateway.yaml)")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE")
                          .callback(Poco::Util::OptionCallback<GatewayDaemon>(this, &GatewayDaemon::setConfig)));
    options.addOption(Poco::Util::Option("help", "h", "show this help")
                          .callback(Poco::Util::OptionCallback<GatewayDaemon>(this, &GatewayDaemon::showHelp)));
    options.addOption(Poco::Util::Option("version", "", "print the version")
                          .callback(Poco::Util::OptionCallback<GatewayDaemon>(this, &GatewayDaemon::showVersion)));
  }

  int main(const std::vector<std::string>&) override {
    if (done_) return EXIT_OK;
    // Block the signals we wait for before any thread starts, so that every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGHUP);
    sigaddset(&signals, SIGQUIT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    gw::GatewayConfig config;
    try {
      config = gw::loadConfig(configPath_);
    } catch (const gw::ConfigError& e) {
      std::cerr << "gatewayd: the configuration has errors:\n" << e.what() << std::endl;
      return EXIT_CONFIG;
    }
    gw::configureLogging(config.logging);
    Poco::Logger& log = Poco::Logger::get("gateway");
    std::unique_ptr<gw::Gateway> gateway;
    try {
      gateway = std::make_unique<gw::Gateway>(config);
      gateway->start();
    } catch (const std::exception& e) {
      log.fatal("cannot start: %s", std::string(e.what()));
      return EXIT_SOFTWARE;
    }
    for (;;) {
      int signal = 0;
      if (sigwait(&signals, &signal) != 0) continue;
      if (signal == SIGHUP) {
        std::string errors;
        gateway->reload(configPath_, errors);
        continue;
      }
      log.information("signal %d: draining and stopping", signal);
      break;
    }
    gateway->stop();
    return EXIT_OK;
  }

 private:
  void setConfig(const std::string&, const std::string& value) { configPath_ = value; }
  void showHelp(const std::string&, const std::string&) {
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[--config FILE] [--daemon] [--pidfile FILE]");
    help.setHeader("The partner integration gateway daemon.");
    help.format(std::cout);
    done_ = true;
    stopOptionsProcessing();
  }
  void showVersion(const std::string&, const std::string&) {
    std::cout << "gatewayd " << gw::build::version << " (" << gw::build::commit << ")\n";
    done_ = true;
    stopOptionsProcessing();
  }

  std::string configPath_ = "conf/gateway.yaml";
  bool done_ = false;
};

// --daemon changes the working directory to "/" before options are read, so relative
// --config and --pidfile paths are made absolute against the directory gatewayd was started in.
std::vector<std::string> absolutePathArguments(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  const std::string cwd = Poco::Path::current();
  auto absolute = [&cwd](const std::string& path) { return Poco::Path(cwd).resolve(Poco::Path(path)).toString(); };
  for (std::size_t i = 1; i < args.size(); ++i) {
    for (const std::string option : {"--config", "--pidfile"}) {
      if (args[i].rfind(option + "=", 0) == 0)
        args[i] = option + "=" + absolute(args[i].substr(option.size() + 1));
      else if (args[i] == option && i + 1 < args.size())
        args[i + 1] = absolute(args[i + 1]);
    }
    if (args[i] == "-c" && i + 1 < args.size()) args[i + 1] = absolute(args[i + 1]);
  }
  return args;
}

}  // namespace

int main(int argc, char** argv) {
  gw::installTerminateReport();
  GatewayDaemon daemon;
  return daemon.run(absolutePathArguments(argc, argv));
}
