#include "reference_transformer.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace owb::test {

using nlohmann::json;

namespace {

template <typename T>
T get_or(const json& j, const char* key, T fallback) {
  return j.contains(key) && !j[key].is_null() ? j[key].get<T>() : fallback;
}

// Plain formulas, fp64 throughout.
at::Tensor rms(const at::Tensor& x, const at::Tensor& weight, double eps) {
  return x / at::sqrt(x.pow(2).mean({-1}, true) + eps) * weight;
}

at::Tensor layer_norm(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, double eps) {
  at::Tensor centred = x - x.mean({-1}, true);
  at::Tensor y = centred / at::sqrt(centred.pow(2).mean({-1}, true) + eps);
  if (weight.defined()) y = y * weight;
  if (bias.defined()) y = y + bias;
  return y;
}

at::Tensor dense(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias = at::Tensor()) {
  at::Tensor y = at::matmul(x, weight.t());
  return bias.defined() ? y + bias : y;
}

// [B, T, H*E] -> [B, H, T, E]
at::Tensor heads_first(const at::Tensor& x, int64_t heads, int64_t head_dim) {
  return x.reshape({x.size(0), x.size(1), heads, head_dim}).permute({0, 2, 1, 3});
}

}  // namespace

ReferenceTransformer::Config ReferenceTransformer::read_config(const std::string& dir) {
  std::ifstream in((std::filesystem::path(dir) / "config.json").string());
  if (!in) throw std::runtime_error("reference: cannot read config.json in " + dir);
  json j = json::parse(in);
  Config c;
  c.model_type = j.at("model_type").get<std::string>();
  const bool neox = c.model_type == "gpt_neox";
  c.hidden = j.at("hidden_size").get<int64_t>();
  c.layers = j.at("num_hidden_layers").get<int64_t>();
  c.heads = j.at("num_attention_heads").get<int64_t>();
  c.vocab = j.at("vocab_size").get<int64_t>();
  c.intermediate = get_or<int64_t>(j, "intermediate_size", neox ? 24576 : 11008);
  c.kv_heads = neox ? c.heads : get_or<int64_t>(j, "num_key_value_heads", c.heads);
  const bool next = c.model_type == "qwen3_next";  // configuration_qwen3_next defaults: head_dim 256, rotary 0.25
  c.head_dim = neox ? c.hidden / c.heads : get_or<int64_t>(j, "head_dim", next ? 256 : c.hidden / c.heads);
  c.max_position_embeddings = get_or<int64_t>(j, "max_position_embeddings", 2048);
  c.tie_word_embeddings = get_or<bool>(j, "tie_word_embeddings", false);
  c.rope_scaling = j.contains("rope_scaling") ? j["rope_scaling"] : json();
  if (neox) {
    c.eps = get_or<double>(j, "layer_norm_eps", 1e-5);
    c.rope_theta = get_or<double>(j, "rotary_emb_base", get_or<double>(j, "rope_theta", 10000.0));
    c.partial_rotary = get_or<double>(j, "rotary_pct", get_or<double>(j, "partial_rotary_factor", 0.25));
    c.hidden_act = get_or<std::string>(j, "hidden_act", "gelu");
    c.parallel_residual = get_or<bool>(j, "use_parallel_residual", true);
    c.attention_bias = get_or<bool>(j, "attention_bias", true);
  } else {
    c.eps = c.model_type == "olmo" ? 1e-5 : get_or<double>(j, "rms_norm_eps", c.model_type == "olmo2" ? 1e-5 : 1e-6);
    c.rope_theta = get_or<double>(j, "rope_theta", 10000.0);
    c.partial_rotary = get_or<double>(j, "partial_rotary_factor", next ? 0.25 : 1.0);
    c.hidden_act = get_or<std::string>(j, "hidden_act", "silu");
    c.attention_bias = get_or<bool>(j, "attention_bias", false);
    c.mlp_bias = get_or<bool>(j, "mlp_bias", false);
    c.clip_qkv = get_or<double>(j, "clip_qkv", 0.0);
  }
  // MoE (configuration_olmoe / _mixtral / _qwen2_moe / _qwen3_moe).
  c.sparse.assign(static_cast<size_t>(c.layers), false);
  const std::string& t = c.model_type;
  if (t == "gpt_oss") {  // configuration_gpt_oss / modeling_gpt_oss
    c.experts = j.at("num_local_experts").get<int64_t>();
    c.top_k = j.contains("num_experts_per_tok") ? j["num_experts_per_tok"].get<int64_t>() : j.at("experts_per_token").get<int64_t>();
    c.swiglu_limit = get_or<double>(j, "swiglu_limit", 7.0);
    // transformers reads the expert layout from quantization_config (Mxfp4HfQuantizer).
    c.gpt_oss_mxfp4 = j.contains("quantization_config") && j["quantization_config"].is_object() &&
                      get_or<std::string>(j["quantization_config"], "quant_method", "") == "mxfp4";
    c.sparse.assign(static_cast<size_t>(c.layers), true);
  }
  if (t == "glm4_moe") {  // configuration_glm4_moe / modeling_glm4_moe
    c.experts = j.at("n_routed_experts").get<int64_t>();
    c.top_k = j.at("num_experts_per_tok").get<int64_t>();
    c.norm_topk_prob = get_or<bool>(j, "norm_topk_prob", true);
    c.sigmoid_router = true;
    c.routed_scaling_factor = get_or<double>(j, "routed_scaling_factor", 1.0);
    c.n_group = get_or<int64_t>(j, "n_group", 1);
    c.topk_group = get_or<int64_t>(j, "topk_group", 1);
    c.qk_norm = get_or<bool>(j, "use_qk_norm", false);
    for (int64_t i = get_or<int64_t>(j, "first_k_dense_replace", 1); i < c.layers; ++i) c.sparse[i] = true;
  }
  if (next) {  // configuration_qwen3_next / modeling_qwen3_next (Qwen3NextSparseMoeBlock, Qwen3NextGatedDeltaNet)
    c.experts = get_or<int64_t>(j, "num_experts", 512);
    c.top_k = get_or<int64_t>(j, "num_experts_per_tok", 10);
    c.norm_topk_prob = get_or<bool>(j, "norm_topk_prob", true);
    c.shared_expert = true;
    const int64_t step = get_or<int64_t>(j, "decoder_sparse_step", 1);
    const auto dense = get_or<std::vector<int64_t>>(j, "mlp_only_layers", {});
    for (int64_t i = 0; i < c.layers; ++i)
      c.sparse[i] = std::find(dense.begin(), dense.end(), i) == dense.end() && c.experts > 0 && (i + 1) % step == 0;
    c.lin_key_heads = get_or<int64_t>(j, "linear_num_key_heads", 16);
    c.lin_value_heads = get_or<int64_t>(j, "linear_num_value_heads", 32);
    c.lin_key_dim = get_or<int64_t>(j, "linear_key_head_dim", 128);
    c.lin_value_dim = get_or<int64_t>(j, "linear_value_head_dim", 128);
    c.conv_kernel = get_or<int64_t>(j, "linear_conv_kernel_dim", 4);
    const int64_t interval = get_or<int64_t>(j, "full_attention_interval", 4);
    for (int64_t i = 0; i < c.layers; ++i)
      c.linear.push_back(j.contains("layer_types") && !j["layer_types"].is_null() ? j["layer_types"][i] == "linear_attention"
                                                                                 : (i + 1) % interval != 0);
  }
  if (t == "olmoe" || t == "mixtral" || t == "qwen2_moe" || t == "qwen3_moe") {
    c.experts = t == "mixtral" ? j.at("num_local_experts").get<int64_t>() : j.at("num_experts").get<int64_t>();
    c.top_k = j.at("num_experts_per_tok").get<int64_t>();
    c.norm_topk_prob = t == "mixtral" ? true : get_or<bool>(j, "norm_topk_prob", false);
    c.shared_expert = t == "qwen2_moe";
    const bool qwen = t == "qwen2_moe" || t == "qwen3_moe";
    const int64_t step = qwen ? get_or<int64_t>(j, "decoder_sparse_step", 1) : 1;
    const std::vector<int64_t> dense = qwen ? get_or<std::vector<int64_t>>(j, "mlp_only_layers", {}) : std::vector<int64_t>{};
    for (int64_t i = 0; i < c.layers; ++i)
      c.sparse[i] = std::find(dense.begin(), dense.end(), i) == dense.end() && (i + 1) % step == 0;
  }
  // Which layers slide (HF configuration_mistral / configuration_qwen2 / configuration_qwen3).
  c.window.assign(static_cast<size_t>(c.layers), 0);
  if (c.model_type == "gpt_oss") {
    for (int64_t i = 0; i < c.layers; ++i)
      if (j.at("layer_types")[i] == "sliding_attention") c.window[i] = j.at("sliding_window").get<int64_t>();
  } else if (c.model_type == "mixtral" && get_or<int64_t>(j, "sliding_window", 0) > 0) {
    c.window.assign(static_cast<size_t>(c.layers), j["sliding_window"].get<int64_t>());
  } else if (c.model_type == "mistral") {
    int64_t w = j.contains("sliding_window") ? get_or<int64_t>(j, "sliding_window", 0) : 4096;
    c.window.assign(static_cast<size_t>(c.layers), w);
  } else if ((c.model_type == "qwen2" || c.model_type == "qwen3") && get_or<bool>(j, "use_sliding_window", false)) {
    int64_t w = get_or<int64_t>(j, "sliding_window", 4096);
    for (int64_t i = get_or<int64_t>(j, "max_window_layers", 28); i < c.layers; ++i) c.window[i] = w;
  }
  return c;
}

