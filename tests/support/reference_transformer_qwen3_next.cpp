// The float64 reference of Qwen3-Next, written from modeling_qwen3_next.py (Qwen3NextDecoderLayer,
// Qwen3NextAttention, Qwen3NextGatedDeltaNet with torch_recurrent_gated_delta_rule,
// Qwen3NextRMSNorm / Qwen3NextRMSNormGated), one token and one value head at a time: the delta
// rule as its recurrence, the short convolution as a sum over the kernel's window. Nothing here
// calls the engine's gated_deltanet.h.
#include "reference_transformer.h"

#include <cmath>

namespace owb::test {

namespace {

// Qwen3NextRMSNorm: x / sqrt(mean x^2 + eps) * (1 + w).
at::Tensor zero_centred_rms(const at::Tensor& x, const at::Tensor& weight, double eps) {
  return x / at::sqrt(x.pow(2).mean({-1}, true) + eps) * (1.0 + weight);
}

at::Tensor project(const at::Tensor& x, const at::Tensor& weight) { return at::matmul(x, weight.t()); }

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double softplus(double x) { return x > 20 ? x : std::log1p(std::exp(x)); }  // F.softplus, threshold 20

}  // namespace

at::Tensor ReferenceTransformer::qwen3_next_layer(int64_t i, const at::Tensor& x, ReferenceLayerHooks& hooks) const {
  const std::string p = "model.layers." + std::to_string(i) + ".";
  hooks.ln_attn = zero_centred_rms(x, w(p + "input_layernorm.weight"), cfg_.eps);
  at::Tensor mixed = cfg_.linear[i] ? gated_deltanet(i, hooks.ln_attn) : qwen3_next_attention(i, hooks.ln_attn);
  at::Tensor h = x + mixed;
  hooks.ln_mlp = zero_centred_rms(h, w(p + "post_attention_layernorm.weight"), cfg_.eps);
  at::Tensor mlp_out = cfg_.sparse[i] ? moe_mlp(i, hooks.ln_mlp, hooks) : swiglu_mlp(p + "mlp.", hooks.ln_mlp, hooks);
  hooks.resid_post = h + mlp_out;
  return hooks.resid_post;
}

// Gated attention: q_proj yields per head [query | gate]; q_norm / k_norm per head, rotary, eager
// attention, output * sigmoid(gate), o_proj.
at::Tensor ReferenceTransformer::qwen3_next_attention(int64_t i, const at::Tensor& a) const {
  const std::string p = "model.layers." + std::to_string(i) + ".self_attn.";
  const int64_t B = a.size(0), T = a.size(1), H = cfg_.heads, K = cfg_.kv_heads, E = cfg_.head_dim;
  at::Tensor qg = project(a, w(p + "q_proj.weight")).reshape({B, T, H, 2 * E});
  at::Tensor q = qg.narrow(-1, 0, E).permute({0, 2, 1, 3});
  at::Tensor gate = qg.narrow(-1, E, E).reshape({B, T, H * E});
  at::Tensor k = project(a, w(p + "k_proj.weight")).reshape({B, T, K, E}).permute({0, 2, 1, 3});
  at::Tensor v = project(a, w(p + "v_proj.weight")).reshape({B, T, K, E}).permute({0, 2, 1, 3});
  q = zero_centred_rms(q, w(p + "q_norm.weight"), cfg_.eps);
  k = zero_centred_rms(k, w(p + "k_norm.weight"), cfg_.eps);
  at::Tensor out = attend(rotate(q, T), rotate(k, T), v, 0) * at::sigmoid(gate);
  return project(out, w(p + "o_proj.weight"));
}

// Gated DeltaNet, token by token. Projections are grouped per key head g:
//   in_proj_qkvz: [q_g (dk) | k_g (dk) | v of value heads g*r .. g*r+r-1 (r dv) | z of those (r dv)]
//   in_proj_ba:   [b of those value heads (r) | a of those (r)]
// The conv runs over the channels [all q | all k | all v] (that order, as mixed_qkv is built).
at::Tensor ReferenceTransformer::gated_deltanet(int64_t i, const at::Tensor& a) const {
  const std::string p = "model.layers." + std::to_string(i) + ".linear_attn.";
  const int64_t B = a.size(0), T = a.size(1), nk = cfg_.lin_key_heads, nv = cfg_.lin_value_heads;
  const int64_t dk = cfg_.lin_key_dim, dv = cfg_.lin_value_dim, r = nv / nk, Kc = cfg_.conv_kernel;
  const int64_t group = 2 * dk + 2 * r * dv, C = 2 * nk * dk + nv * dv;
  const at::Tensor qkvz = project(a, w(p + "in_proj_qkvz.weight")), ba = project(a, w(p + "in_proj_ba.weight"));
  const at::Tensor& conv_w = w(p + "conv1d.weight");  // [C, 1, Kc]
  const at::Tensor &A_log = w(p + "A_log"), &dt_bias = w(p + "dt_bias"), &norm_w = w(p + "norm.weight");
  // Channels before the conv: [B, T, C]; z [B, T, nv, dv]; b, a [B, T, nv].
  at::Tensor channels = at::zeros({B, T, C}, at::kDouble), z = at::zeros({B, T, nv, dv}, at::kDouble);
  at::Tensor b_in = at::zeros({B, T, nv}, at::kDouble), a_in = at::zeros({B, T, nv}, at::kDouble);
  for (int64_t g = 0; g < nk; ++g) {
    const at::Tensor part = qkvz.narrow(-1, g * group, group);
    channels.narrow(-1, g * dk, dk).copy_(part.narrow(-1, 0, dk));
    channels.narrow(-1, nk * dk + g * dk, dk).copy_(part.narrow(-1, dk, dk));
    for (int64_t j = 0; j < r; ++j) {
      const int64_t h = g * r + j;
      channels.narrow(-1, 2 * nk * dk + h * dv, dv).copy_(part.narrow(-1, 2 * dk + j * dv, dv));
      z.select(2, h).copy_(part.narrow(-1, 2 * dk + r * dv + j * dv, dv));
      b_in.select(2, h).copy_(ba.select(-1, g * 2 * r + j));
      a_in.select(2, h).copy_(ba.select(-1, g * 2 * r + r + j));
    }
  }
  at::Tensor out = at::zeros({B, T, nv * dv}, at::kDouble);
  for (int64_t b = 0; b < B; ++b) {
    std::vector<at::Tensor> state(static_cast<size_t>(nv));  // [dk, dv] per value head
    for (auto& s : state) s = at::zeros({dk, dv}, at::kDouble);
    for (int64_t t = 0; t < T; ++t) {
      // Causal depthwise conv: output t sees inputs t-Kc+1 .. t (zeros before the start), then silu.
      at::Tensor c = at::zeros({C}, at::kDouble);
      for (int64_t j = 0; j < Kc; ++j) {
        const int64_t src = t - (Kc - 1) + j;
        if (src >= 0) c = c + conv_w.select(1, 0).select(1, j) * channels[b][src];
      }
      c = c * at::sigmoid(c);
      for (int64_t h = 0; h < nv; ++h) {
        const int64_t g = h / r;  // value head h reads key head h / r (repeat_interleave)
        at::Tensor q = c.narrow(0, g * dk, dk), k = c.narrow(0, nk * dk + g * dk, dk), v = c.narrow(0, 2 * nk * dk + h * dv, dv);
        q = q / at::sqrt(q.pow(2).sum() + 1e-6) / std::sqrt(static_cast<double>(dk));  // l2norm, then the 1/sqrt(dk) scale
        k = k / at::sqrt(k.pow(2).sum() + 1e-6);
        const double decay = std::exp(-std::exp(A_log[h].item<double>()) *
                                      softplus(a_in[b][t][h].item<double>() + dt_bias[h].item<double>()));
        const double beta = sigmoid(b_in[b][t][h].item<double>());
        at::Tensor& S = state[h];
        S = S * decay;
        at::Tensor delta = (v - at::matmul(k, S)) * beta;  // v_t - S^T k_t, scaled
        S = S + at::outer(k, delta);
        at::Tensor o = at::matmul(q, S);  // S^T q_t   [dv]
        // Qwen3NextRMSNormGated: norm, weight, times silu(z).
        const at::Tensor zt = z[b][t][h];
        o = o / at::sqrt(o.pow(2).mean() + cfg_.eps) * norm_w * (zt * at::sigmoid(zt));
        out[b][t].narrow(0, h * dv, dv).copy_(o);
      }
    }
  }
  return project(out, w(p + "out_proj.weight"));
}

}  // namespace owb::test
