#pragma once
// Hook points: named places in the forward pass where analyses observe (or edit) activations.
// Names are stable and shared by every result file (DESIGN.md):
//   layer_{i}_ln_attn       [batch, pos, hidden]   norm output feeding attention
//   layer_{i}_ln_mlp        [batch, pos, hidden]   norm output feeding the MLP
//   layer_{i}_mlp_down_in   [batch, pos, inter]    input of mlp.down_proj
//   layer_{i}_mlp_down_out  [batch, pos, hidden]   output of mlp.down_proj
//   layer_{i}_resid_post    [batch, pos, hidden]   residual stream after the layer
#include <ATen/ATen.h>

#include <functional>
#include <string>
#include <vector>

namespace owb {

enum class HookKind { LnAttn, LnMlp, MlpDownIn, MlpDownOut, ResidPost };

std::string hook_name(int64_t layer, HookKind kind);
// Every hook point of a model with `layers` layers, in forward order.
std::vector<std::string> all_hook_names(int64_t layers);

// Where an activation came from: the layer, and which batch of the run (batches are
// numbered in the order given to the runner; rows of batch b are sequences
// first_sequence .. first_sequence + rows - 1).
struct HookSite {
  const std::string& name;
  int64_t layer;
  HookKind kind;
  int64_t batch_index;
  int64_t first_sequence;
};

// A callback may read the tensor or modify it in place (an activation intervention).
using HookFn = std::function<void(const HookSite&, at::Tensor& activation)>;

class Hooks {
 public:
  // `pattern` is an exact hook name, "*" for all, or a glob with '*' (e.g. "layer_*_ln_*").
  void add(const std::string& pattern, HookFn fn);
  bool empty() const { return entries_.empty(); }
  // Cheap test done before any work is spent on a hook point.
  bool wants(const std::string& name) const;
  void fire(const HookSite& site, at::Tensor& activation) const;

 private:
  struct Entry {
    std::string pattern;
    HookFn fn;
  };
  std::vector<Entry> entries_;
};

bool glob_match(const std::string& pattern, const std::string& text);

// Activation interventions, ready to register as hooks.
// Sets activation[..., index] = value at every position (value 0 zeroes the channel).
HookFn set_channel(int64_t index, double value);
// Sets activation[:, position, index] = value (the "restore the super activation" experiment).
HookFn set_element(int64_t position, int64_t index, double value);

}  // namespace owb
