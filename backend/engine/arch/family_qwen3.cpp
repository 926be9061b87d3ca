// Qwen3: no qkv bias; an RMSNorm over head_dim on every query and key head, before rotary.
#include "families.h"

namespace owb {
namespace {

class Qwen3Family : public DecoderFamily {
 public:
  std::string name() const override { return "qwen3"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = DecoderFamily::required_layer_tensors(c);
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

std::unique_ptr<Family> make_qwen3_family() { return std::make_unique<Qwen3Family>(); }

}  // namespace owb
