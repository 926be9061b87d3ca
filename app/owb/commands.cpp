#include "commands.h"

namespace owb::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> table = {
      {"inspect", "describe a checkpoint: family, shapes, parameters, hook points", run_inspect},
      {"estimate-vram", "accelerator memory a run needs: weights, activations, resident and streaming", run_estimate_vram},
      {"forward", "run token ids through a model; write logits (.npy) and hooked activations", run_forward},
      {"make-test-model", "write a tiny HF checkpoint with planted outliers / super weights", run_make_test_model},
      {"tokenize", "encode text with a tokenizer.json (or decode ids)", run_tokenize},
      {"outliers", "outlier features (Dettmers et al. 2022) over a text source; writes a run folder", run_outliers},
      {"perplexity", "perplexity (fixed-length or sliding windows) over a text source", run_perplexity},
      {"run", "a job config in a given mode: outliers, perplexity or both", run_run},
      {"worker", "run a job file, printing JSON events on stdout (used by the job layer)", run_worker},
      {"report", "compare run folders: outlier metrics and perplexity per model", run_report},
      {"download", "bring a Hugging Face model (org/name[@rev]) into the local hub cache", run_download},
      {"cache", "the Hugging Face cache: list, size, delete a model", run_cache},
      {"superweights", "super weights (Yu et al. 2024): detection, perplexity when zeroed, restore", run_superweights},
      {"vocab", "super weights' vocabulary effects, interventional deltas, controls, cascade, bootstrap", run_vocab},
      {"eval", "multiple-choice task accuracy (hellaswag, arc, mmlu) from local task files", run_eval},
      {"router", "MoE router statistics: expert activation, gate weights, load entropy, co-activation", run_router},
      {"damage-report", "damage experiments' scaling law: per-model stats, 95% CIs, outlier filters, power-law curve", run_damage_report},
      {"damage", "fine-tuning damage experiments (seed 003): effective rank and perplexity before/after", run_damage},
  };
  return table;
}

}  // namespace owb::cli
