#pragma once
// `owb superweights`: the seed's comprehensive_super_weight_analysis.py.
// Per model: detection (iterative, dense down_proj), on MoE models also the per-expert detector
// (moe_super_weight_detection.h), then perplexity and task accuracy (multiple choice, gsm8k) with
// each super weight zeroed (expert candidates included), all zeroed, and (perplexity) all zeroed
// with the super activations restored; results in the seed's layout:
//   <results_dir>/complete_analysis_<ts>.json
//   <results_dir>/<model>/data/analysis_<ts>.json, combined_analysis_<ts>.json,
//                         individual_analyses/sw_<i>_analysis_<ts>.json
//   <results_dir>/<model>/logs/analysis_<ts>.log, <results_dir>/<model>/run.json
//   <results_dir>/<model>/metrics/super_weights/super_weights.jsonl (MoE: one card per expert candidate)
#include "run_context.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace owb {

struct SuperWeightJob {
  std::vector<std::string> models;
  double spike_threshold = 50.0;
  int max_iterations = 10;
  std::string prompt;  // empty: the paper's default
  // Perplexity under interventions: `perplexity_samples` sequences of `sequence_length` tokens.
  bool skip_perplexity = false;
  std::string dataset;
  std::string text_field = "text";
  int64_t perplexity_samples = 500;
  int64_t sequence_length = 512;
  int64_t batch_size = 4;
  // Task accuracy (lm-evaluation-harness conventions) from <tasks_dir>/<task>.jsonl files.
  std::vector<std::string> accuracy_tasks;
  int64_t accuracy_samples = 100;
  std::string tasks_dir;
  // gsm8k: greedy generation stops after this many new tokens at the latest.
  int64_t max_gen_tokens = 256;
  std::string torch_dtype = "bfloat16";
  std::string device = "cpu";
  bool streaming = false;
  std::string results_dir = "results/comprehensive_super_weight_analysis";
  std::string log_level = "INFO";
  // MoE models: routing samples (sequences of sequence_length tokens from `dataset`; the detection
  // prompt alone without one), experts routed less often skipped, co-spike threshold, and the
  // loss change x p_active ranking.
  int64_t router_analysis_samples = 10;
  double p_active_floor = 0.01;
  double co_spike_threshold = 0.12;
  bool enable_causal_scoring = false;
};

nlohmann::json to_json(const SuperWeightJob& job);
void validate_super_weight_job(const SuperWeightJob& job);

// Runs every model; returns the path of complete_analysis_<ts>.json. A model that fails is
// recorded (its run.json says failed) and the others still run; the call throws at the end
// if any failed.
std::string run_super_weight_job(const SuperWeightJob& job, const EventSink& sink);

// "org/name" -> "org_name"; a local folder -> its last component.
std::string model_folder_name(const std::string& model);

}  // namespace owb
