// OLMo (OLMo-1B-0724-hf): every norm is a LayerNorm without weight or bias (eps fixed at 1e-5
// in the reference), and q, k, v may be clamped to +-clip_qkv after projection.
#include "families.h"

namespace owb {
namespace {

constexpr double kOlmoLayerNormEps = 1e-5;

class OlmoFamily : public DecoderFamily {
 public:
  std::string name() const override { return "olmo"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    return attention_and_mlp_tensors(c);  // no norm weights at all
  }
  std::vector<TensorSpec> required_top_tensors(const ModelConfig&) const override { return {}; }  // non-parametric
  at::Tensor final_norm(const LayerWeights&, const at::Tensor& x, const ModelConfig&) const override {
    return layer_norm(x, at::Tensor(), at::Tensor(), kOlmoLayerNormEps);
  }

 protected:
  at::Tensor norm_attn(const LayerWeights&, const at::Tensor& x, const ModelConfig&) const override {
    return layer_norm(x, at::Tensor(), at::Tensor(), kOlmoLayerNormEps);
  }
  at::Tensor norm_mlp(const LayerWeights&, const at::Tensor& x, const ModelConfig&) const override {
    return layer_norm(x, at::Tensor(), at::Tensor(), kOlmoLayerNormEps);
  }
  QKV project_qkv(const LayerWeights& w, const at::Tensor& a, const ModelConfig& cfg) const override {
    QKV p = DecoderFamily::project_qkv(w, a, cfg);
    if (cfg.clip_qkv) {
      double c = *cfg.clip_qkv;
      p.q.clamp_(-c, c), p.k.clamp_(-c, c), p.v.clamp_(-c, c);
    }
    return p;
  }
};

}  // namespace

std::unique_ptr<Family> make_olmo_family() { return std::make_unique<OlmoFamily>(); }

}  // namespace owb
