// gatewayctl: the operator CLI. Exit codes: 0 ok, 1 problem found, 2 usage.
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "tools/gatewayctl/Commands.hpp"

namespace {

void usage(std::ostream& out) {
  out << "usage: gatewayctl COMMAND [ARGS]\n\ncommands:\n";
  for (const auto& command : gwctl::commands()) out << "  " << command.synopsis << "\n      " << command.summary << "\n";
  out << "\n'gatewayctl COMMAND --help' shows one command's help.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  for (const auto& command : gwctl::commands()) {
    if (command.name != args[0]) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const auto& arg : rest) {
      if (arg == "--help" || arg == "-h") {
        std::cout << "usage: gatewayctl " << command.synopsis << "\n\n" << command.summary << "\n";
        return 0;
      }
    }
    try {
      return command.run(rest);
    } catch (const gwctl::UsageError& e) {
      std::cerr << "gatewayctl " << command.name << ": " << e.what() << "\nusage: gatewayctl " << command.synopsis
                << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "gatewayctl " << command.name << ": " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "gatewayctl: unknown command '" << args[0] << "'\n";
  usage(std::cerr);
  return 2;
}
