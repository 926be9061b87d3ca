#include "blocks.h"

#include "cpu_attention.h"
#include "cpu_kernels.h"
#include "errors.h"

#include <cmath>

namespace owb {

namespace {
// The fused CPU loops serve x when they can read it and the weight (if any) lives beside it.
bool fused(const at::Tensor& x, const at::Tensor& weight = at::Tensor()) {
  return fused_cpu_kernels_apply(x) && (!weight.defined() || weight.device() == x.device());
}
}  // namespace

at::Tensor rms_norm(const at::Tensor& x, const at::Tensor& weight, double eps) {
  if (fused(x, weight)) return fused_rms_norm(x, weight, eps, /*weight_after_cast=*/true);
  at::Tensor h = x.to(at::kFloat);
  h = h * at::rsqrt(h.pow(2).mean(-1, /*keepdim=*/true) + eps);
  return weight.defined() ? weight * h.to(x.scalar_type()) : h.to(x.scalar_type());
}

at::Tensor rms_norm_fp32_scale(const at::Tensor& x, const at::Tensor& weight, double eps) {
  if (fused(x, weight)) return fused_rms_norm(x, weight, eps, /*weight_after_cast=*/false);
  at::Tensor h = x.to(at::kFloat);
  h = h * at::rsqrt(h.pow(2).mean(-1, /*keepdim=*/true) + eps);
  return (weight.to(at::kFloat) * h).to(x.scalar_type());
}

at::Tensor rms_norm_zero_centred(const at::Tensor& x, const at::Tensor& weight, double eps) {
  at::Tensor h = x.to(at::kFloat);
  h = h * at::rsqrt(h.pow(2).mean(-1, /*keepdim=*/true) + eps);
  return (h * (weight.to(at::kFloat) + 1.0)).to(x.scalar_type());
}

at::Tensor layer_norm(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps) {
  at::Tensor w = weight.defined() ? weight.to(at::kFloat) : at::Tensor();
  at::Tensor b = bias.defined() ? bias.to(at::kFloat) : at::Tensor();
  return at::layer_norm(x.to(at::kFloat), {x.size(-1)}, w, b, eps).to(x.scalar_type());
}

at::Tensor residual_add(const at::Tensor& a, const at::Tensor& b) {
  if (fused(a) && fused(b) && a.sizes() == b.sizes() && a.scalar_type() == b.scalar_type()) return fused_add(a, b);
  return a + b;
}

namespace {

// Correction range of YaRN (Peng et al. 2023, eq. 17-18): which frequency dims interpolate.
double yarn_correction_dim(double rotations, int64_t dim, double base, double max_pos) {
  return (dim * std::log(max_pos / (rotations * 2 * M_PI))) / (2 * std::log(base));
}

double yarn_mscale(double scale, double mscale) { return scale <= 1 ? 1.0 : 0.1 * mscale * std::log(scale) + 1.0; }

at::Tensor yarn_inverse_frequencies(const RopeConfig& r, int64_t dim, int64_t max_pos, double* scaling) {
  double orig = r.original_max_position_embeddings > 0 ? r.original_max_position_embeddings : max_pos;
  auto idx = at::arange(0, dim, 2, at::kDouble) / static_cast<double>(dim);
  at::Tensor pos_freqs = at::pow(r.theta, idx);
  at::Tensor extrapolation = 1.0 / pos_freqs;
  at::Tensor interpolation = 1.0 / (r.factor * pos_freqs);
  double low = yarn_correction_dim(r.beta_fast, dim, r.theta, orig);
  double high = yarn_correction_dim(r.beta_slow, dim, r.theta, orig);
  if (r.truncate) low = std::floor(low), high = std::ceil(high);
  low = std::max(low, 0.0);
  high = std::min(high, static_cast<double>(dim - 1));
  if (low == high) high += 0.001;
  at::Tensor ramp = ((at::arange(dim / 2, at::kDouble) - low) / (high - low)).clamp(0, 1);
  at::Tensor extrapolation_share = 1 - ramp;
  if (r.attention_factor) {
    *scaling = *r.attention_factor;
  } else if (r.mscale && r.mscale_all_dim && *r.mscale != 0 && *r.mscale_all_dim != 0) {
    *scaling = yarn_mscale(r.factor, *r.mscale) / yarn_mscale(r.factor, *r.mscale_all_dim);
  } else {
    *scaling = yarn_mscale(r.factor, 1.0);
  }
  return interpolation * (1 - extrapolation_share) + extrapolation * extrapolation_share;
}

// Llama 3.1 frequency-dependent scaling: long wavelengths divide by factor, short ones stay,
// the band between is blended.
at::Tensor llama3_inverse_frequencies(const RopeConfig& r, const at::Tensor& inv) {
  double orig = static_cast<double>(r.original_max_position_embeddings > 0 ? r.original_max_position_embeddings : 8192);
  double low_wavelen = orig / r.low_freq_factor;
  double high_wavelen = orig / r.high_freq_factor;
  at::Tensor wavelen = 2 * M_PI / inv;
  at::Tensor scaled = at::where(wavelen > low_wavelen, inv / r.factor, inv);
  at::Tensor smooth = (orig / wavelen - r.low_freq_factor) / (r.high_freq_factor - r.low_freq_factor);
  at::Tensor blended = (1 - smooth) * scaled / r.factor + smooth * scaled;
  at::Tensor medium = (wavelen >= high_wavelen).logical_and(wavelen <= low_wavelen);
  return at::where(medium, blended, scaled);
}

}  // namespace

at::Tensor rope_inverse_frequencies(const RopeConfig& r, int64_t dim, int64_t max_pos, int64_t positions,
                                    double* attention_scaling) {
  *attention_scaling = 1.0;
  double base = r.theta;
  if (r.type == "yarn") return yarn_inverse_frequencies(r, dim, max_pos, attention_scaling);
  if (r.type == "dynamic" && positions > max_pos) {
    // NTK-aware dynamic scaling recomputes the base from the current length.
    base = base * std::pow(r.factor * positions / max_pos - (r.factor - 1), static_cast<double>(dim) / (dim - 2));
  }
  at::Tensor inv = 1.0 / at::pow(base, at::arange(0, dim, 2, at::kDouble) / static_cast<double>(dim));
  if (r.type == "linear") inv = inv / r.factor;
  if (r.type == "llama3") inv = llama3_inverse_frequencies(r, inv);
  return inv;
}

RotaryTables make_rotary_tables(const ModelConfig& cfg, int64_t positions, at::ScalarType dtype, const at::Device& device) {
  RotaryTables t;
  t.rot_dim = static_cast<int64_t>(cfg.head_dim * cfg.rope.partial_rotary_factor);
  t.rot_dim -= t.rot_dim % 2;
  if (t.rot_dim == 0) return t;
  double scaling = 1.0;
  at::Tensor inv = rope_inverse_frequencies(cfg.rope, t.rot_dim, cfg.max_position_embeddings, positions, &scaling)
                       .to(at::kFloat);
  at::Tensor pos = at::arange(positions, at::kFloat);
  at::Tensor freqs = at::outer(pos, inv);
  at::Tensor emb = at::cat({freqs, freqs}, -1);
  t.cos = (emb.cos() * scaling).to(device, dtype);
  t.sin = (emb.sin() * scaling).to(device, dtype);
  return t;
}

at::Tensor apply_rotary(const at::Tensor& x, const RotaryTables& rope) {
  if (rope.rot_dim == 0) return x;
  if (x.dim() == 4 && fused(x, rope.cos)) return fused_rotary(x, rope.cos, rope.sin, rope.rot_dim);
  int64_t T = x.size(2);
  at::Tensor cos = rope.cos.narrow(0, 0, T);
  at::Tensor sin = rope.sin.narrow(0, 0, T);
  at::Tensor rot = x.narrow(-1, 0, rope.rot_dim);
  int64_t half = rope.rot_dim / 2;
  at::Tensor rotated_half = at::cat({-rot.narrow(-1, half, half), rot.narrow(-1, 0, half)}, -1);
  at::Tensor out = rot * cos + rotated_half * sin;
  if (rope.rot_dim == x.size(-1)) return out;
  return at::cat({out, x.narrow(-1, rope.rot_dim, x.size(-1) - rope.rot_dim)}, -1);
}

at::Tensor split_heads(const at::Tensor& x, int64_t heads, int64_t head_dim) {
  return x.view({x.size(0), x.size(1), heads, head_dim}).transpose(1, 2);
}

namespace {

// Visible keys for queries q0..q1-1 among keys k0..k1-1: causal, within the window.   [n, m]
at::Tensor visibility_mask(int64_t q0, int64_t q1, int64_t k0, int64_t k1, int64_t window, const at::Device& device) {
  at::Tensor qi = at::arange(q0, q1, at::TensorOptions().dtype(at::kLong).device(device)).unsqueeze(1);
  at::Tensor kj = at::arange(k0, k1, at::TensorOptions().dtype(at::kLong).device(device)).unsqueeze(0);
  at::Tensor visible = kj <= qi;
  if (window > 0) visible = visible.logical_and(kj > qi - window);
  return visible;
}

}  // namespace

at::Tensor causal_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, const AttentionOptions& opt) {
  const int64_t B = q.size(0), H = q.size(1), T = q.size(2), E = q.size(3), K = k.size(1), G = H / K;
  const int64_t P = opt.query_offset;
  if (P < 0 || k.size(2) != P + T || v.size(2) != P + T)
    throw InputError("attention: keys/values cover " + std::to_string(k.size(2)) + " positions, expected " +
                     std::to_string(P) + " cached + " + std::to_string(T) + " new");
  if (attention_in_cache_tiles_applies(q, k, v, opt)) return attention_in_cache_tiles(q, k, v, opt);
  // The GPU's path, and the CPU's while autograd records (fine-tuning).
  const double scale = 1.0 / std::sqrt(static_cast<double>(E));
  at::Tensor qg = q.reshape({B, K, G, T, E});
  std::vector<at::Tensor> tiles;
  for (int64_t t0 = 0; t0 < T; t0 += opt.query_tile) {
    // Queries t0 .. t0+n-1 of this call sit at positions q0 .. q0+n-1 among the keys.
    int64_t n = std::min(opt.query_tile, T - t0), q0 = P + t0;
    int64_t k0 = first_visible_key(q0, opt.window), k1 = q0 + n, m = k1 - k0;
    at::Tensor qt = qg.narrow(3, t0, n).reshape({B, K, G * n, E});
    at::Tensor kt = k.narrow(2, k0, m), vt = v.narrow(2, k0, m);
    at::Tensor scores = owb::matmul(qt, kt.transpose(-1, -2)).contiguous().view({B, K, G, n, m});
    scores.mul_(scale);
    at::Tensor visible = visibility_mask(q0, k1, k0, k1, opt.window, q.device());
    scores = scores.masked_fill(visible.logical_not(), -std::numeric_limits<float>::infinity());
    at::Tensor probs;
    if (opt.sinks.defined()) {
      // gpt-oss: a learned per-head logit joins the softmax and is dropped after it.
      at::Tensor sink = opt.sinks.to(scores.scalar_type()).view({1, K, G, 1, 1}).expand({B, K, G, n, 1});
      probs = at::softmax(at::cat({scores, sink}, -1), -1, at::kFloat).narrow(-1, 0, m).to(q.scalar_type());
    } else {
      probs = at::softmax(scores, -1, at::kFloat).to(q.scalar_type());
    }
    tiles.push_back(owb::matmul(probs.view({B, K, G * n, m}), vt).view({B, K, G, n, E}));
  }
  at::Tensor out = tiles.size() == 1 ? tiles[0] : at::cat(tiles, 3);  // [B, K, G, T, E]
  return out.view({B, H, T, E}).transpose(1, 2).reshape({B, T, H * E});
}

at::Tensor gated_activation(const std::string& act, const at::Tensor& gate, const at::Tensor& up) {
  if ((act == "silu" || act == "swish") && fused(gate, up) && gate.sizes() == up.sizes() &&
      gate.scalar_type() == up.scalar_type())
    return fused_silu_mul(gate, up);
  return activation(act, gate).mul_(up);
}

at::Tensor activation(const std::string& act, const at::Tensor& x) {
  if (act == "silu" || act == "swish") return at::silu(x);
  if (act == "gelu") return at::gelu(x);
  if (act == "gelu_new" || act == "gelu_pytorch_tanh" || act == "gelu_fast") return at::gelu(x, "tanh");
  if (act == "relu") return at::relu(x);
  throw InputError("config.json: unsupported hidden_act \"" + act + "\" (supported: silu, gelu, gelu_new, gelu_pytorch_tanh, relu)");
}

}  // namespace owb
