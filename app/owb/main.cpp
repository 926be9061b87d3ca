// owb: the headless Outlier Workbench. Qt-free; runs wherever libtorch runs.
#include "args.h"
#include "commands.h"

#include "errors.h"

#include <cstring>
#include <iostream>
#include <sstream>

namespace {

void print_overview() {
  std::cout << "usage: owb COMMAND [options]   (owb COMMAND --help for details)\n\ncommands:\n";
  for (const auto& c : owb::cli::all_commands()) std::cout << "  " << c.name << std::string(18 - std::strlen(c.name), ' ') << c.summary << "\n";
}

// The first line of a command's --help text ("usage: owb forward MODEL_DIR ..."), so that a usage
// error shows the expected form right under the complaint.
std::string usage_line(const owb::cli::Command& c) {
  std::ostringstream help;
  std::streambuf* stdout_buffer = std::cout.rdbuf(help.rdbuf());
  try {
    c.run({"--help"});
  } catch (...) {
  }
  std::cout.rdbuf(stdout_buffer);
  std::string text = help.str();
  return text.rfind("usage:", 0) == 0 ? text.substr(0, text.find('\n')) : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    print_overview();
    return argc < 2 ? 2 : 0;
  }
  std::string name = argv[1];
  owb::cli::CommandArgs args(argv + 2, argv + argc);
  for (const auto& c : owb::cli::all_commands()) {
    if (name != c.name) continue;
    try {
      return c.run(args);
    } catch (const owb::cli::UsageError& e) {
      std::string usage = usage_line(c);
      std::cerr << "owb " << name << ": " << e.what() << "\n" << (usage.empty() ? "" : usage + "\n") << "(see owb " << name << " --help)\n";
      return 2;
    } catch (const owb::InputError& e) {
      std::cerr << "owb " << name << ": error: " << e.what() << "\n";
      return 1;
    } catch (const std::exception& e) {
      std::cerr << "owb " << name << ": internal error: " << e.what() << "\n";
      return 3;
    }
  }
  std::cerr << "owb: unknown command \"" << name << "\"\n";
  print_overview();
  return 2;
}
