// GLM-4.5 (glm4_moe): the Llama block with q/k/v biases (attention_bias), rotary on the first
// partial_rotary_factor of each head (rotate-half), an optional per-head QK RMSNorm
// (use_qk_norm), dense MLPs in the first first_k_dense_replace layers, and after them an MoE with
// sigmoid router scores: e_score_correction_bias steers the grouped top-k selection only, the
// chosen scores are renormalised and scaled by routed_scaling_factor, and shared experts
// (mlp.shared_experts.*) add to every token. The router runs in fp32, as in transformers.
#include "families.h"
#include "moe.h"

namespace owb {
namespace {

MoeTensorNames glm4_moe_names() {
  MoeTensorNames n;
  n.correction_bias = "mlp.gate.e_score_correction_bias";
  n.shared_prefix = "mlp.shared_experts.";
  n.router_fp32 = true;
  return n;
}

bool uses_qk_norm(const ModelConfig& c) { return c.raw.value("use_qk_norm", false); }

class Glm4MoeFamily : public MoeDecoderFamily {
 public:
  Glm4MoeFamily() : MoeDecoderFamily(glm4_moe_names()) {}
  std::string name() const override { return "glm4_moe"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = MoeDecoderFamily::required_layer_tensors(c);
    if (c.attention_bias)
      specs.insert(specs.end(), {{"self_attn.q_proj.bias", {c.q_dim()}},
                                 {"self_attn.k_proj.bias", {c.kv_dim()}},
                                 {"self_attn.v_proj.bias", {c.kv_dim()}}});
    if (uses_qk_norm(c))
      for (auto& s : head_qk_norm_tensors(c)) specs.push_back(s);
    return specs;
  }

 protected:
  void normalize_heads(const LayerWeights& w, at::Tensor& q, at::Tensor& k, const ModelConfig& cfg) const override {
    if (uses_qk_norm(cfg)) head_qk_rms_norm(w, q, k, cfg);
  }
};

}  // namespace

std::unique_ptr<Family> make_glm4_moe_family() { return std::make_unique<Glm4MoeFamily>(); }

}  // namespace owb
