#pragma once
// Super-weight detection (Yu et al. 2024, "The Super Weight in Large Language Models", section 3.1).
// One forward pass over a detection prompt; in every layer, the largest |input| and |output|
// channel of mlp.down_proj. A layer where both exceed the spike threshold has a super weight at
//   down_proj.weight[row = argmax output channel, col = argmax input channel].
// Found weights are zeroed and the pass repeated, until a pass finds nothing new or
// max_iterations passes have run (the seed tooling's loop). Every weight edit is restored at the end.
#include <ATen/ATen.h>

#include <string>
#include <vector>

namespace owb {

class Model;

// The largest-magnitude down_proj input and output channels of one layer in one pass.
struct LayerSpike {
  int64_t layer = 0;
  int64_t input_channel = 0;
  double input_value = 0;   // signed value of the largest |input|
  int64_t output_channel = 0;
  double output_value = 0;  // signed value of the largest |output|
  int64_t input_position = 0;   // sequence position where the input maximum occurred
  int64_t output_position = 0;
};

struct SuperWeight {
  std::string tensor;  // full checkpoint name of the down projection
  int64_t layer = 0, row = 0, col = 0;
  double weight_value = 0;       // the checkpoint's value
  double input_activation = 0;   // the spike that revealed it
  double output_activation = 0;
  int64_t position = 0;          // where the output spike was largest
  int iteration = 0;             // 1-based detection pass
  int64_t expert = -1;           // routed expert whose down projection holds it (MoE); -1: dense
};

struct DetectionPass {
  int iteration = 0;
  std::vector<LayerSpike> layers;
  std::vector<SuperWeight> found;  // new in this pass
};

struct SuperWeightDetection {
  double spike_threshold = 50;
  int max_iterations = 10;
  std::vector<DetectionPass> passes;
  std::vector<SuperWeight> super_weights;  // in order of discovery
};

// The default prompt of the paper's code and the seed tooling.
extern const char* kDefaultDetectionPrompt;

// `prompt_ids`: [1, T] (or [B, T]) token ids. Leaves the model's weights as it found them.
SuperWeightDetection detect_super_weights(Model& model, const at::Tensor& prompt_ids, double spike_threshold,
                                          int max_iterations);

// One pass: the spikes of every layer with the model's current weights.
std::vector<LayerSpike> measure_layer_spikes(Model& model, const at::Tensor& prompt_ids);

// The down projection tensor of `layer` in this model's checkpoint.
std::string down_proj_tensor(const Model& model, int64_t layer);

}  // namespace owb
