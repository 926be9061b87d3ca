// owb worker --job JOB.json: the process the job layer starts (locally or over SSH). Prints the
// event protocol (docs/result-files.md) on stdout, one JSON object per line, and nothing else.
// JOB.json: {"v": 1, "mode": "outliers"|"perplexity"|"both", "run_dir": "...", "config": {...}}
#include "args.h"
#include "commands.h"
#include "event_printers.h"

#include "analysis_job.h"
#include "errors.h"
#include "json_file.h"

#include <iostream>

namespace owb::cli {

namespace {

const char* kUsage =
    "usage: owb worker --job JOB.json\n"
    "  JOB.json   {\"v\": 1, \"mode\": \"outliers|perplexity|both\", \"run_dir\": DIR (optional),\n"
    "              \"config\": {job config, as for owb run}}\n"
    "Events on stdout, one JSON object per line: started, progress, layer_stats, log, artifact,\n"
    "result, finished. Exit status 0 when the run finished ok, 1 when it failed.";

struct WorkerJob {
  RunMode mode;
  std::string run_dir;
  JobConfig config;
};

WorkerJob read_worker_job(const std::string& path) {
  nlohmann::json j = read_json_file(path);
  if (!j.is_object()) throw input_error(path, "a job file must be a JSON object");
  for (const auto& [k, v] : j.items())
    if (k != "v" && k != "mode" && k != "run_dir" && k != "config") throw input_error(path, "unknown key \"" + k + "\"");
  if (j.value("v", 1) != 1) throw input_error(path, "unsupported job version " + j["v"].dump());
  if (!j.contains("config")) throw input_error(path, "no \"config\" section");
  WorkerJob job{parse_run_mode(j.value("mode", "both")), j.value("run_dir", ""), parse_job_config(j["config"], path + ": config")};
  return job;
}

}  // namespace

int run_worker(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  std::string job_file = args.required("--job");
  args.finish();
  EventSink print = json_lines_to_stdout();
  bool finished_sent = false;
  EventSink sink = [&](const nlohmann::json& e) {
    if (e.value("event", "") == "finished") finished_sent = true;
    print(e);
  };
  try {
    WorkerJob job = read_worker_job(job_file);
    run_analysis_job(job.config, job.mode, job.run_dir, sink);
    return 0;
  } catch (const std::exception& e) {
    // A failure before the run folder existed has had no finished event yet; the job layer
    // relies on seeing exactly one. (After that, run_analysis_job has already sent it.)
    if (!finished_sent) sink({{"v", 1}, {"event", "finished"}, {"status", "failed"}, {"error", e.what()}});
    std::cerr << "owb worker: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace owb::cli