ReferenceTransformer::ReferenceTransformer(const std::string& dir) : cfg_(read_config(dir)) {
  const static std::vector<std::string> families = {"llama", "mistral", "qwen2", "qwen3", "olmo", "olmo2", "gpt_neox",
                                                    "olmoe", "mixtral", "qwen2_moe", "qwen3_moe", "glm4_moe", "gpt_oss",
                                                    "qwen3_next"};
  if (std::find(families.begin(), families.end(), cfg_.model_type) == families.end())
    throw std::runtime_error("reference: no reference for model_type " + cfg_.model_type);
  owb::Checkpoint checkpoint(dir);
  for (const auto& name : checkpoint.names()) weights_[name] = checkpoint.view(name).to(at::kDouble).clone();
  // MXFP4 (OCP MX spec; transformers integrations/mxfp4.py): per block of 32 values, 16 bytes
  // of two E2M1 codes (low nibble first) and one E8M0 scale byte.
  static const double e2m1[8] = {0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0};
  for (const auto& name : checkpoint.names()) {
    const std::string tail = "_blocks";
    if (name.size() < tail.size() || name.compare(name.size() - tail.size(), tail.size(), tail) != 0) continue;
    const std::string base = name.substr(0, name.size() - tail.size());
    at::Tensor blocks = checkpoint.view(name).contiguous(), scales = checkpoint.view(base + "_scales").contiguous();
    const uint8_t* b = blocks.data_ptr<uint8_t>();
    const uint8_t* sc = scales.data_ptr<uint8_t>();
    std::vector<int64_t> shape = scales.sizes().vec();
    shape.back() *= 32;
    at::Tensor out = at::empty(shape, at::kDouble);
    double* o = out.data_ptr<double>();
    for (int64_t g = 0; g < scales.numel(); ++g)
      for (int64_t j = 0; j < 32; ++j) {
        const uint8_t byte = b[g * 16 + j / 2];
        const uint8_t code = j % 2 == 0 ? byte & 0x0F : byte >> 4;
        const double magnitude = e2m1[code & 7] * std::ldexp(1.0, static_cast<int>(sc[g]) - 127);
        o[g * 32 + j] = code & 8 ? -magnitude : magnitude;
      }
    weights_[base] = out;  // [E, rows, cols]: rows are output features
  }
}

