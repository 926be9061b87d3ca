// OLMoE: the OLMo-style attention with an RMSNorm over the whole q and k projections (before
// the head split, then the optional clip_qkv clamp), and an MoE MLP: softmax router over all
// experts, top-k (8 of 64) without renormalisation, SwiGLU experts mlp.experts.{e}.*.
#include "families.h"
#include "moe.h"

namespace owb {
namespace {

class OlmoeFamily : public MoeDecoderFamily {
 public:
  OlmoeFamily() : MoeDecoderFamily(MoeTensorNames{}) {}
  std::string name() const override { return "olmoe"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = MoeDecoderFamily::required_layer_tensors(c);
    specs.insert(specs.end(), {{"self_attn.q_norm.weight", {c.q_dim()}}, {"self_attn.k_norm.weight", {c.kv_dim()}}});
    return specs;
  }

 protected:
  QKV project_qkv(const LayerWeights& w, const at::Tensor& a, const ModelConfig& cfg) const override {
    QKV p = DecoderFamily::project_qkv(w, a, cfg);
    p.q = rms_norm(p.q, w.get("self_attn.q_norm.weight"), cfg.norm_eps);
    p.k = rms_norm(p.k, w.get("self_attn.k_norm.weight"), cfg.norm_eps);
    if (cfg.clip_qkv) {
      double c = *cfg.clip_qkv;
      p.q.clamp_(-c, c), p.k.clamp_(-c, c), p.v.clamp_(-c, c);
    }
    return p;
  }
};

}  // namespace

std::unique_ptr<Family> make_olmoe_family() { return std::make_unique<OlmoeFamily>(); }

}  // namespace owb
