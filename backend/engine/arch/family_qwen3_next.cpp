// Qwen3-Next (modeling_qwen3_next): a hybrid whose token mixer is, per layer_types (default: every
// full_attention_interval-th layer full), either
//  - a Gated DeltaNet (linear_attn.*, gated_deltanet.h): in_proj_qkvz gives q, k, v and the output
//    gate z, in_proj_ba gives b and a, both laid out per key-head group
//      qkvz: [q (d_k) | k (d_k) | v (r d_v) | z (r d_v)] x nk,  ba: [b (r) | a (r)] x nk,  r = nv / nk
//    q, k, v pass a short causal conv1d (+ silu); q and k are repeated r times to the value heads;
//    the delta rule runs with g = -exp(A_log) softplus(a + dt_bias), beta = sigmoid(b) (chunked
//    form, gated_deltanet.h); the output is rms_norm(o) * w * silu(z) per head, then out_proj;
//  - gated full attention: q_proj gives per head [query (E) | gate (E)]; per-head QK norm, rotary
//    on the first partial_rotary_factor (0.25) of each head, and the attention output is
//    multiplied by sigmoid(gate) before o_proj;
// every RMSNorm outside DeltaNet (input, post-attention, q/k, final) scales by (1 + w) in fp32;
// the MLP is qwen2_moe's: softmax top-k (norm_topk_prob), plus a shared expert scaled by
// sigmoid(shared_expert_gate), dense on mlp_only_layers / off decoder_sparse_step.
// Hooks as the other MoE families; ln_attn is the input norm feeding either mixer. Incremental
// decoding keeps each DeltaNet layer's conv inputs and recurrent state in its cache slot.
#include "families.h"
#include "gated_deltanet.h"
#include "moe.h"

#include <cmath>

namespace owb {
namespace {

MoeTensorNames qwen3_next_names() {
  MoeTensorNames n;
  n.shared_prefix = "mlp.shared_expert.";
  n.shared_gate = "mlp.shared_expert_gate";
  return n;
}

class Qwen3NextFamily : public MoeDecoderFamily {
 public:
  Qwen3NextFamily() : MoeDecoderFamily(qwen3_next_names()) {}
  std::string name() const override { return "qwen3_next"; }

  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    return {{"input_layernorm.weight", {c.hidden_size}}, {"post_attention_layernorm.weight", {c.hidden_size}}};
  }

  std::vector<TensorSpec> layer_tensors(const ModelConfig& c, int64_t layer) const override {
    auto specs = required_layer_tensors(c);
    auto mixer = c.linear_attention.is_linear(layer) ? deltanet_tensors(c) : gated_attention_tensors(c);
    auto mlp = c.moe.is_sparse(layer) ? moe_tensors(c) : gated_mlp_tensors(c, c.intermediate_size, "mlp.");
    specs.insert(specs.end(), mixer.begin(), mixer.end());
    specs.insert(specs.end(), mlp.begin(), mlp.end());
    return specs;
  }

  at::Tensor final_norm(const LayerWeights& top, const at::Tensor& x, const ModelConfig& cfg) const override {
    return rms_norm_zero_centred(x, top.get(final_norm_prefix() + ".weight"), cfg.norm_eps);
  }

 protected:
  at::Tensor norm_attn(const LayerWeights& w, const at::Tensor& x, const ModelConfig& cfg) const override {
    return rms_norm_zero_centred(x, w.get("input_layernorm.weight"), cfg.norm_eps);
  }
  at::Tensor norm_mlp(const LayerWeights& w, const at::Tensor& x, const ModelConfig& cfg) const override {
    return rms_norm_zero_centred(x, w.get("post_attention_layernorm.weight"), cfg.norm_eps);
  }

  // q_proj: per head [query | gate]; the gate multiplies the attention output (self_attention).
  QKV project_qkv(const LayerWeights& w, const at::Tensor& a, const ModelConfig& cfg) const override {
    const int64_t B = a.size(0), T = a.size(1), H = cfg.num_attention_heads, E = cfg.head_dim;
    at::Tensor qg = linear(a, w.get("self_attn.q_proj.weight"), w.optional("self_attn.q_proj.bias")).view({B, T, H, 2 * E});
    QKV p;
    p.q = qg.narrow(-1, 0, E).reshape({B, T, H * E});
    p.gate = qg.narrow(-1, E, E).reshape({B, T, H * E});
    p.k = linear(a, w.get("self_attn.k_proj.weight"), w.optional("self_attn.k_proj.bias"));
    p.v = linear(a, w.get("self_attn.v_proj.weight"), w.optional("self_attn.v_proj.bias"));
    return p;
  }

  void normalize_heads(const LayerWeights& w, at::Tensor& q, at::Tensor& k, const ModelConfig& cfg) const override {
    q = rms_norm_zero_centred(q, w.get("self_attn.q_norm.weight"), cfg.norm_eps);  // [B, H, T, E], over E
    k = rms_norm_zero_centred(k, w.get("self_attn.k_norm.weight"), cfg.norm_eps);
  }