const at::Tensor& ReferenceTransformer::w(const std::string& name) const {
  auto it = weights_.find(name);
  if (it == weights_.end()) throw std::runtime_error("reference: checkpoint lacks " + name);
  return it->second;
}

at::Tensor ReferenceTransformer::maybe(const std::string& name) const {
  auto it = weights_.find(name);
  return it == weights_.end() ? at::Tensor() : it->second;
}

void ReferenceTransformer::set_weight(const std::string& name, int64_t row, int64_t col, double value) {
  w(name);  // throws when absent
  weights_[name][row][col] = value;
}

void ReferenceTransformer::set_element(const std::string& name, const std::vector<int64_t>& index, double value) {
  at::Tensor t = w(name);  // throws when absent
  if (static_cast<int64_t>(index.size()) != t.dim()) throw std::runtime_error("reference: index rank differs from " + name);
  for (int64_t i : index) t = t[i];
  t.fill_(value);
}

// transformers modeling_rope_utils.py: _compute_{default,linear_scaling,dynamic_ntk,yarn,llama3}_parameters.
at::Tensor ReferenceTransformer::inverse_frequencies(int64_t dim, int64_t positions, double* attention_scaling) const {
  *attention_scaling = 1.0;
  const json& s = cfg_.rope_scaling;
  std::string type = s.is_object() ? get_or<std::string>(s, "rope_type", get_or<std::string>(s, "type", "default")) : "default";
  const double factor = s.is_object() ? get_or<double>(s, "factor", 1.0) : 1.0;
  const at::Tensor exponents = at::arange(0, dim, 2, at::kDouble) / static_cast<double>(dim);
  double base = cfg_.rope_theta;
  const double M = static_cast<double>(cfg_.max_position_embeddings);
  if (type == "dynamic" && positions > M)  // dynamic_rope_update: seq_len = max(position_ids) + 1
    base *= std::pow(factor * positions / M - (factor - 1), static_cast<double>(dim) / (dim - 2));
  at::Tensor inv = 1.0 / at::pow(base, exponents);
  if (type == "default" || type == "dynamic") return inv;
  if (type == "linear") return inv / factor;
  if (type == "llama3") {
    const double low = get_or<double>(s, "low_freq_factor", 1.0), high = get_or<double>(s, "high_freq_factor", 4.0);
    const double old_context = s.at("original_max_position_embeddings").get<double>();
    at::Tensor out = inv.clone();
    for (int64_t i = 0; i < inv.size(0); ++i) {
      double f = inv[i].item<double>(), wavelen = 2 * M_PI / f;
      if (wavelen > old_context / low) {
        out[i] = f / factor;
      } else if (wavelen >= old_context / high) {
        double smooth = (old_context / wavelen - low) / (high - low);
        out[i] = (1 - smooth) * f / factor + smooth * f;
      }
    }
    return out;
  }
  if (type == "yarn") {
    const double orig = get_or<double>(s, "original_max_position_embeddings", M);
    const double beta_fast = get_or<double>(s, "beta_fast", 32.0), beta_slow = get_or<double>(s, "beta_slow", 1.0);
    auto mscale_of = [](double scale, double m) { return scale <= 1 ? 1.0 : 0.1 * m * std::log(scale) + 1.0; };
    if (s.contains("attention_factor") && !s["attention_factor"].is_null())
      *attention_scaling = s["attention_factor"].get<double>();
    else if (get_or<double>(s, "mscale", 0.0) != 0.0 && get_or<double>(s, "mscale_all_dim", 0.0) != 0.0)
      *attention_scaling = mscale_of(factor, s["mscale"].get<double>()) / mscale_of(factor, s["mscale_all_dim"].get<double>());
    else
      *attention_scaling = mscale_of(factor, 1.0);
    auto correction_dim = [&](double rotations) {
      return dim * std::log(orig / (rotations * 2 * M_PI)) / (2 * std::log(cfg_.rope_theta));
    };
    double lo = correction_dim(beta_fast), hi = correction_dim(beta_slow);
    if (get_or<bool>(s, "truncate", true)) lo = std::floor(lo), hi = std::ceil(hi);
    lo = std::max(lo, 0.0);
    hi = std::min(hi, static_cast<double>(dim - 1));
    if (lo == hi) hi += 0.001;
    at::Tensor extrapolated = 1.0 / at::pow(cfg_.rope_theta, exponents);
    at::Tensor interpolated = extrapolated / factor;
    at::Tensor ramp = ((at::arange(dim / 2, at::kDouble) - lo) / (hi - lo)).clamp(0, 1);
    at::Tensor keep = 1 - ramp;  // share of the extrapolated (unscaled) frequency
    return interpolated * (1 - keep) + extrapolated * keep;
  }
  throw std::runtime_error("reference: rope type " + type + " not implemented");
}

