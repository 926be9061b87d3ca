#pragma once
// `owb vocab`: the seed's run_vocab_analyses.py for dense models. Per model: super-weight
// detection (super_weight_detection.h), then for every detected super weight
//  - the vocabulary effect of its neuron (down_proj column `col`, vocabulary_effects.h),
//    with the cosine variant and token-class enrichment on request;
//  - interventional deltas over sliding windows of held-out text with the weight zeroed, and
//    the controls (a random coordinate of the same tensor zeroed, the whole neuron zeroed)
//    (interventional_deltas.h), the cascade through the logit lens (logit_lens_cascade.h) and
//    percentile-bootstrap intervals over windows (bootstrap.h).
// Results in the seed's layout:
//   <output_dir>/run_config.json, cross_model_summary.json, README.md
//   <output_dir>/<model>/metrics/neurons/neurons.jsonl
//   <output_dir>/<model>/metrics/super_weights/super_weights.jsonl
//   <output_dir>/<model>/summaries/neurons.csv, super_weights.csv
//   <output_dir>/<model>/run_config.json, analysis.log (and run.json, as every owb run)
// owb draws no plots (the seed's plots/ folders): the GUI draws them from these files.
// Seeds: super weight i's random control coordinate is drawn with seed + i; every bootstrap
// (all metrics, all super weights) resamples windows with `seed`, so one --seed fixes a run.
#include "run_context.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace owb {

struct VocabJob {
  std::vector<std::string> models;
  std::string dataset;  // a local text file / folder (or a hub dataset id the text sources read)
  std::string text_field = "text";
  int64_t tokens = 30000;
  int64_t window_len = 1024;
  int64_t stride = 512;
  bool drop_first_token = false;
  std::string output_dir = "results/vocab-analysis";
  uint64_t seed = 42;
  bool enable_cosine = false;
  bool enable_cascade = false;
  bool enable_enrichment = false;
  int bootstrap = 0;  // resamples; 0: no intervals
  int64_t top_k = 20;
  int64_t cascade_every = 1;
  // Detection.
  double spike_threshold = 50.0;
  int max_iterations = 10;
  std::string prompt;  // empty: the paper's default
  // Seed options for MoE models (recorded; the vocabulary analyses here cover dense models).
  int64_t router_analysis_samples = 5;
  double p_active_floor = 0.01;
  double co_spike_threshold = 0.12;
  // Engine.
  std::string torch_dtype = "bfloat16";
  std::string device = "cpu";
  int64_t batch_size = 1;
  bool streaming = false;
  std::string log_level = "INFO";
};

nlohmann::json to_json(const VocabJob& job);
void validate_vocab_job(const VocabJob& job);

// Runs every model; returns the output folder. A model that fails is recorded (its run.json and
// cross_model_summary.json say so) and the others still run; throws at the end if any failed.
std::string run_vocab_job(const VocabJob& job, const EventSink& sink);

}  // namespace owb