  at::Tensor mix_tokens(const LayerWeights& w, const at::Tensor& a, const LayerContext& ctx) const override {
    return ctx.cfg.linear_attention.is_linear(ctx.layer) ? gated_deltanet(w, a, ctx) : self_attention(w, a, ctx);
  }

 private:
  static std::vector<TensorSpec> gated_attention_tensors(const ModelConfig& c) {
    const int64_t D = c.hidden_size;
    return {{"self_attn.q_proj.weight", {2 * c.q_dim(), D}}, {"self_attn.k_proj.weight", {c.kv_dim(), D}},
            {"self_attn.v_proj.weight", {c.kv_dim(), D}},    {"self_attn.o_proj.weight", {D, c.q_dim()}},
            {"self_attn.q_norm.weight", {c.head_dim}},       {"self_attn.k_norm.weight", {c.head_dim}}};
  }

  static std::vector<TensorSpec> deltanet_tensors(const ModelConfig& c) {
    const LinearAttentionConfig& L = c.linear_attention;
    const int64_t D = c.hidden_size, nv = L.num_value_heads;
    return {{"linear_attn.in_proj_qkvz.weight", {2 * L.key_dim() + 2 * L.value_dim(), D}},
            {"linear_attn.in_proj_ba.weight", {2 * nv, D}},
            {"linear_attn.conv1d.weight", {L.conv_dim(), 1, L.conv_kernel}},
            {"linear_attn.dt_bias", {nv}},
            {"linear_attn.A_log", {nv}},
            {"linear_attn.norm.weight", {L.value_head_dim}},
            {"linear_attn.out_proj.weight", {D, L.value_dim()}}};
  }

  // The Gated DeltaNet sublayer on its normed input a [B, T, D] -> [B, T, D].
  at::Tensor gated_deltanet(const LayerWeights& w, const at::Tensor& a, const LayerContext& ctx) const {
    const LinearAttentionConfig& L = ctx.cfg.linear_attention;
    const int64_t B = a.size(0), T = a.size(1), nk = L.num_key_heads, nv = L.num_value_heads, r = nv / nk;
    const int64_t dk = L.key_head_dim, dv = L.value_head_dim;
    // Per key-head group: q, k, v, z and b, a (fix_query_key_value_ordering).
    at::Tensor qkvz = owb::linear(a, w.get("linear_attn.in_proj_qkvz.weight")).view({B, T, nk, 2 * dk + 2 * r * dv});
    at::Tensor ba = owb::linear(a, w.get("linear_attn.in_proj_ba.weight")).view({B, T, nk, 2 * r});
    at::Tensor z = qkvz.narrow(-1, 2 * dk + r * dv, r * dv).reshape({B, T, nv, dv});
    at::Tensor b = ba.narrow(-1, 0, r).reshape({B, T, nv}), a_gate = ba.narrow(-1, r, r).reshape({B, T, nv});
    at::Tensor mixed = at::cat({qkvz.narrow(-1, 0, dk).reshape({B, T, nk * dk}), qkvz.narrow(-1, dk, dk).reshape({B, T, nk * dk}),
                                qkvz.narrow(-1, 2 * dk, r * dv).reshape({B, T, nv * dv})},
                               -1);
    DeltaNetState fresh;
    DeltaNetState& state = ctx.kv_cache ? ctx.kv_cache->recurrent_state() : fresh;
    mixed = causal_conv1d_silu(mixed, w.get("linear_attn.conv1d.weight"), &state);
    at::Tensor q = mixed.narrow(-1, 0, nk * dk).view({B, T, nk, dk});
    at::Tensor k = mixed.narrow(-1, nk * dk, nk * dk).view({B, T, nk, dk});
    at::Tensor v = mixed.narrow(-1, 2 * nk * dk, nv * dv).view({B, T, nv, dv});
    at::Tensor beta = at::sigmoid(b.to(at::kFloat));
    at::Tensor g = -w.get("linear_attn.A_log").to(at::kFloat).exp() *
                   at::softplus(a_gate.to(at::kFloat) + w.get("linear_attn.dt_bias").to(at::kFloat));
    if (r > 1) q = q.repeat_interleave(r, 2), k = k.repeat_interleave(r, 2);  // value head j reads key head j / r
    q = l2_normalize(q) / std::sqrt(static_cast<double>(dk));
    k = l2_normalize(k);
    at::Tensor o = gated_delta_rule_chunked(q, k, v, g, beta, state.memory).to(a.scalar_type());  // [B, T, nv, dv]
    if (ctx.kv_cache) ctx.kv_cache->advance(T);
    o = gated_rms_norm(o, w.get("linear_attn.norm.weight"), z, ctx.cfg.norm_eps).reshape({B, T, nv * dv});
    return owb::linear(o, w.get("linear_attn.out_proj.weight"));
  }
};

}  // namespace

std::unique_ptr<Family> make_qwen3_next_family() { return std::make_unique<Qwen3NextFamily>(); }

}  // namespace owb
