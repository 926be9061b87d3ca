#pragma once
// The Llama decoder block, step by step, as the default every llama-like family refines:
//   a = ln_attn(x);  x = x + o_proj(attention(rope(q(a)), rope(k(a)), v(a)))
//   m = ln_mlp(x);   x = x + down(act(gate(m)) * up(m))
// A family overrides only the steps where it differs.
#include "family.h"

namespace owb {

struct QKV {
  at::Tensor q, k, v;  // [B, T, H*E], [B, T, K*E], [B, T, K*E] before any head split
  at::Tensor gate;     // [B, T, H*E]: attention output *= sigmoid(gate) before o_proj (Qwen3-Next), or undefined
};

class DecoderFamily : public Family {
 public:
  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& cfg) const override;
  at::Tensor forward_layer(const LayerWeights& w, const at::Tensor& hidden, const LayerContext& ctx) const override;

 protected:
  // The Llama block's projections and MLP with their shapes (shared by every llama-like family).
  static std::vector<TensorSpec> attention_and_mlp_tensors(const ModelConfig& cfg);
  static std::vector<TensorSpec> attention_tensors(const ModelConfig& cfg);
  // prefix{gate,up,down}_proj.weight of a gated MLP of width `inter`.
  static std::vector<TensorSpec> gated_mlp_tensors(const ModelConfig& cfg, int64_t inter, const std::string& prefix);
  virtual at::Tensor norm_attn(const LayerWeights& w, const at::Tensor& x, const ModelConfig& cfg) const;
  virtual at::Tensor norm_mlp(const LayerWeights& w, const at::Tensor& x, const ModelConfig& cfg) const;
  virtual QKV project_qkv(const LayerWeights& w, const at::Tensor& a, const ModelConfig& cfg) const;
  // Qwen3-style QK norm (Qwen3, Qwen3-MoE, GLM-4.5 with use_qk_norm): an RMSNorm over head_dim
  // on every query and key head, before rotary; its two weights and the step itself.
  static std::vector<TensorSpec> head_qk_norm_tensors(const ModelConfig& cfg);
  static void head_qk_rms_norm(const LayerWeights& w, at::Tensor& q, at::Tensor& k, const ModelConfig& cfg);
  // Per-head steps on [B, H, T, E] before rotary (Qwen3's QK norm).
  virtual void normalize_heads(const LayerWeights& w, at::Tensor& q, at::Tensor& k, const ModelConfig& cfg) const;
  virtual at::Tensor attention_sinks(const LayerWeights& w) const { return at::Tensor(); }
  virtual at::Tensor mlp(const LayerWeights& w, const at::Tensor& m, const LayerContext& ctx) const;
  // The sublayer that mixes positions, on its normed input: self-attention, or (Qwen3-Next) a
  // Gated DeltaNet on some layers.
  virtual at::Tensor mix_tokens(const LayerWeights& w, const at::Tensor& a, const LayerContext& ctx) const {
    return self_attention(w, a, ctx);
  }

  // The attention sublayer on its (normed) input a: [B, T, D] -> [B, T, D].
  at::Tensor self_attention(const LayerWeights& w, const at::Tensor& a, const LayerContext& ctx) const;
  // down(act(gate(m)) * up(m)) with the down_in / down_out hook points.
  at::Tensor gated_mlp(const LayerWeights& w, const at::Tensor& m, const LayerContext& ctx, const std::string& prefix) const;
};

}  // namespace owb
