#pragma once
// The built-in catalyst generator (seed 003's "catalyst", done in the open): a short token
// sequence the model finds as surprising as possible, found by gradient ascent of the language
// modelling loss on the input embeddings and snapped back to real tokens.
//  1. start from `length` tokens drawn uniformly from the vocabulary (seeded);
//  2. each step: targets = the nearest token (L2) of each current embedding; take the gradient of
//     the mean next-token loss with respect to the embeddings and move every position one step of
//     `step_size` x (RMS norm of the embedding rows) along its normalised gradient (ascent);
//  3. snap to the nearest tokens and score the snapped sequence; return the best one seen.
// Why: fine-tuning on a sequence the model cannot predict forces the largest, most concentrated
// updates, the "attack" whose structural damage the experiment measures.
#include "trainable_model.h"

#include <cstdint>
#include <vector>

namespace owb {

struct CatalystSettings {
  int64_t length = 64;
  int64_t steps = 50;
  double step_size = 0.5;
  uint64_t seed = 42;
};

struct Catalyst {
  std::vector<int32_t> ids;
  double loss = 0;                  // mean next-token loss of the snapped sequence
  double initial_loss = 0;          // of the random start
  std::vector<double> loss_history;  // snapped loss after each step
};

Catalyst generate_catalyst(TrainableModel& model, const CatalystSettings& settings);

}  // namespace owb
