// owb router: router statistics of a Mixture-of-Experts model over a text source, written into a
// fresh run folder (router_stats.json; "router_stats" events per layer); prints the folder.
#include "args.h"
#include "commands.h"
#include "event_printers.h"
#include "job_flags.h"

#include "analysis_job.h"

#include <iostream>

namespace owb::cli {

int run_router(const CommandArgs& argv) {
  const std::string usage = std::string(
                                "usage: owb router [CONFIG.json] [flags]\n"
                                "Routes every token of the text through the MoE layers and writes router_stats.json\n"
                                "into a run folder <save_dir>/<experiment_name>_<timestamp>/: per layer and expert the\n"
                                "activation probability (share of tokens routed), mean gate weight, mean router\n"
                                "probability, load-balance entropy and the most co-activated expert pairs. Prints the\n"
                                "folder's path; progress goes to stderr.\n"
                                "  --events                     print the worker's JSON events on stdout instead\n"
                                "  --run-dir DIR                write into DIR instead of a new timestamped folder\n") +
                            kJobFlagsHelp;
  Args args(argv, usage);
  if (args.help_requested()) {
    std::cout << usage << "\n";
    return 0;
  }
  bool events = args.flag("--events");
  std::string run_dir = args.value("--run-dir").value_or("");
  JobConfig config = job_config_from_args(args);
  args.finish();
  if (config.output.experiment_name == OutputSection().experiment_name) config.output.experiment_name = "router";
  std::string dir = run_analysis_job(config, RunMode::Router, run_dir, events ? json_lines_to_stdout() : readable_lines_to_stderr());
  if (!events) std::cout << dir << "\n";
  return 0;
}

}  // namespace owb::cli