// apply_rotary_pos_emb with rotate_half on the first rot_dim dims (GPT-NeoX partial rotary).
at::Tensor ReferenceTransformer::rotate(const at::Tensor& x, int64_t T) const {
  const int64_t rot = static_cast<int64_t>(cfg_.head_dim * cfg_.partial_rotary);
  if (rot == 0) return x;
  double scaling = 1.0;
  at::Tensor inv = inverse_frequencies(rot, T, &scaling);
  at::Tensor angles = at::outer(at::arange(T, at::kDouble), inv);
  at::Tensor emb = at::cat({angles, angles}, -1);
  at::Tensor cos = emb.cos() * scaling, sin = emb.sin() * scaling;
  at::Tensor r = x.narrow(-1, 0, rot), pass = x.narrow(-1, rot, x.size(-1) - rot);
  at::Tensor x1 = r.narrow(-1, 0, rot / 2), x2 = r.narrow(-1, rot / 2, rot - rot / 2);
  at::Tensor rotated = r * cos + at::cat({-x2, x1}, -1) * sin;
  return at::cat({rotated, pass}, -1);
}

// Eager attention: the full T x T score matrix, causal (and sliding-window) mask, softmax.
at::Tensor ReferenceTransformer::attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t window,
                                        const at::Tensor& sinks) const {
  const int64_t T = q.size(2), groups = q.size(1) / k.size(1);
  at::Tensor kk = k.repeat_interleave(groups, 1), vv = v.repeat_interleave(groups, 1);
  at::Tensor scores = at::matmul(q, kk.transpose(-1, -2)) / std::sqrt(static_cast<double>(q.size(-1)));
  at::Tensor i = at::arange(T, at::kLong).unsqueeze(1), j = at::arange(T, at::kLong).unsqueeze(0);
  at::Tensor visible = j <= i;
  if (window > 0) visible = visible.logical_and(j > i - window);  // masking_utils.sliding_window_overlay
  scores = scores.masked_fill(visible.logical_not(), -std::numeric_limits<double>::infinity());
  at::Tensor probs;
  if (sinks.defined()) {  // modeling_gpt_oss: a per-head logit joins the softmax, then is dropped
    at::Tensor sink = sinks.view({1, -1, 1, 1}).expand({scores.size(0), scores.size(1), T, 1});
    probs = at::softmax(at::cat({scores, sink}, -1), -1).narrow(-1, 0, T);
  } else {
    probs = at::softmax(scores, -1);
  }
  at::Tensor out = at::matmul(probs, vv);  // [B, H, T, E]
  return out.permute({0, 2, 1, 3}).reshape({q.size(0), T, q.size(1) * q.size(3)});
}

