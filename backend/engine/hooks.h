#pragma once
// Hook points: named places in the forward pass where analyses observe (or edit) activations.
// Names are stable and shared by every result file (DESIGN.md):
//   layer_{i}_ln_attn       [batch, pos, hidden]   norm output feeding attention
//   layer_{i}_ln_mlp        [batch, pos, hidden]   norm output feeding the MLP
//   layer_{i}_mlp_down_in   [batch, pos, inter]    input of mlp.down_proj
//   layer_{i}_mlp_down_out  [batch, pos, hidden]   output of mlp.down_proj
//   layer_{i}_resid_post    [batch, pos, hidden]   residual stream after the layer
// Mixture-of-Experts layers (olmoe, mixtral, qwen2_moe, qwen3_moe, ...) besides:
//   layer_{i}_router_logits          [batch, pos, experts]  router output before softmax/sigmoid
//   layer_{i}_expert_{e}_down_in     [routed, expert_inter] input of expert e's down projection
//   layer_{i}_expert_{e}_down_out    [routed, hidden]       its output, before the gate weight
// where `routed` counts only the tokens routed to expert e; HookSite::routed ([routed, 2] int64,
// rows of (row in batch, position), ordered by row then position) says which tokens they are.
// On an MoE layer ln_mlp is the router's (and experts') input norm, mlp_down_out the combined
// MoE output (weighted experts + shared expert), and mlp_down_in does not fire: there is no
// single down projection.
#include <ATen/ATen.h>

#include <functional>
#include <string>
#include <vector>

namespace owb {

enum class HookKind { LnAttn, LnMlp, MlpDownIn, MlpDownOut, ResidPost, RouterLogits, ExpertDownIn, ExpertDownOut };

std::string hook_name(int64_t layer, HookKind kind);
// layer_{i}_expert_{e}_down_in | _down_out (kind ExpertDownIn or ExpertDownOut).
std::string expert_hook_name(int64_t layer, int64_t expert, HookKind kind);
// The MoE hook points of one sparse layer: router_logits, then each expert's down_in, down_out.
std::vector<std::string> moe_hook_names(int64_t layer, int64_t experts);
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
  // Expert hook points only: the expert, and which tokens of the batch the rows are
  // ([rows, 2] int64: row in batch, position). -1 / null elsewhere.
  int64_t expert = -1;
  const at::Tensor* routed = nullptr;
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
