#pragma once
// The cascade (seed 004): how an intervention's effect builds up through the layers, read with
// the logit lens (nostalgebraist 2020): layer l's residual stream (hook layer_{l}_resid_post)
// through the final norm and the unembedding, as if the model ended there. Per layer, the mean
// entropy and top-1 - top-2 margin of that distribution over the scored positions
// (interventional_deltas.h), and their change when the weight is zeroed (zeroed - intact).
// The last layer's lens is the model's own output, so its deltas equal the final-logits deltas.
#include "interventional_deltas.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

namespace owb {

class Model;

// Metrics of one window through the logit lens: `resid` [T, D] -> final norm -> logits.
TokenMetricSums logit_lens_sums(Model& model, const at::Tensor& resid, const ScoredWindow& window,
                                const at::Tensor& stopword_ids);

// Layers 0, every, 2 every, ... and always the last one.
std::vector<int64_t> cascade_layers(int64_t num_layers, int64_t every);

struct Cascade {
  std::vector<int64_t> layers;
  std::vector<double> entropy, margin;              // intact means per layer
  std::vector<double> delta_entropy, delta_margin;  // zeroed - intact
  std::vector<double> delta_loss;                   // the lens's loss too (an addition to the seed's card)
};

// From two passes measured with the same lens layers. Throws when they differ.
Cascade cascade_deltas(const PassResult& intact, const PassResult& zeroed);

}  // namespace owb
