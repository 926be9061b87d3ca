#include "gated_deltanet.h"

#include "errors.h"

#include <limits>

namespace owb {

at::Tensor causal_conv1d_silu(const at::Tensor& x, const at::Tensor& weight, DeltaNetState* state) {
  const int64_t B = x.size(0), C = x.size(2), K = weight.size(2);
  if (weight.size(0) != C) throw InputError("Gated DeltaNet: conv1d weight has " + std::to_string(weight.size(0)) +
                                            " channels, the projections give " + std::to_string(C));
  at::Tensor past = state && state->conv.defined() ? state->conv.to(x.scalar_type()) : at::zeros({B, C, K - 1}, x.options());
  at::Tensor padded = at::cat({past, x.transpose(1, 2)}, 2);  // [B, C, K - 1 + T]: the window of every output
  if (state) state->conv = padded.narrow(2, padded.size(2) - (K - 1), K - 1).contiguous();
  const std::vector<int64_t> stride = {1}, padding = {0}, dilation = {1};
  at::Tensor out = at::conv1d(padded, weight.to(x.scalar_type()), at::Tensor(), stride, padding, dilation, /*groups=*/C);
  return at::silu(out).transpose(1, 2);
}

at::Tensor l2_normalize(const at::Tensor& x, double eps) {
  at::Tensor h = x.to(at::kFloat);
  return h * at::rsqrt(h.pow(2).sum(-1, /*keepdim=*/true) + eps);
}

namespace {

struct HeadsFirst {
  at::Tensor q, k, v, g, beta;  // [B, H, T, d] / [B, H, T], fp32
};

HeadsFirst heads_first(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& g, const at::Tensor& beta) {
  auto f = [](const at::Tensor& t) { return t.transpose(1, 2).to(at::kFloat).contiguous(); };
  return {f(q), f(k), f(v), f(g), f(beta)};
}

at::Tensor initial_memory(const HeadsFirst& x, const at::Tensor& memory) {
  if (memory.defined()) return memory.to(at::kFloat);
  return at::zeros({x.k.size(0), x.k.size(1), x.k.size(3), x.v.size(3)}, x.v.options());
}

}  // namespace

at::Tensor gated_delta_rule_recurrent(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& g,
                                      const at::Tensor& beta, at::Tensor& memory) {
  const HeadsFirst x = heads_first(q, k, v, g, beta);
  at::Tensor S = initial_memory(x, memory);  // [B, H, d_k, d_v]
  const int64_t T = x.q.size(2);
  std::vector<at::Tensor> out;
  out.reserve(static_cast<size_t>(T));
  for (int64_t t = 0; t < T; ++t) {
    at::Tensor k_t = x.k.select(2, t).unsqueeze(-2);  // [B, H, 1, d_k]
    S = S * x.g.select(2, t).exp().unsqueeze(-1).unsqueeze(-1);
    at::Tensor u = (x.v.select(2, t).unsqueeze(-2) - at::matmul(k_t, S)) * x.beta.select(2, t).unsqueeze(-1).unsqueeze(-1);
    S = S + at::matmul(k_t.transpose(-1, -2), u);                    // + k_t u_t^T
    out.push_back(at::matmul(x.q.select(2, t).unsqueeze(-2), S));  // q_t^T S_t, [B, H, 1, d_v]
  }
  memory = S;
  return at::cat(out, 2).transpose(1, 2);  // [B, T, H, d_v]
}

at::Tensor gated_delta_rule_chunked(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const at::Tensor& g,
                                    const at::Tensor& beta, at::Tensor& memory, int64_t chunk) {
  const HeadsFirst x = heads_first(q, k, v, g, beta);
  at::Tensor S = initial_memory(x, memory);
  const int64_t T = x.q.size(2);
  std::vector<at::Tensor> out;
  for (int64_t t0 = 0; t0 < T; t0 += chunk) {
    const int64_t n = std::min(chunk, T - t0);
    at::Tensor Q = x.q.narrow(2, t0, n), K = x.k.narrow(2, t0, n), V = x.v.narrow(2, t0, n);
    at::Tensor beta_c = x.beta.narrow(2, t0, n).unsqueeze(-1);  // [B, H, n, 1]
    at::Tensor G = x.g.narrow(2, t0, n).cumsum(-1);             // [B, H, n]
    at::Tensor lower = at::ones({n, n}, at::TensorOptions().dtype(at::kBool).device(Q.device())).tril();
    // e^{G_t - G_s} for s <= t, 0 above the diagonal (masked before exp: G_t - G_s > 0 there).
    at::Tensor decay = (G.unsqueeze(-1) - G.unsqueeze(-2)).masked_fill(lower.logical_not(), -std::numeric_limits<float>::infinity()).exp();
    at::Tensor A = (beta_c * at::matmul(K, K.transpose(-1, -2)) * decay).tril(-1);
    at::Tensor rhs = beta_c * (V - G.exp().unsqueeze(-1) * at::matmul(K, S));
    at::Tensor U = at::linalg_solve_triangular(A, rhs, /*upper=*/false, /*left=*/true, /*unitriangular=*/true);
    out.push_back(G.exp().unsqueeze(-1) * at::matmul(Q, S) + at::matmul(at::matmul(Q, K.transpose(-1, -2)) * decay, U));
    at::Tensor G_last = G.narrow(-1, n - 1, 1);  // [B, H, 1]
    S = G_last.exp().unsqueeze(-1) * S + at::matmul((K * (G_last - G).exp().unsqueeze(-1)).transpose(-1, -2), U);
  }
  memory = S;
  return at::cat(out, 2).transpose(1, 2);
}

at::Tensor gated_rms_norm(const at::Tensor& o, const at::Tensor& weight, const at::Tensor& z, double eps) {
  at::Tensor h = o.to(at::kFloat);
  h = (h * at::rsqrt(h.pow(2).mean(-1, /*keepdim=*/true) + eps)).to(o.scalar_type()) * weight;
  return (h.to(at::kFloat) * at::silu(z.to(at::kFloat))).to(o.scalar_type());
}

}  // namespace owb
