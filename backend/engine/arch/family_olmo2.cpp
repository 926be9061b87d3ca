// OLMo 2: no norm before the sublayers; instead each sublayer's output is normed inside the
// residual (x + norm(attn(x)), x + norm(mlp(x))), and q, k get an RMSNorm over the whole
// projection. Norms scale in fp32. With no pre-norm, the hook points ln_attn / ln_mlp observe
// the sublayer inputs themselves (the residual stream entering attention and the MLP).
#include "families.h"

namespace owb {
namespace {

class Olmo2Family : public DecoderFamily {
 public:
  std::string name() const override { return "olmo2"; }
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = attention_and_mlp_tensors(c);
    specs.insert(specs.end(), {{"post_attention_layernorm.weight", {c.hidden_size}},
                               {"post_feedforward_layernorm.weight", {c.hidden_size}},
                               {"self_attn.q_norm.weight", {c.q_dim()}},
                               {"self_attn.k_norm.weight", {c.kv_dim()}}});
    return specs;
  }
  at::Tensor final_norm(const LayerWeights& top, const at::Tensor& x, const ModelConfig& cfg) const override {
    return rms_norm_fp32_scale(x, top.get(final_norm_prefix() + ".weight"), cfg.norm_eps);
  }
  at::Tensor forward_layer(const LayerWeights& w, const at::Tensor& hidden, const LayerContext& ctx) const override {
    at::Tensor a = hidden.clone();
    ctx.observe(HookKind::LnAttn, a);
    at::Tensor x = hidden + rms_norm_fp32_scale(self_attention(w, a, ctx), w.get("post_attention_layernorm.weight"), ctx.cfg.norm_eps);
    at::Tensor m = x.clone();
    ctx.observe(HookKind::LnMlp, m);
    x = x + rms_norm_fp32_scale(mlp(w, m, ctx), w.get("post_feedforward_layernorm.weight"), ctx.cfg.norm_eps);
    ctx.observe(HookKind::ResidPost, x);
    return x;
  }

 protected:
  QKV project_qkv(const LayerWeights& w, const at::Tensor& a, const ModelConfig& cfg) const override {
    QKV p = DecoderFamily::project_qkv(w, a, cfg);
    p.q = rms_norm_fp32_scale(p.q, w.get("self_attn.q_norm.weight"), cfg.norm_eps);
    p.k = rms_norm_fp32_scale(p.k, w.get("self_attn.k_norm.weight"), cfg.norm_eps);
    return p;
  }
};

}  // namespace

std::unique_ptr<Family> make_olmo2_family() { return std::make_unique<Olmo2Family>(); }

}  // namespace owb
