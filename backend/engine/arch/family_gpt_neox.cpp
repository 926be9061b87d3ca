// GPT-NeoX (Pythia): LayerNorms with bias; one fused query_key_value projection laid out per head
// as [q | k | v]; rotary on the first rotary_pct of each head; a GELU MLP with biases; and, with
// use_parallel_residual, attention and MLP both read the layer input: x + attn(ln1(x)) + mlp(ln2(x)).
#include "families.h"

namespace owb {
namespace {

class GptNeoxFamily : public Family {
 public:
  std::string name() const override { return "gpt_neox"; }
  std::string embedding_name() const override { return "gpt_neox.embed_in.weight"; }
  std::string final_norm_prefix() const override { return "gpt_neox.final_layer_norm"; }
  std::string lm_head_name() const override { return "embed_out.weight"; }
  std::string layer_prefix(int64_t layer) const override { return "gpt_neox.layers." + std::to_string(layer) + "."; }
  std::string down_proj_name() const override { return "mlp.dense_4h_to_h.weight"; }

  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    const int64_t D = c.hidden_size, I = c.intermediate_size;
    return {{"input_layernorm.weight", {D}},          {"input_layernorm.bias", {D}},
            {"post_attention_layernorm.weight", {D}}, {"post_attention_layernorm.bias", {D}},
            {"attention.query_key_value.weight", {3 * D, D}}, {"attention.query_key_value.bias", {3 * D}},
            {"attention.dense.weight", {D, D}},       {"attention.dense.bias", {D}},
            {"mlp.dense_h_to_4h.weight", {I, D}},     {"mlp.dense_h_to_4h.bias", {I}},
            {"mlp.dense_4h_to_h.weight", {D, I}},     {"mlp.dense_4h_to_h.bias", {D}}};
  }

  std::vector<TensorSpec> required_top_tensors(const ModelConfig& c) const override {
    return {{final_norm_prefix() + ".weight", {c.hidden_size}}, {final_norm_prefix() + ".bias", {c.hidden_size}}};
  }

  at::Tensor final_norm(const LayerWeights& top, const at::Tensor& x, const ModelConfig& cfg) const override {
    return layer_norm(x, top.get(final_norm_prefix() + ".weight"), top.get(final_norm_prefix() + ".bias"), cfg.norm_eps);
  }

  at::Tensor forward_layer(const LayerWeights& w, const at::Tensor& hidden, const LayerContext& ctx) const override {
    const double eps = ctx.cfg.norm_eps;
    at::Tensor a = layer_norm(hidden, w.get("input_layernorm.weight"), w.get("input_layernorm.bias"), eps);
    ctx.observe(HookKind::LnAttn, a);
    at::Tensor attn = attention(w, a, ctx);
    at::Tensor mlp_input = ctx.cfg.use_parallel_residual ? hidden : hidden + attn;
    at::Tensor m = layer_norm(mlp_input, w.get("post_attention_layernorm.weight"), w.get("post_attention_layernorm.bias"), eps);
    ctx.observe(HookKind::LnMlp, m);
    at::Tensor x = ctx.cfg.use_parallel_residual ? hidden + attn + mlp(w, m, ctx) : mlp_input + mlp(w, m, ctx);
    ctx.observe(HookKind::ResidPost, x);
    return x;
  }

 private:
  at::Tensor attention(const LayerWeights& w, const at::Tensor& a, const LayerContext& ctx) const {
    const int64_t B = a.size(0), T = a.size(1), H = ctx.cfg.num_attention_heads, E = ctx.cfg.head_dim;
    at::Tensor qkv = linear(a, w.get("attention.query_key_value.weight"), w.get("attention.query_key_value.bias"));
    qkv = qkv.view({B, T, H, 3 * E}).transpose(1, 2);  // [B, H, T, 3E]
    at::Tensor q = apply_rotary(qkv.narrow(-1, 0, E), ctx.rope);
    at::Tensor k = apply_rotary(qkv.narrow(-1, E, E), ctx.rope);
    at::Tensor v = qkv.narrow(-1, 2 * E, E);
    AttentionOptions opt;
    opt.window = ctx.window;
    opt.query_tile = ctx.query_tile;
    attend_with_cache(ctx.kv_cache, k, v, opt);
    at::Tensor out = causal_attention(q.contiguous(), k.contiguous(), v.contiguous(), opt);
    return linear(out, w.get("attention.dense.weight"), w.get("attention.dense.bias"));
  }

  at::Tensor mlp(const LayerWeights& w, const at::Tensor& m, const LayerContext& ctx) const {
    at::Tensor h = activation(ctx.cfg.hidden_act, linear(m, w.get("mlp.dense_h_to_4h.weight"), w.get("mlp.dense_h_to_4h.bias")));
    ctx.observe(HookKind::MlpDownIn, h);
    at::Tensor out = linear(h, w.get("mlp.dense_4h_to_h.weight"), w.get("mlp.dense_4h_to_h.bias"));
    ctx.observe(HookKind::MlpDownOut, out);
    return out;
  }
};

}  // namespace

std::unique_ptr<Family> make_gpt_neox_family() { return std::make_unique<GptNeoxFamily>(); }

}  // namespace owb