at::Tensor ReferenceTransformer::act(const at::Tensor& x) const {
  const std::string& a = cfg_.hidden_act;
  if (a == "silu" || a == "swish") return x * at::sigmoid(x);
  if (a == "gelu") return 0.5 * x * (1 + at::erf(x / std::sqrt(2.0)));
  if (a == "gelu_new" || a == "gelu_pytorch_tanh" || a == "gelu_fast")
    return 0.5 * x * (1 + at::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * x.pow(3))));
  if (a == "relu") return x.clamp_min(0);
  throw std::runtime_error("reference: activation " + a);
}

at::Tensor ReferenceTransformer::llama_attention(int64_t i, const at::Tensor& a) const {
  const std::string p = "model.layers." + std::to_string(i) + ".self_attn.";
  const bool qwen2 = cfg_.model_type == "qwen2" || cfg_.model_type == "qwen2_moe";
  const bool qkv_bias = qwen2 || cfg_.attention_bias;
  const bool o_bias = !qwen2 && cfg_.model_type != "glm4_moe" && cfg_.attention_bias;
  auto bias = [&](const char* proj, bool on) { return on ? w(p + proj + ".bias") : at::Tensor(); };
  at::Tensor q = dense(a, w(p + "q_proj.weight"), bias("q_proj", qkv_bias));
  at::Tensor k = dense(a, w(p + "k_proj.weight"), bias("k_proj", qkv_bias));
  at::Tensor v = dense(a, w(p + "v_proj.weight"), bias("v_proj", qkv_bias));
  if (cfg_.model_type == "olmoe") {  // modeling_olmoe: q_norm / k_norm over the projections, then the clamp
    q = rms(q, w(p + "q_norm.weight"), cfg_.eps);
    k = rms(k, w(p + "k_norm.weight"), cfg_.eps);
  }
  if (cfg_.clip_qkv > 0) {  // modeling_olmo: clamp after the projections
    q = q.clamp(-cfg_.clip_qkv, cfg_.clip_qkv), k = k.clamp(-cfg_.clip_qkv, cfg_.clip_qkv);
    v = v.clamp(-cfg_.clip_qkv, cfg_.clip_qkv);
  }
  if (cfg_.model_type == "olmo2") {  // q_norm / k_norm over the whole projection, before the head split
    q = rms(q, w(p + "q_norm.weight"), cfg_.eps);
    k = rms(k, w(p + "k_norm.weight"), cfg_.eps);
  }
  q = heads_first(q, cfg_.heads, cfg_.head_dim);
  k = heads_first(k, cfg_.kv_heads, cfg_.head_dim);
  v = heads_first(v, cfg_.kv_heads, cfg_.head_dim);
  if (cfg_.model_type == "qwen3" || cfg_.model_type == "qwen3_moe" || cfg_.qk_norm) {  // per-head RMSNorm over head_dim, before RoPE
    q = rms(q, w(p + "q_norm.weight"), cfg_.eps);
    k = rms(k, w(p + "k_norm.weight"), cfg_.eps);
  }
  const int64_t T = a.size(1);
  at::Tensor out = attend(rotate(q, T), rotate(k, T), v, cfg_.window[i], maybe(p + "sinks"));
  return dense(out, w(p + "o_proj.weight"), bias("o_proj", o_bias));
}

at::Tensor ReferenceTransformer::swiglu_mlp(const std::string& p, const at::Tensor& m, ReferenceLayerHooks& hooks) const {
  auto bias = [&](const char* proj) { return cfg_.mlp_bias ? w(p + proj + ".bias") : at::Tensor(); };
  hooks.mlp_down_in = act(dense(m, w(p + "gate_proj.weight"), bias("gate_proj"))) * dense(m, w(p + "up_proj.weight"), bias("up_proj"));
  hooks.mlp_down_out = dense(hooks.mlp_down_in, w(p + "down_proj.weight"), bias("down_proj"));
  return hooks.mlp_down_out;
}

// Llama / Mistral / Qwen2 / Qwen3 / OLMo: pre-norm residual blocks.
at::Tensor ReferenceTransformer::llama_like_layer(int64_t i, const at::Tensor& x, ReferenceLayerHooks& hooks) const {
  const std::string p = "model.layers." + std::to_string(i) + ".";
  auto pre_norm = [&](const at::Tensor& h, const char* name) {
    if (cfg_.model_type == "olmo") return layer_norm(h, at::Tensor(), at::Tensor(), 1e-5);  // OlmoLayerNorm
    return rms(h, w(p + name + ".weight"), cfg_.eps);
  };
  hooks.ln_attn = pre_norm(x, "input_layernorm");
  at::Tensor h = x + llama_attention(i, hooks.ln_attn);
  hooks.ln_mlp = pre_norm(h, "post_attention_layernorm");
  at::Tensor mlp_out = cfg_.model_type == "gpt_oss" ? gpt_oss_moe(i, hooks.ln_mlp, hooks)
                       : cfg_.sparse[i]             ? moe_mlp(i, hooks.ln_mlp, hooks)
                                                    : swiglu_mlp(p + "mlp.", hooks.ln_mlp, hooks);
  hooks.resid_post = h + mlp_out;
  return hooks.resid_post;
}

