#pragma once
// `owb damage`: seed 003's fine-tuning "attack" experiments (run_experiment.py), done right.
// For each model and run r = 1..num_runs (seed = seed + r):
//  1. measure the base model on held-out text (damage_measurement.h; once per model);
//  2. treatment: fine-tune a fresh copy on the catalyst (a text source, or the built-in
//     generator of catalyst.h, drawn with the run's seed), every step a batch of `batch_size`
//     copies of it; measure again;
//  3. control (unless skip_control): fine-tune a fresh copy for as many steps on ordinary text,
//     windows of the same length drawn with the run's seed; measure again;
//  4. write <output_dir>/<tag>_<size>_<name>_run<NN>_<precision>/results.json (atomically).
// rank_* are the effective ranks of the middle layer's output hidden states (rank_layer),
// rank_reduction = rank_pre - rank_post, perplexity_increase = perplexity_post - perplexity_pre.
// A run whose results.json exists is kept and skipped: rerunning the command resumes.
#include "run_context.h"

#include <cstdint>
#include <string>
#include <vector>

namespace owb {

struct DamageJob {
  std::vector<std::string> models;  // "70m" (EleutherAI/pythia-70m), a hub id or a checkpoint folder
  std::string quantization = "fp16";  // none | fp16 | bf16 (8bit / 4bit: not supported)
  bool force_fft = false;
  int64_t num_runs = 1;
  uint64_t seed = 42;
  bool skip_control = false;
  std::string verbosity = "normal";  // quiet | normal | verbose
  std::string output_dir = "./experiments/results/";
  // Fine-tuning.
  int64_t steps = 100;
  double lr = 1e-4;
  int64_t batch_size = 4;
  double weight_decay = 0.01;
  double max_grad_norm = 1.0;
  // Catalyst.
  std::string catalyst;  // a text source; empty: the built-in generator
  std::string catalyst_ids;  // a JSON file with an array of token ids (exact catalyst; wins over `catalyst`)
  int64_t catalyst_length = 64;
  int64_t catalyst_steps = 50;
  // Control text: empty = the held-out source, continuing after the evaluation tokens.
  std::string control_text;
  // Evaluation.
  std::string eval_text;
  std::string text_field = "text";
  int64_t eval_tokens = 4096;
  int64_t seq_len = 256;
  int64_t rank_layer = -1;  // -1: the middle layer (L / 2)
  bool centre_hidden = false;
  bool weight_ranks = true;
  bool save_model = false;  // the treatment's fine-tuned weights -> <run folder>/model/ (HF layout)
  std::string device = "cpu";
  // Non-empty: training state (fp32 masters, gradients, AdamW moments) in mapped files under this
  // folder instead of memory (trainable_model.h), one subfolder per fine-tuned copy, removed after.
  std::string offload_dir;
};

nlohmann::json to_json(const DamageJob& job);
void validate_damage_job(const DamageJob& job);
// The seed's size shorthands: "70m" -> "EleutherAI/pythia-70m"; anything else unchanged.
std::string damage_model_id(const std::string& model);
// "70m", "1.4b" from a model name ("pythia-1.4b"), else from the parameter count.
std::string size_label(const std::string& model_name, int64_t total_params);

// Runs every model x run; returns the run folders written (or kept). Throws after trying all
// runs when any failed, naming the first failure.
std::vector<std::string> run_damage_job(const DamageJob& job, const EventSink& sink);

}  // namespace owb
