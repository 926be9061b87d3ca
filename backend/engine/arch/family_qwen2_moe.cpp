// Qwen2-MoE (Qwen1.5-MoE): the Qwen2 block (q/k/v biases) whose MLP on sparse layers is a
// softmax top-k MoE (norm_topk_prob) plus a shared SwiGLU expert scaled by
// sigmoid(shared_expert_gate(x)); dense layers (decoder_sparse_step, mlp_only_layers) keep mlp.*.
#include "families.h"
#include "moe.h"

namespace owb {
namespace {

MoeTensorNames qwen2_moe_names() {
  MoeTensorNames n;
  n.shared_prefix = "mlp.shared_expert.";
  n.shared_gate = "mlp.shared_expert_gate";
  return n;
}

class Qwen2MoeFamily : public MoeDecoderFamily {
 public:
  Qwen2MoeFamily() : MoeDecoderFamily(qwen2_moe_names()) {}
  std::string name() const override { return "qwen2_moe"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = MoeDecoderFamily::required_layer_tensors(c);
    specs.insert(specs.end(), {{"self_attn.q_proj.bias", {c.q_dim()}},
                               {"self_attn.k_proj.bias", {c.kv_dim()}},
                               {"self_attn.v_proj.bias", {c.kv_dim()}}});
    return specs;
  }
};

}  // namespace

std::unique_ptr<Family> make_qwen2_moe_family() { return std::make_unique<Qwen2MoeFamily>(); }

}  // namespace owb