// gpt-oss (GptOssTopKRouter, GptOssExperts): router with bias, the top_k logits, softmax over
// them; expert e: gate_up = W_gu[e] x + b (gate at even rows, up at odd), gate <= limit,
// |up| <= limit, h = (up + 1) * gate * sigmoid(1.702 gate), out = W_d[e] h + b. MXFP4 blocks
// unpack to [E, out, in]; unquantised checkpoints hold [E, in, out], used as x @ W[e].
at::Tensor ReferenceTransformer::gpt_oss_moe(int64_t i, const at::Tensor& m, ReferenceLayerHooks& hooks) const {
  const std::string p = "model.layers." + std::to_string(i) + ".mlp.";
  const int64_t B = m.size(0), T = m.size(1), E = cfg_.experts;
  const double limit = cfg_.swiglu_limit;
  hooks.router_logits = dense(m, w(p + "router.weight"), w(p + "router.bias"));
  const at::Tensor &gate_up = w(p + "experts.gate_up_proj"), &gate_up_bias = w(p + "experts.gate_up_proj_bias");
  const at::Tensor &down = w(p + "experts.down_proj"), &down_bias = w(p + "experts.down_proj_bias");
  at::Tensor out = at::zeros_like(m);
  std::map<int64_t, std::vector<int64_t>> rows, positions;
  std::map<int64_t, std::vector<at::Tensor>> ins, outs;
  for (int64_t b = 0; b < B; ++b)
    for (int64_t t = 0; t < T; ++t) {
      std::vector<double> logit(static_cast<size_t>(E));
      for (int64_t e = 0; e < E; ++e) logit[e] = hooks.router_logits[b][t][e].item<double>();
      std::vector<int64_t> chosen;
      std::vector<bool> taken(static_cast<size_t>(E), false);
      for (int64_t j = 0; j < cfg_.top_k; ++j) {
        int64_t best = -1;
        for (int64_t e = 0; e < E; ++e)
          if (!taken[e] && (best < 0 || logit[e] > logit[best])) best = e;
        taken[best] = true;
        chosen.push_back(best);
      }
      double norm = 0;
      for (int64_t e : chosen) norm += std::exp(logit[e] - logit[chosen[0]]);
      const at::Tensor x = m[b][t];
      at::Tensor y = at::zeros_like(x);
      auto project = [&](const at::Tensor& v, const at::Tensor& weight, const at::Tensor& bias) {
        return cfg_.gpt_oss_mxfp4 ? dense(v, weight, bias) : at::matmul(v, weight) + bias;
      };
      for (int64_t e : chosen) {
        at::Tensor gu = project(x, gate_up[e], gate_up_bias[e]);
        at::Tensor gate = gu.slice(0, 0, gu.size(0), 2).clamp_max(limit), up = gu.slice(0, 1, gu.size(0), 2).clamp(-limit, limit);
        at::Tensor h = (up + 1) * gate * at::sigmoid(1.702 * gate);
        at::Tensor o = project(h, down[e], down_bias[e]);
        y = y + std::exp(logit[e] - logit[chosen[0]]) / norm * o;
        rows[e].push_back(b), positions[e].push_back(t), ins[e].push_back(h), outs[e].push_back(o);
      }
      out[b][t] = y;
    }
  for (auto& [e, r] : rows) {
    ReferenceLayerHooks::Expert& ex = hooks.experts[e];
    ex.routed = at::stack({at::tensor(r, at::kLong), at::tensor(positions[e], at::kLong)}, 1);
    ex.down_in = at::stack(ins[e]);
    ex.down_out = at::stack(outs[e]);
  }
  hooks.mlp_down_out = out;
  return out;
}

// Arg-max over the allowed entries; ties go to the lower index.
static int64_t best_index(const std::vector<double>& v, const std::vector<bool>& allowed) {
  int64_t best = -1;
  for (int64_t e = 0; e < static_cast<int64_t>(v.size()); ++e)
    if (allowed[e] && (best < 0 || v[e] > v[best])) best = e;
  return best;
}

