#pragma once
// One job = one model x one analysis mode, end to end:
//   config -> run folder (config.json, run.json) -> text -> token sequences -> model ->
//   outlier pass and/or perplexity pass -> result files, with events and a log throughout.
// A failure is recorded in run.json (status "failed", the error, the last log lines) and
// rethrown; whatever was already written (batch files, config) stays.
#include "job_config.h"
#include "run_context.h"

#include <string>

namespace owb {

enum class RunMode { Outliers, Perplexity, Both, Router };
RunMode parse_run_mode(const std::string& name);  // outliers | perplexity | both | router
std::string run_mode_name(RunMode mode);

// Runs the job into `run_dir` (created as <save_dir>/<experiment>_<timestamp> when empty) and
// returns the run folder.
struct JobInputs;
// MoE router statistics (router_pass.cpp): router_stats.json and "router_stats" events.
void run_router_pass(const JobInputs& in, RunContext& ctx);

std::string run_analysis_job(const JobConfig& config, RunMode mode, const std::string& run_dir, const EventSink& sink);

}  // namespace owb
