#include "decoder_family.h"

#include "errors.h"

#include <ATen/record_function.h>

namespace owb {

namespace {
// Runs one step of the block under a profiler label (bench_forward --profile reads them); a
// label costs nothing while no profiler listens.
template <class F>
auto step(const char* label, F&& f) {
  RECORD_USER_SCOPE(label);
  return f();
}
}  // namespace

const at::Tensor& LayerWeights::get(const std::string& local) const {
  auto it = tensors_.find(local);
  if (it == tensors_.end()) throw InputError("checkpoint: missing tensor \"" + prefix_ + local + "\"");
  return it->second;
}

at::Tensor LayerWeights::optional(const std::string& local) const {
  auto it = tensors_.find(local);
  return it == tensors_.end() ? at::Tensor() : it->second;
}

void LayerContext::observe(HookKind kind, at::Tensor& x) const {
  if (hooks.empty()) return;
  std::string name = hook_name(layer, kind);
  if (!hooks.wants(name)) return;
  hooks.fire(HookSite{name, layer, kind, batch_index, first_sequence}, x);
}

at::Tensor Family::final_norm(const LayerWeights& top, const at::Tensor& hidden, const ModelConfig& cfg) const {
  return rms_norm(hidden, top.get(final_norm_prefix() + ".weight"), cfg.norm_eps);
}

void LayerContext::observe_expert(HookKind kind, int64_t expert, const at::Tensor& routed, at::Tensor& x) const {
  if (hooks.empty()) return;
  std::string name = expert_hook_name(layer, expert, kind);
  if (!hooks.wants(name)) return;
  HookSite site{name, layer, kind, batch_index, first_sequence};
  site.expert = expert;
  site.routed = &routed;
  hooks.fire(site, x);
}

std::vector<TensorSpec> DecoderFamily::attention_tensors(const ModelConfig& c) {
  const int64_t D = c.hidden_size;
  return {{"self_attn.q_proj.weight", {c.q_dim(), D}}, {"self_attn.k_proj.weight", {c.kv_dim(), D}},
          {"self_attn.v_proj.weight", {c.kv_dim(), D}}, {"self_attn.o_proj.weight", {D, c.q_dim()}}};
}

std::vector<TensorSpec> DecoderFamily::gated_mlp_tensors(const ModelConfig& c, int64_t I, const std::string& prefix) {
  const int64_t D = c.hidden_size;
  return {{prefix + "gate_proj.weight", {I, D}}, {prefix + "up_proj.weight", {I, D}}, {prefix + "down_proj.weight", {D, I}}};
}

std::vector<TensorSpec> DecoderFamily::attention_and_mlp_tensors(const ModelConfig& c) {
  auto specs = attention_tensors(c);
  for (auto& s : gated_mlp_tensors(c, c.intermediate_size, "mlp.")) specs.push_back(s);
  return specs;
}

std::vector<TensorSpec> DecoderFamily::required_layer_tensors(const ModelConfig& c) const {
  auto specs = attention_and_mlp_tensors(c);
  specs.push_back({"input_layernorm.weight", {c.hidden_size}});
  specs.push_back({"post_attention_layernorm.weight", {c.hidden_size}});
  return specs;
}

at::Tensor DecoderFamily::norm_attn(const LayerWeights& w, const at::Tensor& x, const ModelConfig& cfg) const {
  return rms_norm(x, w.get("input_layernorm.weight"), cfg.norm_eps);
}

at::Tensor DecoderFamily::norm_mlp(const LayerWeights& w, const at::Tensor& x, const ModelConfig& cfg) const {
  return rms_norm(x, w.get("post_attention_layernorm.weight"), cfg.norm_eps);
}

QKV DecoderFamily::project_qkv(const LayerWeights& w, const at::Tensor& a, const ModelConfig&) const {
  return {linear(a, w.get("self_attn.q_proj.weight"), w.optional("self_attn.q_proj.bias")),
          linear(a, w.get("self_attn.k_proj.weight"), w.optional("self_attn.k_proj.bias")),
          linear(a, w.get("self_attn.v_proj.weight"), w.optional("self_attn.v_proj.bias"))};
}

void DecoderFamily::normalize_heads(const LayerWeights&, at::Tensor&, at::Tensor&, const ModelConfig&) const {}

std::vector<TensorSpec> DecoderFamily::head_qk_norm_tensors(const ModelConfig& c) {
  return {{"self_attn.q_norm.weight", {c.head_dim}}, {"self_attn.k_norm.weight", {c.head_dim}}};
}

void DecoderFamily::head_qk_rms_norm(const LayerWeights& w, at::Tensor& q, at::Tensor& k, const ModelConfig& cfg) {
  q = rms_norm(q, w.get("self_attn.q_norm.weight"), cfg.norm_eps);  // [B, H, T, E], over E
  k = rms_norm(k, w.get("self_attn.k_norm.weight"), cfg.norm_eps);
}

at::Tensor DecoderFamily::self_attention(const LayerWeights& w, const at::Tensor& a, const LayerContext& ctx) const {
  const ModelConfig& cfg = ctx.cfg;
  QKV p = step("qkv_proj", [&] { return project_qkv(w, a, cfg); });
  at::Tensor q = split_heads(p.q, cfg.num_attention_heads, cfg.head_dim);
  at::Tensor k = split_heads(p.k, cfg.num_key_value_heads, cfg.head_dim);
  at::Tensor v = split_heads(p.v, cfg.num_key_value_heads, cfg.head_dim);
  step("qk_norm", [&] { normalize_heads(w, q, k, cfg); return 0; });
  step("rope", [&] {
    q = apply_rotary(q, ctx.rope);
    k = apply_rotary(k, ctx.rope);
    return 0;
  });
  AttentionOptions opt;
  opt.window = ctx.window;
  opt.sinks = attention_sinks(w);
  opt.query_tile = ctx.query_tile;
  attend_with_cache(ctx.kv_cache, k, v, opt);
  at::Tensor attn = step("attention", [&] { return causal_attention(q, k.contiguous(), v.contiguous(), opt); });
  if (p.gate.defined()) attn = attn * at::sigmoid(p.gate);
  return step("o_proj", [&] { return linear(attn, w.get("self_attn.o_proj.weight"), w.optional("self_attn.o_proj.bias")); });
}

at::Tensor DecoderFamily::gated_mlp(const LayerWeights& w, const at::Tensor& m, const LayerContext& ctx,
                                    const std::string& prefix) const {
  at::Tensor gate = step("mlp_gate_up", [&] { return linear(m, w.get(prefix + "gate_proj.weight"), w.optional(prefix + "gate_proj.bias")); });
  at::Tensor up = step("mlp_gate_up", [&] { return linear(m, w.get(prefix + "up_proj.weight"), w.optional(prefix + "up_proj.bias")); });
  at::Tensor h = step("mlp_act", [&] { return gated_activation(ctx.cfg.hidden_act, gate, up); });
  ctx.observe(HookKind::MlpDownIn, h);
  at::Tensor out = step("mlp_down", [&] { return linear(h, w.get(prefix + "down_proj.weight"), w.optional(prefix + "down_proj.bias")); });
  ctx.observe(HookKind::MlpDownOut, out);
  return out;
}

at::Tensor DecoderFamily::mlp(const LayerWeights& w, const at::Tensor& m, const LayerContext& ctx) const {
  return gated_mlp(w, m, ctx, "mlp.");
}

at::Tensor DecoderFamily::forward_layer(const LayerWeights& w, const at::Tensor& hidden, const LayerContext& ctx) const {
  at::Tensor a = step("norm", [&] { return norm_attn(w, hidden, ctx.cfg); });
  ctx.observe(HookKind::LnAttn, a);
  at::Tensor attn = mix_tokens(w, a, ctx);
  at::Tensor x = step("residual", [&] { return residual_add(hidden, attn); });
  at::Tensor m = step("norm", [&] { return norm_mlp(w, x, ctx.cfg); });
  ctx.observe(HookKind::LnMlp, m);
  at::Tensor out = mlp(w, m, ctx);
  x = step("residual", [&] { return residual_add(x, out); });
  ctx.observe(HookKind::ResidPost, x);
  return x;
}

}  // namespace owb