// Softmax routing: the top_k probabilities (renormalised when norm_topk_prob). glm4_moe
// (Glm4MoeTopkRouter): sigmoid scores; selection on scores + correction bias restricted to the
// topk_group groups whose two best scores sum highest (others count as 0); weights are the
// plain scores, renormalised (+1e-20) and scaled by routed_scaling_factor.
std::vector<std::pair<int64_t, double>> ReferenceTransformer::choose_experts(const at::Tensor& logits,
                                                                             const at::Tensor& correction_bias) const {
  const int64_t E = cfg_.experts;
  at::Tensor probs = cfg_.sigmoid_router ? at::sigmoid(logits) : at::softmax(logits, -1);
  std::vector<double> score(static_cast<size_t>(E)), choice(static_cast<size_t>(E));
  for (int64_t e = 0; e < E; ++e) {
    score[e] = probs[e].item<double>();
    choice[e] = score[e] + (correction_bias.defined() ? correction_bias[e].item<double>() : 0.0);
  }
  if (cfg_.n_group > 1) {
    const int64_t per = E / cfg_.n_group;
    std::vector<double> group(static_cast<size_t>(cfg_.n_group));
    for (int64_t g = 0; g < cfg_.n_group; ++g) {
      std::vector<double> members(choice.begin() + g * per, choice.begin() + (g + 1) * per);
      std::sort(members.rbegin(), members.rend());
      group[g] = members[0] + (per > 1 ? members[1] : 0.0);
    }
    std::vector<bool> kept(static_cast<size_t>(cfg_.n_group), false), open(static_cast<size_t>(cfg_.n_group), true);
    for (int64_t j = 0; j < cfg_.topk_group; ++j) {
      int64_t g = best_index(group, open);
      kept[g] = true, open[g] = false;
    }
    for (int64_t e = 0; e < E; ++e)
      if (!kept[e / per]) choice[e] = 0.0;
  }
  std::vector<bool> open(static_cast<size_t>(E), true);
  std::vector<std::pair<int64_t, double>> chosen;
  double sum = 0;
  for (int64_t j = 0; j < cfg_.top_k; ++j) {
    int64_t e = best_index(choice, open);
    open[e] = false;
    chosen.push_back({e, score[e]});
    sum += score[e];
  }
  for (auto& [e, weight] : chosen) {
    if (cfg_.norm_topk_prob) weight /= sum + (cfg_.sigmoid_router ? 1e-20 : 0.0);
    weight *= cfg_.routed_scaling_factor;
  }
  return chosen;
}

// The sparse MoE block, one token at a time (modeling_olmoe / _mixtral / _qwen2_moe / _qwen3_moe):
// softmax over all router logits, the top_k largest (ties: the lower expert index), weights
// renormalised when norm_topk_prob, the weighted sum of the chosen SwiGLU experts, plus
// qwen2_moe's shared expert scaled by sigmoid(shared_expert_gate(x)).
at::Tensor ReferenceTransformer::moe_mlp(int64_t i, const at::Tensor& m, ReferenceLayerHooks& hooks) const {
  const bool mixtral = cfg_.model_type == "mixtral";
  const std::string p = "model.layers." + std::to_string(i) + (mixtral ? ".block_sparse_moe." : ".mlp.");
  const std::string gate = mixtral ? "w1" : "gate_proj", up = mixtral ? "w3" : "up_proj", down = mixtral ? "w2" : "down_proj";
  const int64_t B = m.size(0), T = m.size(1), E = cfg_.experts;
  hooks.router_logits = dense(m, w(p + "gate.weight"));
  const at::Tensor correction = maybe(p + "gate.e_score_correction_bias");
  at::Tensor out = at::zeros_like(m);
  std::map<int64_t, std::vector<int64_t>> rows, positions;
  std::map<int64_t, std::vector<at::Tensor>> ins, outs;
  for (int64_t b = 0; b < B; ++b)
    for (int64_t t = 0; t < T; ++t) {
      const at::Tensor x = m[b][t];
      at::Tensor y = at::zeros_like(x);
      for (const auto& [e, weight] : choose_experts(hooks.router_logits[b][t], correction)) {
        const std::string ep = p + "experts." + std::to_string(e) + ".";
        at::Tensor h = act(dense(x, w(ep + gate + ".weight"))) * dense(x, w(ep + up + ".weight"));
        at::Tensor o = dense(h, w(ep + down + ".weight"));
        y = y + weight * o;
        rows[e].push_back(b), positions[e].push_back(t), ins[e].push_back(h), outs[e].push_back(o);
      }
      if (cfg_.sigmoid_router) {
        const std::string sp = p + "shared_experts.";
        y = y + dense(act(dense(x, w(sp + "gate_proj.weight"))) * dense(x, w(sp + "up_proj.weight")), w(sp + "down_proj.weight"));
      }
      if (cfg_.shared_expert) {
        const std::string sp = p + "shared_expert.";
        at::Tensor s = dense(act(dense(x, w(sp + "gate_proj.weight"))) * dense(x, w(sp + "up_proj.weight")), w(sp + "down_proj.weight"));
        y = y + at::sigmoid(dense(x, w(p + "shared_expert_gate.weight"))) * s;
      }
      out[b][t] = y;
    }
  for (auto& [e, r] : rows) {
    ReferenceLayerHooks::Expert& ex = hooks.experts[e];
    ex.routed = at::stack({at::tensor(r, at::kLong), at::tensor(positions[e], at::kLong)}, 1);
    ex.down_in = at::stack(ins[e]);
    ex.down_out = at::stack(outs[e]);
  }
  hooks.mlp_down_out = out;
  return out;
}

