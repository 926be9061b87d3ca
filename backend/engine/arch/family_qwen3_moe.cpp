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
    for (auto& s : head_qk_norm_tensors(c)) specs.push_back(s);
    return specs;
  }

 protected:
  void normalize_heads(const LayerWeights& w, at::Tensor& q, at::Tensor& k, const ModelConfig& cfg) const override {
    head_qk_rms_norm(w, q, k, cfg);
  }
};

}  // namespace

std::unique_ptr<Family> make_qwen3_moe_family() { return std::make_unique<Qwen3MoeFamily>(); }

}  // namespace owb
