#pragma once
// Router statistics of a Mixture-of-Experts model, accumulated from the router_logits hook
// points: per layer and expert, how often the expert is chosen (activation probability = share
// of tokens routed to it), its mean gate weight when chosen, the entropy of the load over
// experts, and the expert pairs chosen together most often. The routing is recomputed from the
// logits with the engine's own route_tokens, so ties and renormalisation match the forward pass.
#include "hooks.h"
#include "model_config.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <vector>

namespace owb {

struct ExpertPair {
  int64_t a = 0, b = 0;  // a < b
  int64_t tokens = 0;    // tokens routed to both
};

struct LayerRouterStats {
  int64_t layer = 0;
  int64_t tokens = 0;
  std::vector<int64_t> routed;                 // [E] tokens routed to each expert
  std::vector<double> activation_probability;  // [E] routed / tokens
  std::vector<double> mean_gate_weight;        // [E] mean weight given when routed (0 if never)
  std::vector<double> mean_router_probability; // [E] mean softmax (or sigmoid) score over all tokens
  double load_entropy = 0;                     // -sum p log p over p_e = routed_e / (tokens * k), nats
  double load_entropy_normalized = 0;          // / log(E): 1 = perfectly balanced
  std::vector<ExpertPair> top_pairs;           // most co-activated first (ties: lower indices first)
};

class RouterStatistics {
 public:
  // `layers`: the sparse layers to watch; `batches`: how many batches each layer will see (a
  // layer's statistics are final, and on_layer_complete fires, after its last batch).
  RouterStatistics(const MoeConfig& moe, std::vector<int64_t> layers, int64_t batches, int64_t top_pairs = 10);

  void subscribe(Hooks& hooks);
  // glm4_moe: the layer's e_score_correction_bias, which steers selection (not in the logits).
  void set_correction_bias(int64_t layer, const at::Tensor& bias) { correction_bias_[layer] = bias.to(at::kCPU, at::kFloat); }
  // logits: [B, T, E] router logits of one batch of one layer.
  void add(int64_t layer, const at::Tensor& logits);

  LayerRouterStats layer_stats(int64_t layer) const;
  std::vector<LayerRouterStats> all_stats() const;
  const std::vector<int64_t>& layers() const { return layers_; }

  std::function<void(const LayerRouterStats&)> on_layer_complete;

 private:
  struct Accumulator {
    int64_t tokens = 0, batches = 0;
    at::Tensor routed;       // [E] int64
    at::Tensor weight_sum;   // [E] fp64
    at::Tensor score_sum;    // [E] fp64
    at::Tensor pairs;        // [E, E] int64 co-activation counts
  };
  MoeConfig moe_;
  std::vector<int64_t> layers_;
  int64_t batches_, top_pairs_;
  std::map<int64_t, Accumulator> acc_;
  std::map<int64_t, at::Tensor> correction_bias_;
};

nlohmann::json to_json(const LayerRouterStats& s);
// router_stats.json: {"format": "owb.router_stats", "v": 1, "model", "num_experts", "top_k", "layers": [...]}
nlohmann::json router_stats_json(const RouterStatistics& stats, const MoeConfig& moe, const std::string& model);

}  // namespace owb
