// Qwen2: the Llama block with biases on the q, k and v projections (not on o_proj).
#include "families.h"

namespace owb {
namespace {

class Qwen2Family : public DecoderFamily {
 public:
  std::string name() const override { return "qwen2"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = DecoderFamily::required_layer_tensors(c);
    specs.insert(specs.end(), {{"self_attn.q_proj.bias", {c.q_dim()}},
                               {"self_attn.k_proj.bias", {c.kv_dim()}},
                               {"self_attn.v_proj.bias", {c.kv_dim()}}});
    return specs;
  }
};

}  // namespace

std::unique_ptr<Family> make_qwen2_family() { return std::make_unique<Qwen2Family>(); }

}  // namespace owb
