// Qwen3: no qkv bias; an RMSNorm over head_dim on every query and key head, before rotary.
#include "families.h"

namespace owb {
namespace {

class Qwen3Family : public DecoderFamily {
 public:
  std::string name() const override { return "qwen3"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = DecoderFamily::required_layer_tensors(c);
    for (auto& s : head_qk_norm_tensors(c)) specs.push_back(s);
    return specs;
  }

 protected:
  void normalize_heads(const LayerWeights& w, at::Tensor& q, at::Tensor& k, const ModelConfig& cfg) const override {
    head_qk_rms_norm(w, q, k, cfg);
  }
};

}  // namespace

std::unique_ptr<Family> make_qwen3_family() { return std::make_unique<Qwen3Family>(); }

}  // namespace owb
