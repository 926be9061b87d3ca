#pragma once
// The Mixture-of-Experts MLP, written once for every MoE family:
//   logits = router(m)                                   [N, E]   (hook router_logits)
//   scores = softmax(logits) | sigmoid(logits)            fp32
//   experts, weights = top-k(scores)                      ties: lowest expert index first
//   weights /= sum(weights) if norm_topk_prob;  weights *= routed_scaling_factor
//   y = sum_k weights_k * expert_k(m)  [+ shared expert, optionally sigmoid-gated]
// Experts run on their own tokens only: the (token, slot) pairs are sorted by expert once, the
// rows gathered with one index_select, each expert runs on its contiguous slice, and the
// weighted outputs are scattered back with one index_add. A layer of E experts with top-k
// therefore costs about k/E of running every expert on every token.
#include "decoder_family.h"

#include <functional>

namespace owb {

// Where a family keeps its MoE tensors inside a layer. Expert e's tensors are
// expert_prefix + e + "." + {gate, up, down} + ".weight".
struct MoeTensorNames {
  std::string router = "mlp.gate";  // + ".weight" [E, D] (+ ".bias" when router_bias)
  bool router_bias = false;
  std::string expert_prefix = "mlp.experts.";
  std::string gate = "gate_proj", up = "up_proj", down = "down_proj";
  std::string shared_prefix;    // "mlp.shared_expert." (qwen2_moe), "mlp.shared_experts." (glm4_moe); "" none
  std::string shared_gate;      // "mlp.shared_expert_gate" ([1, D], sigmoid gate), "" none
  std::string correction_bias;  // "mlp.gate.e_score_correction_bias" (glm4_moe), "" none
  bool router_fp32 = false;     // router logits computed in fp32 (glm4_moe)
};

// Selected experts per token and their weights.
struct Routing {
  at::Tensor experts;  // [N, k] int64
  at::Tensor weights;  // [N, k] fp32
};

// scores [N, E] -> the k largest per row, sorted by score; equal scores keep the lowest expert
// index first (a stable sort, so the choice never depends on the kernel's tie handling).
at::Tensor top_k_experts(const at::Tensor& scores, int64_t k);
// Router logits [N, E] -> routing, as the config says (softmax or sigmoid with correction
// bias and grouped selection; renormalisation; scaling).
Routing route_tokens(const at::Tensor& logits, const MoeConfig& moe, const at::Tensor& correction_bias = at::Tensor());

// One routed expert, applied to the rows routed to it: x [n, D] -> down_in [n, I], then
// down_in -> down_out [n, D].
struct ExpertOps {
  std::function<at::Tensor(int64_t expert, const at::Tensor& x)> down_in;
  std::function<at::Tensor(int64_t expert, const at::Tensor& h)> down;
  // Optional: every expert at once on rows padded to the same count, x [E, M, D] -> down_out
  // [E, M, D] (two batched GEMMs). Used when no expert hook listens and padding is cheap.
  std::function<at::Tensor(const at::Tensor& x)> batched;
};

// Runs the routed experts over x [B, T, D] (grouping tokens by expert), firing the expert hook
// points; returns sum_k weights_k * expert_k(x), [B, T, D] in x's dtype.
at::Tensor run_routed_experts(const at::Tensor& x, const Routing& routing, int64_t num_experts, const ExpertOps& ops,
                              const LayerContext& ctx);

// A family with MoE layers: the Llama block whose MLP is the MoE above on sparse layers and a
// gated MLP (mlp.{gate,up,down}_proj, intermediate_size) on dense ones.
class MoeDecoderFamily : public DecoderFamily {
 public:
  explicit MoeDecoderFamily(MoeTensorNames names) : names_(std::move(names)) {}
  // Attention and norms: what every layer has.
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& cfg) const override;
  std::vector<TensorSpec> layer_tensors(const ModelConfig& cfg, int64_t layer) const override;
  // Stacks the experts' weights, transposed: gate and up into [E, D, 2I], down into [E, I, D]
  // (one GEMM per expert for gate and up, and batched GEMMs over all experts); the per-expert
  // tensors become views into them, so weight edits and their restoring still apply.
  void prepare_layer(std::map<std::string, at::Tensor>& tensors, at::ScalarType dtype) const override;
  std::string expert_projection_name(int64_t expert, const std::string& which) const override;

 protected:
  at::Tensor mlp(const LayerWeights& w, const at::Tensor& m, const LayerContext& ctx) const override;
  // The routed experts' computation (SwiGLU on separate per-expert tensors by default).
  virtual ExpertOps expert_ops(const LayerWeights& w, const LayerContext& ctx) const;
  // The MoE tensors of a sparse layer, experts marked by their index.
  virtual std::vector<TensorSpec> moe_tensors(const ModelConfig& cfg) const;
  static constexpr const char* kStackedGateUp = "mlp.experts.(gate_up stacked)";  // [E, 2I, D]
  static constexpr const char* kStackedDown = "mlp.experts.(down stacked)";        // [E, D, I]
  std::string expert_tensor(int64_t e, const std::string& proj) const {
    return names_.expert_prefix + std::to_string(e) + "." + proj + ".weight";
  }
  MoeTensorNames names_;
};

}  // namespace owb