// OLMo 2: norms inside the residual, after each sublayer.
at::Tensor ReferenceTransformer::olmo2_layer(int64_t i, const at::Tensor& x, ReferenceLayerHooks& hooks) const {
  const std::string p = "model.layers." + std::to_string(i) + ".";
  hooks.ln_attn = x;
  at::Tensor h = x + rms(llama_attention(i, x), w(p + "post_attention_layernorm.weight"), cfg_.eps);
  hooks.ln_mlp = h;
  hooks.resid_post = h + rms(swiglu_mlp(p + "mlp.", h, hooks), w(p + "post_feedforward_layernorm.weight"), cfg_.eps);
  return hooks.resid_post;
}

// GPT-NeoX: fused per-head [q | k | v], partial rotary, GELU MLP, (parallel) residual.
at::Tensor ReferenceTransformer::gpt_neox_layer(int64_t i, const at::Tensor& x, ReferenceLayerHooks& hooks) const {
  const std::string p = "gpt_neox.layers." + std::to_string(i) + ".";
  const int64_t B = x.size(0), T = x.size(1), H = cfg_.heads, E = cfg_.head_dim;
  auto attn_bias = [&](const std::string& name) { return cfg_.attention_bias ? w(name) : at::Tensor(); };
  hooks.ln_attn = layer_norm(x, w(p + "input_layernorm.weight"), w(p + "input_layernorm.bias"), cfg_.eps);
  at::Tensor qkv = dense(hooks.ln_attn, w(p + "attention.query_key_value.weight"), attn_bias(p + "attention.query_key_value.bias"));
  qkv = qkv.reshape({B, T, H, 3 * E}).permute({0, 2, 1, 3});
  at::Tensor q = qkv.narrow(-1, 0, E), k = qkv.narrow(-1, E, E), v = qkv.narrow(-1, 2 * E, E);
  at::Tensor attn = dense(attend(rotate(q, T), rotate(k, T), v, 0), w(p + "attention.dense.weight"),
                          attn_bias(p + "attention.dense.bias"));
  auto mlp = [&](const at::Tensor& m) {
    hooks.mlp_down_in = act(dense(m, w(p + "mlp.dense_h_to_4h.weight"), w(p + "mlp.dense_h_to_4h.bias")));
    hooks.mlp_down_out = dense(hooks.mlp_down_in, w(p + "mlp.dense_4h_to_h.weight"), w(p + "mlp.dense_4h_to_h.bias"));
    return hooks.mlp_down_out;
  };
  const at::Tensor& ln2w = w(p + "post_attention_layernorm.weight");
  const at::Tensor& ln2b = w(p + "post_attention_layernorm.bias");
  if (cfg_.parallel_residual) {
    hooks.ln_mlp = layer_norm(x, ln2w, ln2b, cfg_.eps);
    hooks.resid_post = mlp(hooks.ln_mlp) + attn + x;
  } else {
    at::Tensor h = attn + x;
    hooks.ln_mlp = layer_norm(h, ln2w, ln2b, cfg_.eps);
    hooks.resid_post = mlp(hooks.ln_mlp) + h;
  }
  return hooks.resid_post;
}

ReferenceResult ReferenceTransformer::forward(const at::Tensor& ids) const {
  const bool neox = cfg_.model_type == "gpt_neox";
  const std::string embed = neox ? "gpt_neox.embed_in.weight" : "model.embed_tokens.weight";
  const std::string head = neox ? "embed_out.weight" : "lm_head.weight";
  ReferenceResult r;
  at::Tensor x = w(embed).index_select(0, ids.reshape({-1})).reshape({ids.size(0), ids.size(1), cfg_.hidden});
  for (int64_t i = 0; i < cfg_.layers; ++i) {
    r.layers.emplace_back();
    if (neox)
      x = gpt_neox_layer(i, x, r.layers.back());
    else if (cfg_.model_type == "qwen3_next")
      x = qwen3_next_layer(i, x, r.layers.back());
    else if (cfg_.model_type == "olmo2")
      x = olmo2_layer(i, x, r.layers.back());
    else
      x = llama_like_layer(i, x, r.layers.back());
  }
  if (neox)
    x = layer_norm(x, w("gpt_neox.final_layer_norm.weight"), w("gpt_neox.final_layer_norm.bias"), cfg_.eps);
  else if (cfg_.model_type == "olmo")
    x = layer_norm(x, at::Tensor(), at::Tensor(), 1e-5);
  else
    x = cfg_.model_type == "qwen3_next" ? rms(x, 1.0 + w("model.norm.weight"), cfg_.eps) : rms(x, w("model.norm.weight"), cfg_.eps);
  const at::Tensor& lm_head = cfg_.tie_word_embeddings || !maybe(head).defined() ? w(embed) : w(head);
  r.logits = dense(x, lm_head);
  return r;
}

}  // namespace owb::test
