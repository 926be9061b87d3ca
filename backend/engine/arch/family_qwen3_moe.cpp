// Qwen3-MoE: the Qwen3 block (per-head q/k RMSNorm before rotary, no biases) with a softmax
// top-k MoE (norm_topk_prob) and no shared expert; decoder_sparse_step / mlp_only_layers name
// the dense layers.
#include "families.h"
#include "moe.h"

namespace owb {
namespace {

class Qwen3MoeFamily : public MoeDecoderFamily {
 public:
  Qwen3MoeFamily() : MoeDecoderFamily(MoeTensorNames{}) {}
  std::string name() const override { return "qwen3_moe"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = MoeDecoderFamily::required_layer_tensors(c);
    specs.insert(specs.end(), {{"self_attn.q_norm.weight", {c.head_dim}}, {"self_attn.k_norm.weight", {c.head_dim}}});
    return specs;
  }

 protected:
  void normalize_heads(const LayerWeights& w, at::Tensor& q, at::Tensor& k, const ModelConfig& cfg) const override {
    q = rms_norm(q, w.get("self_attn.q_norm.weight"), cfg.norm_eps);  // [B, H, T, E], over E
    k = rms_norm(k, w.get("self_attn.k_norm.weight"), cfg.norm_eps);
  }
};

}  // namespace

std::unique_ptr<Family> make_qwen3_moe_family() { return std::make_unique<Qwen3MoeFamily>(); }

}  // namespace owb
