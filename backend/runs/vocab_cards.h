#pragma once
// The files of `owb vocab` (vocab_job.h), with the keys of seed 004's schemas:
//   neurons.jsonl card: model, layer, neuron, moments {var, skew, kurt}, moments_cos (null
//     without --enable-cosine), top_tokens_up / top_tokens_down [{id, tok, str, effect}],
//     enrichment [{class, score, examples}] (null without --enable-enrichment), label;
//     additions: tensor, top_tokens_up_cos / top_tokens_down_cos, super_weights.
//   super_weights.jsonl card: model, tensor, layer, row, col, baselines / deltas {loss, entropy,
//     topk_margin, stopword_mass}, controls {random_coord_delta, neuron_zero_delta}, cascade
//     {layers, delta_entropy, delta_margin} (null without --enable-cascade), bootstrap
//     {metric: {mean, ci_2.5, ci_97.5}} (null without --bootstrap); additions: tensor_kind
//     ("mlp_down"), weight_value, detection, controls.random_coord {row, col, weight_value},
//     controls.neuron {layer, col}, token_probability_changes {up, down}, windows, tokens.
// "tensor" is the checkpoint name of the down projection (the seed wrote "mlp_out"); the kind
// of tensor is in "tensor_kind".
#include "interventional_deltas.h"
#include "logit_lens_cascade.h"
#include "run_context.h"
#include "super_weight_detection.h"
#include "token_class_enrichment.h"
#include "vocabulary_effects.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace owb {

class Tokenizer;

struct NeuronCardInput {
  NeuronVocabularyEffect effect;
  std::vector<ClassEnrichment> enrichment;
  std::vector<SuperWeight> super_weights;  // the super weights in this column
};

struct SuperWeightMeasurements {
  SuperWeight weight;
  const PassResult* baseline = nullptr;  // shared by the model's cards
  PassResult zeroed, random_control, neuron_zeroed;
  Coordinate random_coordinate;
  double random_weight_value = 0;
  std::optional<Cascade> cascade;
};

struct CardOptions {
  std::string model;
  int bootstrap = 0;  // resamples; 0: none
  uint64_t seed = 42;
  int64_t top_k = 20;
  bool cosine = false;
  bool enrichment = false;
};

nlohmann::json metrics_json(const TokenMetrics& m);
nlohmann::json neuron_card(const NeuronCardInput& n, const CardOptions& o);
nlohmann::json super_weight_card(const SuperWeightMeasurements& m, const CardOptions& o, const Tokenizer& tokenizer);

// Writes metrics/neurons/neurons.jsonl, metrics/super_weights/super_weights.jsonl and
// summaries/{neurons,super_weights}.csv into the run folder; returns the model's entry of
// cross_model_summary.json.
nlohmann::json write_model_results(RunContext& ctx, const CardOptions& o, const Tokenizer& tokenizer,
                                   const std::vector<NeuronCardInput>& neurons,
                                   const std::vector<SuperWeightMeasurements>& measured, int64_t windows);

// The output folder's README.md: what ran, a table per model, and where the plots come from.
std::string vocab_readme(const nlohmann::json& config, const nlohmann::json& summary);

}  // namespace owb
