#pragma once
// What a damage experiment measures on a model, before and after fine-tuning:
//  - perplexity on held-out windows: exp(sum of next-token NLL / number of predictions), each
//    window scoring positions 1..T-1, accumulated in float64;
//  - the effective rank (effective_rank.h) of each layer's output hidden states, rows = the
//    held-out tokens at positions 1..T-1 of every window (position 0 is dropped: its residual
//    stream is the attention sink's, orders of magnitude larger, and would dominate the spectrum),
//    uncentred unless `centre_hidden`;
//  - optionally the effective rank of every 2-D weight matrix of the layers.
#include "trainable_model.h"

#include <string>
#include <utility>
#include <vector>

namespace owb {

struct DamageMeasurementSettings {
  int64_t batch_size = 4;
  bool centre_hidden = false;
  bool weight_ranks = true;
};

struct DamageMeasurement {
  double perplexity = 0;
  int64_t predictions = 0;
  int64_t hidden_rows = 0;             // tokens per hidden-state matrix
  std::vector<double> hidden_erank;     // [L]: output of layer i
  std::vector<std::pair<std::string, double>> weight_erank;
};

// windows: held-out token windows of equal length (>= 2).
DamageMeasurement measure_damage_state(TrainableModel& model, const std::vector<std::vector<int32_t>>& windows,
                                       const DamageMeasurementSettings& settings);

}  // namespace owb
