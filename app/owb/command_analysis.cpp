// owb outliers | perplexity | run: an analysis job from a config file and/or flags, written
// into a fresh run folder; the run folder's path is printed on stdout at the end.
#include "args.h"
#include "commands.h"
#include "event_printers.h"
#include "job_flags.h"

#include "analysis_job.h"
#include "errors.h"

#include <iostream>

namespace owb::cli {

namespace {

std::string usage_for(const std::string& command, bool with_mode) {
  std::string usage = "usage: owb " + command + " [CONFIG.json] [flags]" + (with_mode ? " --mode outliers|perplexity|both" : "") +
                      "\n"
                      "Runs the analysis and writes a run folder <save_dir>/<experiment_name>_<timestamp>/\n"
                      "(docs/result-files.md); prints its path. Progress goes to stderr.\n";
  if (with_mode) usage += "  --mode M                     outliers, perplexity or both (default both)\n";
  usage += "  --events                     print the worker's JSON events on stdout instead\n";
  usage += "  --run-dir DIR                write into DIR instead of a new timestamped folder\n";
  return usage + kJobFlagsHelp;
}

int run_job_command(const CommandArgs& argv, const std::string& command, std::optional<RunMode> fixed_mode) {
  std::string usage = usage_for(command, !fixed_mode);
  Args args(argv, usage);
  if (args.help_requested()) {
    std::cout << usage << "\n";
    return 0;
  }
  RunMode mode = RunMode::Both;
  if (fixed_mode) {
    mode = *fixed_mode;
  } else if (auto m = args.value("--mode")) {
    try {
      mode = parse_run_mode(*m);
    } catch (const InputError& e) {
      throw UsageError(e.what());
    }
  }
  bool events = args.flag("--events");
  std::string run_dir = args.value("--run-dir").value_or("");
  JobConfig config = job_config_from_args(args);
  args.finish();
  if (fixed_mode == RunMode::Perplexity && config.output.experiment_name == OutputSection().experiment_name)
    config.output.experiment_name = "perplexity";
  std::string dir = run_analysis_job(config, mode, run_dir, events ? json_lines_to_stdout() : readable_lines_to_stderr());
  if (!events) std::cout << dir << "\n";
  return 0;
}

}  // namespace

int run_outliers(const CommandArgs& args) { return run_job_command(args, "outliers", RunMode::Outliers); }
int run_perplexity(const CommandArgs& args) { return run_job_command(args, "perplexity", RunMode::Perplexity); }
int run_run(const CommandArgs& args) { return run_job_command(args, "run", std::nullopt); }

}  // namespace owb::cli
