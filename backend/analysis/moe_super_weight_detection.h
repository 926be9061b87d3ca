#pragma once
// Super weights inside the routed experts of a Mixture-of-Experts model (seed 004's MoE detector,
// with its two bugs fixed). An expert sees only the tokens routed to it, so every statistic is
// taken over those tokens alone:
//  1. routing over the sample texts: p_active(layer, expert) = tokens routed to the expert /
//     tokens (RouterStatistics, the engine's own routing; the seed divided once more by the number
//     of samples). Experts with p_active < p_active_floor are skipped.
//  2. per remaining expert, its down projection's input X [routed, I] and output Y [routed, D]:
//     the `input_channels` (10) input channels of highest energy sum_t X[t, c]^2 are examined;
//     for each such c and every output row r the co-spike score
//         S(r, c) = sum_t |X[t, c] Y[t, r]| / (||X_c|| ||Y_r|| + eps)
//     (norms over the routed tokens; S = 1 when both channels spike on the same tokens alike).
//     Pairs with S > co_spike_threshold whose input and output maxima |X[:, c]|, |Y[:, r]| both
//     exceed spike_threshold (the dense detector's magnitude test, Yu et al. 2024; S alone cannot
//     tell a super weight from an ordinary pair: independent Gaussian channels score about 2/pi,
//     and every expert of an unplanted test model has pairs at 0.84-0.93) are candidates
//     down_proj[r, c]; the `per_expert` (3) best by S are kept.
//  3. with causal scoring: each candidate is zeroed alone and the mean NLL over the same texts
//     measured; causal_score = (loss zeroed - loss intact) x p_active, signed (the seed reported
//     absolute values), and candidates are ranked by it.
// Two forward passes (energies and maxima, then the S sums for the chosen channels) keep memory
// at a few vectors per expert whatever the number of tokens. Detection runs with the model's
// current weights (edits included); causal scoring ends with Model::restore_weights, which undoes
// every edit, so score an intact model.
#include "perplexity.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace owb {

class Model;

struct MoeDetectionOptions {
  double p_active_floor = 0.01;
  double co_spike_threshold = 0.12;
  double spike_threshold = 50.0;  // 0: S alone, as the seed
  int64_t input_channels = 10;
  int64_t per_expert = 3;
  bool causal_scoring = false;
  int64_t batch_size = 4;
};

// Routing of one expert over the sample texts.
struct ExpertActivity {
  int64_t layer = 0, expert = 0;
  int64_t routed_tokens = 0;  // tokens routed to it
  double p_active = 0;        // routed_tokens / tokens of the layer
  bool analysed = false;      // p_active >= floor
};

struct ExpertSuperWeight {
  std::string tensor;  // full checkpoint name of the expert's down projection
  int64_t layer = 0, expert = 0, row = 0, col = 0;
  double weight_value = 0;     // the checkpoint's value
  double p_active = 0;
  int64_t routed_tokens = 0;
  double co_spike_score = 0;   // S(row, col)
  double max_abs_input = 0;    // max over routed tokens of |X[:, col]|
  double max_abs_output = 0;   // max over routed tokens of |Y[:, row]|
  int64_t input_energy_rank = 0;  // 0: the expert's highest-energy input channel
  std::optional<double> loss_delta;    // causal scoring: mean NLL zeroed - intact
  std::optional<double> causal_score;  // loss_delta x p_active
};

struct MoeSuperWeightDetection {
  MoeDetectionOptions options;
  int64_t samples = 0;  // texts
  int64_t tokens = 0;   // tokens per layer (every position of every text)
  std::vector<ExpertActivity> experts;  // sparse layers in order, experts in order
  std::vector<ExpertSuperWeight> candidates;  // by causal_score (when scored), else by S; descending
  std::optional<NllTotals> baseline;           // causal scoring: the intact model's NLL
};

// `samples`: the texts (all positions are routed tokens; NLL, for causal scoring, from position
// score_from on). Throws when the model has no routed experts with their own down projection.
MoeSuperWeightDetection detect_moe_super_weights(Model& model, const std::vector<ScoredWindow>& samples,
                                                 const MoeDetectionOptions& options);

// Whether the model has routed experts whose down projections detection can name and edit.
bool supports_moe_super_weight_detection(const Model& model);

}  // namespace owb
