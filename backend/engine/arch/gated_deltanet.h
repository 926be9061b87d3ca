#pragma once
// The Gated DeltaNet token mixer (Yang, Kautz & Hatamizadeh 2024, "Gated Delta Networks:
// Improving Mamba2 with Delta Rule", eq. 10), the linear attention of Qwen3-Next, written once:
//   conv:    x = silu(causal depthwise conv1d over positions, kernel K) of the q, k, v projections
//   q, k:    L2-normalised per head (eps 1e-6, as FLA's kernels), q scaled by 1/sqrt(d_k)
//   decay:   g_t = -exp(A_log) * softplus(a_t + dt_bias) <= 0,  beta_t = sigmoid(b_t)  (per value head)
//   state:   S_t = e^{g_t} S_{t-1} + k_t u_t^T,  u_t = beta_t (v_t - e^{g_t} S_{t-1}^T k_t)   S: [d_k, d_v]
//   output:  o_t = S_t^T q_t,  then y = rms_norm(o) * w * silu(z) per head over d_v
// The recurrence is computed two ways, in fp32 as transformers does:
//  - gated_delta_rule_recurrent: token by token, exactly the formula above;
//  - gated_delta_rule_chunked (what the engine runs): chunks of C positions at once. Within a
//    chunk, with G_t = sum_{s<=t} g_s (cumulative log decay) and S_0 the state entering it,
//    unrolling gives   (I + A) U = beta * (V - e^{G} * (K S_0)),  A[t,s] = beta_t e^{G_t - G_s} k_t.k_s (s < t)
//    (one unit lower-triangular solve for all u_t of the chunk), then
//      O = e^{G} * (Q S_0) + tril(Q K^T * e^{G_t - G_s}) U,    S_C = e^{G_C} S_0 + (K * e^{G_C - G})^T U.
//    Chunks of 64 make a 2048-token pass a few dozen batched GEMMs instead of 2048 steps.
// Both continue from and update a DeltaNetState, so incremental decoding needs no keys: the last
// K-1 conv inputs and the [d_k, d_v] state per head are the whole memory of the past.
#include <ATen/ATen.h>

namespace owb {

struct DeltaNetState {
  at::Tensor conv;    // [B, C, K-1] the conv inputs of the last K-1 positions (undefined: none yet)
  at::Tensor memory;  // [B, H, d_k, d_v] fp32 (undefined: zero)
};

// x [B, T, C] -> silu(conv) [B, T, C] with weight [C, 1, K] (no bias); the positions before x
// come from state->conv (zeros when undefined), which is updated when state is given.
at::Tensor causal_conv1d_silu(const at::Tensor& x, const at::Tensor& weight, DeltaNetState* state);

// x [..., d] / sqrt(sum x^2 + eps) in fp32.
at::Tensor l2_normalize(const at::Tensor& x, double eps = 1e-6);

// q, k [B, T, H, d_k] (normalised, q scaled), v [B, T, H, d_v], g, beta [B, T, H] -> o [B, T, H, d_v]
// fp32. memory: the state entering (undefined: zero); set to the state after the last position.
at::Tensor gated_delta_rule_recurrent(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& g,
                                      const at::Tensor& beta, at::Tensor& memory);
at::Tensor gated_delta_rule_chunked(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& g,
                                    const at::Tensor& beta, at::Tensor& memory, int64_t chunk = 64);

// Qwen3-Next's gated RMSNorm over the last dim: (norm(o) in fp32, cast) * w, times silu(z) in fp32, cast.
at::Tensor gated_rms_norm(const at::Tensor& o, const at::Tensor& weight, const at::Tensor& z, double eps);

}  // namespace owb
