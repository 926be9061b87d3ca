#pragma once
// Every `owb` subcommand: one function each, in its own command_<name>.cpp.
// A command returns the process exit code; it throws UsageError for bad arguments (exit 2)
// and InputError for bad files (exit 1).
#include <string>
#include <vector>

namespace owb::cli {

using CommandArgs = std::vector<std::string>;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const CommandArgs& args);
};

// The table main() dispatches on (commands.cpp).
const std::vector<Command>& all_commands();

int run_inspect(const CommandArgs& args);
int run_estimate_vram(const CommandArgs& args);
int run_forward(const CommandArgs& args);
int run_make_test_model(const CommandArgs& args);
int run_tokenize(const CommandArgs& args);
int run_outliers(const CommandArgs& args);
int run_perplexity(const CommandArgs& args);
int run_run(const CommandArgs& args);
int run_worker(const CommandArgs& args);
int run_report(const CommandArgs& args);
int run_download(const CommandArgs& args);
int run_cache(const CommandArgs& args);
int run_superweights(const CommandArgs& args);
int run_vocab(const CommandArgs& args);
int run_eval(const CommandArgs& args);
int run_router(const CommandArgs& args);
int run_damage(const CommandArgs& args);
int run_damage_report(const CommandArgs& args);

}  // namespace owb::cli
