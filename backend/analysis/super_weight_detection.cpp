#include "super_weight_detection.h"

#include "errors.h"
#include "model.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace owb {

const char* kDefaultDetectionPrompt = "Apple Inc. is a worldwide tech company.";

std::string down_proj_tensor(const Model& model, int64_t layer) {
  return model.family().layer_prefix(layer) + model.family().down_proj_name();
}

namespace {

// argmax over channels of max |x| over positions (batch rows pooled): channel, signed value, position.
struct ChannelPeak {
  int64_t channel, position;
  double value;
};
ChannelPeak channel_peak(const at::Tensor& x) {
  at::Tensor flat = x.reshape({-1, x.size(-1)}).to(at::kFloat);  // [B*T, C]
  at::Tensor flat_index = flat.abs().argmax().to(at::kCPU);
  int64_t i = flat_index.item<int64_t>();
  int64_t channel = i % flat.size(1), row = i / flat.size(1);
  return {channel, row % x.size(-2), flat.view(-1)[i].item<double>()};
}

bool is_spike(const LayerSpike& s, double threshold) {
  return std::abs(s.input_value) > threshold && std::abs(s.output_value) > threshold;
}

}  // namespace

std::vector<LayerSpike> measure_layer_spikes(Model& model, const at::Tensor& prompt_ids) {
  std::vector<LayerSpike> spikes(model.layers_to_run());
  for (int64_t i = 0; i < model.layers_to_run(); ++i) spikes[i].layer = i;
  Hooks hooks;
  hooks.add("layer_*_mlp_down_*", [&](const HookSite& site, at::Tensor& x) {
    ChannelPeak p = channel_peak(x);
    LayerSpike& s = spikes[site.layer];
    if (site.kind == HookKind::MlpDownIn) s.input_channel = p.channel, s.input_value = p.value, s.input_position = p.position;
    if (site.kind == HookKind::MlpDownOut) s.output_channel = p.channel, s.output_value = p.value, s.output_position = p.position;
  });
  model.run({prompt_ids}, hooks);
  return spikes;
}

SuperWeightDetection detect_super_weights(Model& model, const at::Tensor& prompt_ids, double spike_threshold,
                                          int max_iterations) {
  if (!(spike_threshold > 0)) throw InputError("--spike-threshold must be positive");
  if (max_iterations < 1) throw InputError("--max-iterations must be at least 1");
  SuperWeightDetection d;
  d.spike_threshold = spike_threshold;
  d.max_iterations = max_iterations;
  std::set<std::tuple<int64_t, int64_t, int64_t>> known;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    DetectionPass pass;
    pass.iteration = iteration;
    pass.layers = measure_layer_spikes(model, prompt_ids);
    for (const LayerSpike& s : pass.layers) {
      if (!is_spike(s, spike_threshold) || !known.insert({s.layer, s.output_channel, s.input_channel}).second) continue;
      SuperWeight w;
      w.tensor = down_proj_tensor(model, s.layer);
      w.layer = s.layer, w.row = s.output_channel, w.col = s.input_channel;
      w.weight_value = model.checkpoint_weight(w.tensor, w.row, w.col);
      w.input_activation = s.input_value, w.output_activation = s.output_value;
      w.position = s.output_position;
      w.iteration = iteration;
      pass.found.push_back(w);
    }
    // Zero what this pass found, so the next pass can reveal weights they were masking.
    for (const SuperWeight& w : pass.found) model.set_weight(w.tensor, w.row, w.col, 0.0);
    d.super_weights.insert(d.super_weights.end(), pass.found.begin(), pass.found.end());
    bool nothing_new = pass.found.empty();
    d.passes.push_back(std::move(pass));
    if (nothing_new) break;
  }
  model.restore_weights();
  return d;
}

}  // namespace owb
