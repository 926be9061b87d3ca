#pragma once
// The shared pieces every family is built from, written once: norms, rotary embeddings,
// causal attention (GQA, sliding window, sinks) computed in query tiles, and MLPs.
// Shapes in comments: B batch, T positions, D hidden, H query heads, K kv heads, E head_dim.
#include "matmul.h"
#include "model_config.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <optional>

namespace owb {

// y = w * norm(x) with the statistics in fp32 (Llama: cast back before scaling by w).
at::Tensor rms_norm(const at::Tensor& x, const at::Tensor& weight, double eps);
// OLMo2 / gpt-oss style: the weight multiplies in fp32, then the result is cast.
at::Tensor rms_norm_fp32_scale(const at::Tensor& x, const at::Tensor& weight, double eps);
// Qwen3-Next's zero-centred RMSNorm: y = norm(x) * (1 + w), all in fp32, then cast.
at::Tensor rms_norm_zero_centred(const at::Tensor& x, const at::Tensor& weight, double eps);
// LayerNorm in fp32; weight and bias optional (OLMo's is non-parametric).
at::Tensor layer_norm(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps);

// a + b for the residual stream (one fused pass on the CPU).
at::Tensor residual_add(const at::Tensor& a, const at::Tensor& b);

// cos/sin tables for positions 0..T-1 over the rotating part of a head, already multiplied by
// the rope type's attention scaling and cast to the activation dtype.   [T, rot_dim]
struct RotaryTables {
  at::Tensor cos;
  at::Tensor sin;
  int64_t rot_dim = 0;
};
RotaryTables make_rotary_tables(const ModelConfig& cfg, int64_t positions, at::ScalarType dtype, const at::Device& device);
// Inverse frequencies after the rope_scaling transform (linear, dynamic, yarn, llama3); exposed for tests.
at::Tensor rope_inverse_frequencies(const RopeConfig& rope, int64_t rot_dim, int64_t max_position_embeddings,
                                    int64_t positions, double* attention_scaling);
// Rotate-half (non-interleaved) rotation of the first rot_dim dims of each head.  x: [B, H, T, E]
at::Tensor apply_rotary(const at::Tensor& x, const RotaryTables& rope);

struct AttentionOptions {
  int64_t window = 0;       // 0: full causal; W: key j visible to query i iff i - W < j <= i
  at::Tensor sinks;         // [H] per-head sink logit, or undefined
  int64_t query_tile = 256; // queries per tile, so the T x T score matrix never exists whole
  int64_t query_offset = 0; // position of the first query: P when P positions are cached
};
// The first key that queries q0 and later can see: 0, or the window's start for query q0.
inline int64_t first_visible_key(int64_t q0, int64_t window) { return window > 0 ? std::max<int64_t>(0, q0 - window + 1) : 0; }

// Causal scaled dot-product attention.  q: [B, H, T, E], k, v: [B, K, P + T, E] -> [B, T, H*E]
// where P = query_offset: keys cover positions 0 .. P+T-1, query t sits at position P + t.
at::Tensor causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const AttentionOptions& opt);

// [B, T, H*E] -> [B, H, T, E]
at::Tensor split_heads(const at::Tensor& x, int64_t heads, int64_t head_dim);

at::Tensor activation(const std::string& hidden_act, const at::Tensor& x);
// act(gate) * up, the gated MLP's inner product (one fused pass for silu on the CPU).
at::Tensor gated_activation(const std::string& hidden_act, const at::Tensor& gate, const at::Tensor& up);

}  // namespace owb
