#include "moe.h"

#include "cpu_parallel.h"
#include "matmul.h"
#include "errors.h"

#include <algorithm>

#include <ATen/core/grad_mode.h>
#include <ATen/record_function.h>

namespace owb {

namespace {
// A profiler label around one step (bench_moe --profile reads them; free when nobody listens).
template <class F>
auto step(const char* label, F&& f) {
  RECORD_USER_SCOPE(label);
  return f();
}
}  // namespace

at::Tensor top_k_experts(const at::Tensor& scores, int64_t k) {
  return std::get<1>(at::sort(scores, /*stable=*/true, /*dim=*/-1, /*descending=*/true)).narrow(-1, 0, k);
}

namespace {

// glm4_moe / DeepSeek-V3 grouped selection: experts are split into n_group groups, a group
// scores the sum of its two best experts, only experts of the topk_group best groups compete.
at::Tensor restrict_to_best_groups(const at::Tensor& choice, const MoeConfig& moe) {
  const int64_t N = choice.size(0), G = moe.n_group, per_group = choice.size(1) / G;
  at::Tensor grouped = choice.view({N, G, per_group});
  at::Tensor group_scores = std::get<0>(grouped.sort(-1, /*descending=*/true)).narrow(-1, 0, std::min<int64_t>(2, per_group)).sum(-1);
  at::Tensor best = top_k_experts(group_scores, moe.topk_group);  // [N, topk_group]
  at::Tensor keep = at::zeros({N, G}, choice.options().dtype(at::kBool)).scatter_(1, best, true);
  return grouped.masked_fill(keep.unsqueeze(-1).logical_not(), 0.0).view({N, G * per_group});
}

}  // namespace

Routing route_tokens(const at::Tensor& logits, const MoeConfig& moe, const at::Tensor& correction_bias) {
  RECORD_USER_SCOPE("moe_route");
  const bool sigmoid = moe.scoring == "sigmoid";
  at::Tensor scores = sigmoid ? at::sigmoid(logits.to(at::kFloat)) : at::softmax(logits.to(at::kFloat), -1);
  // The correction bias steers which experts are chosen, never their weights.
  at::Tensor choice = correction_bias.defined() ? scores + correction_bias.to(scores.device(), at::kFloat) : scores;
  if (moe.n_group > 1) choice = restrict_to_best_groups(choice, moe);
  Routing r;
  r.experts = top_k_experts(choice, moe.top_k);
  r.weights = scores.gather(1, r.experts);
  if (moe.norm_topk_prob) r.weights = r.weights / (r.weights.sum(-1, /*keepdim=*/true) + (sigmoid ? 1e-20 : 0.0));
  if (moe.routed_scaling_factor != 1.0) r.weights = r.weights * moe.routed_scaling_factor;
  return r;
}

namespace {

// On the CPU, with no expert hook listening, experts run as parallel tasks: each thread takes the
// experts whose rows start in its share of all routed rows and runs them one after another with
// single-threaded GEMMs. An expert sees ~N k / E rows (256 for OLMoE at 2048 tokens), too few
// for two threads to share one GEMM well, and one batched GEMM over padded rows is slower still
// with this libtorch (bench_moe: 1.2x the time of these tasks). Only for dtypes whose work is
// spread over the cores (not fp32: cpu_parallel.h).
bool experts_as_cpu_tasks(const at::Tensor& rows, bool expert_hooks) {
  return !expert_hooks && rows.device().is_cpu() && spread_over_cores(rows.scalar_type()) &&
         !(at::GradMode::is_enabled() && rows.requires_grad()) && at::get_num_threads() > 1;
}

void run_experts_as_cpu_tasks(const at::Tensor& rows, at::Tensor& outputs, const std::vector<int64_t>& first,
                              const ExpertOps& ops) {
  const int64_t experts = static_cast<int64_t>(first.size()) - 1, total = first.back();
  const int64_t threads = at::get_num_threads();
  parallel_over(rows.scalar_type(), 0, threads, 1, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) {
      const int64_t lo = total * t / threads, hi = total * (t + 1) / threads;
      for (int64_t e = 0; e < experts; ++e) {
        const int64_t n = first[e + 1] - first[e];
        if (n == 0 || first[e] < lo || first[e] >= hi) continue;
        outputs.narrow(0, first[e], n).copy_(ops.down(e, ops.down_in(e, rows.narrow(0, first[e], n))));
      }
    }
  });
}

// Expert by expert on the calling thread, firing the expert hook points of whichever experts a
// hook listens to (with the routed tokens' (row, position) pairs).
void run_experts_one_by_one(const at::Tensor& rows, const at::Tensor& token, at::Tensor& outputs,
                            const std::vector<int64_t>& first, int64_t T, const ExpertOps& ops, const LayerContext& ctx) {
  const int64_t experts = static_cast<int64_t>(first.size()) - 1;
  for (int64_t e = 0; e < experts; ++e) {
    const int64_t n = first[e + 1] - first[e];
    if (n == 0) continue;
    at::Tensor routed;  // [n, 2] (row in batch, position), built only when a hook listens
    if (ctx.wants(expert_hook_name(ctx.layer, e, HookKind::ExpertDownIn)) ||
        ctx.wants(expert_hook_name(ctx.layer, e, HookKind::ExpertDownOut))) {
      at::Tensor tok = token.narrow(0, first[e], n);
      routed = at::stack({at::div(tok, T, "floor"), tok.remainder(T)}, 1);
    }
    at::Tensor h = step("moe_expert_gate_up", [&] { return ops.down_in(e, rows.narrow(0, first[e], n)); });
    if (routed.defined()) ctx.observe_expert(HookKind::ExpertDownIn, e, routed, h);
    at::Tensor out = step("moe_expert_down", [&] { return ops.down(e, h); });
    if (routed.defined()) ctx.observe_expert(HookKind::ExpertDownOut, e, routed, out);
    outputs.narrow(0, first[e], n).copy_(out);
  }
}

}  // namespace

at::Tensor run_routed_experts(const at::Tensor& x, const Routing& routing, int64_t num_experts, const ExpertOps& ops,
                              const LayerContext& ctx) {
  const int64_t B = x.size(0), T = x.size(1), D = x.size(2), N = B * T, k = routing.experts.size(1);
  at::Tensor rows, token, counts, slot_of;
  step("moe_group", [&] {
    // (token, slot) pairs sorted by expert; a stable sort keeps each expert's tokens in order.
    at::Tensor slots = routing.experts.reshape({-1});
    at::Tensor order = std::get<1>(at::sort(slots, /*stable=*/true, /*dim=*/0, /*descending=*/false));
    counts = at::bincount(slots, {}, num_experts).to(at::kCPU);
    token = at::div(order, k, "floor");
    slot_of = at::empty_like(order).scatter_(0, order, at::arange(N * k, order.options()));  // inverse permutation
    rows = x.reshape({N, D}).index_select(0, token);  // [N*k, D], grouped by expert
    return 0;
  });
  at::Tensor outputs = at::empty({N * k, D}, x.options());  // each expert's down_out, grouped by expert
  const int64_t* count = counts.data_ptr<int64_t>();
  std::vector<int64_t> first(static_cast<size_t>(num_experts) + 1, 0);
  for (int64_t e = 0; e < num_experts; ++e) first[e + 1] = first[e] + count[e];
  bool expert_hooks = false;
  for (int64_t e = 0; e < num_experts && !expert_hooks; ++e)
    expert_hooks = ctx.wants(expert_hook_name(ctx.layer, e, HookKind::ExpertDownIn)) ||
                   ctx.wants(expert_hook_name(ctx.layer, e, HookKind::ExpertDownOut));
  const int64_t most = *std::max_element(count, count + num_experts);
  if (experts_as_cpu_tasks(rows, expert_hooks)) {
    step("moe_expert_tasks", [&] { run_experts_as_cpu_tasks(rows, outputs, first, ops); return 0; });
  } else if (ops.batched && !expert_hooks && num_experts * most <= 2 * N * k) {
    // All experts in two batched GEMMs over rows padded to the busiest expert's count.
    return step("moe_batched", [&] {
      at::Tensor sorted_expert = at::repeat_interleave(at::arange(num_experts, token.options()), counts.to(token.device()));
      at::Tensor first_of = at::tensor(std::vector<int64_t>(first.begin(), first.end() - 1), token.options());
      at::Tensor padded_row = sorted_expert * most + at::arange(N * k, token.options()) - first_of.index_select(0, sorted_expert);
      at::Tensor padded = at::zeros({num_experts * most, D}, x.options()).index_copy_(0, padded_row, rows);
      at::Tensor out = ops.batched(padded.view({num_experts, most, D})).view({num_experts * most, D});
      at::Tensor per_token = out.index_select(0, padded_row.index_select(0, slot_of)).view({N, k, D});
      return owb::bmm(routing.weights.to(x.scalar_type()).view({N, 1, k}), per_token).view({B, T, D});
    });
  } else {
    run_experts_one_by_one(rows, token, outputs, first, T, ops, ctx);
  }
  // Back to (token, slot) order, then each token's k outputs weighted and summed in one bmm.
  return step("moe_combine", [&] {
    at::Tensor per_token = outputs.index_select(0, slot_of).view({N, k, D});
    return owb::bmm(routing.weights.to(x.scalar_type()).view({N, 1, k}), per_token).view({B, T, D});
  });
}

std::vector<TensorSpec> MoeDecoderFamily::required_layer_tensors(const ModelConfig& c) const {
  auto specs = attention_tensors(c);
  specs.push_back({"input_layernorm.weight", {c.hidden_size}});
  specs.push_back({"post_attention_layernorm.weight", {c.hidden_size}});
  return specs;
}

std::vector<TensorSpec> MoeDecoderFamily::moe_tensors(const ModelConfig& c) const {
  const int64_t D = c.hidden_size, E = c.moe.num_experts, I = c.moe.expert_intermediate;
  std::vector<TensorSpec> specs = {{names_.router + ".weight", {E, D}}};
  if (names_.router_bias) specs.push_back({names_.router + ".bias", {E}});
  if (!names_.correction_bias.empty()) specs.push_back({names_.correction_bias, {E}});
  for (int64_t e = 0; e < E; ++e) {
    specs.push_back({expert_tensor(e, names_.gate), {I, D}, e});
    specs.push_back({expert_tensor(e, names_.up), {I, D}, e});
    specs.push_back({expert_tensor(e, names_.down), {D, I}, e});
  }
  if (!names_.shared_prefix.empty())
    for (auto& s : gated_mlp_tensors(c, c.moe.shared_intermediate, names_.shared_prefix)) specs.push_back(s);
  if (!names_.shared_gate.empty()) specs.push_back({names_.shared_gate + ".weight", {1, D}});
  return specs;
}

std::vector<TensorSpec> MoeDecoderFamily::layer_tensors(const ModelConfig& c, int64_t layer) const {
  auto specs = required_layer_tensors(c);
  auto mlp_specs = c.moe.is_sparse(layer) ? moe_tensors(c) : gated_mlp_tensors(c, c.intermediate_size, "mlp.");
  specs.insert(specs.end(), mlp_specs.begin(), mlp_specs.end());
  return specs;
}

// Every expert's gate and up stacked into one [E, 2I, D] tensor and every down into [E, D, I], in
// the checkpoint's own [out, in] layout (oneDNN runs x W^T on it ~25 % faster than on the
// transposed layout); the per-expert names become views into the stacks, so edits to an expert's
// weight reach the stacked copy the batched path reads.
void MoeDecoderFamily::prepare_layer(std::map<std::string, at::Tensor>& t, at::ScalarType) const {
  std::vector<at::Tensor> gate_up, down;
  for (int64_t e = 0; t.count(expert_tensor(e, names_.gate)) && t.count(expert_tensor(e, names_.up)) &&
                      t.count(expert_tensor(e, names_.down));
       ++e) {
    gate_up.push_back(at::cat({t[expert_tensor(e, names_.gate)], t[expert_tensor(e, names_.up)]}, 0));
    down.push_back(t[expert_tensor(e, names_.down)]);
  }
  if (gate_up.empty()) return;  // a dense layer
  at::Tensor gate_up_s = at::stack(gate_up).contiguous();  // [E, 2I, D]
  at::Tensor down_s = at::stack(down).contiguous();        // [E, D, I]
  const int64_t I = gate_up_s.size(1) / 2;
  for (int64_t e = 0; e < gate_up_s.size(0); ++e) {
    t[expert_tensor(e, names_.gate)] = gate_up_s[e].narrow(0, 0, I);
    t[expert_tensor(e, names_.up)] = gate_up_s[e].narrow(0, I, I);
    t[expert_tensor(e, names_.down)] = down_s[e];
  }
  t[kStackedGateUp] = gate_up_s;
  t[kStackedDown] = down_s;
}

std::string MoeDecoderFamily::expert_projection_name(int64_t expert, const std::string& which) const {
  if (which == "gate") return expert_tensor(expert, names_.gate);
  if (which == "up") return expert_tensor(expert, names_.up);
  if (which == "down") return expert_tensor(expert, names_.down);
  throw InputError("expert projection \"" + which + "\": expected gate, up or down");
}

ExpertOps MoeDecoderFamily::expert_ops(const LayerWeights& w, const LayerContext& ctx) const {
  const std::string act = ctx.cfg.hidden_act;
  ExpertOps ops;
  ops.down_in = [this, &w, act](int64_t e, const at::Tensor& x) {
    if (!w.has(kStackedGateUp))
      return gated_activation(act, owb::linear(x, w.get(expert_tensor(e, names_.gate))), owb::linear(x, w.get(expert_tensor(e, names_.up))));
    at::Tensor gu = owb::linear(x, w.get(kStackedGateUp)[e]);  // [n, 2I]: gate, then up
    const int64_t I = gu.size(-1) / 2;
    return gated_activation(act, gu.narrow(-1, 0, I), gu.narrow(-1, I, I));
  };
  if (w.has(kStackedGateUp) && w.has(kStackedDown))
    ops.batched = [&w, act](const at::Tensor& x) {
      at::Tensor gu = owb::bmm(x, w.get(kStackedGateUp).transpose(1, 2));  // [E, M, 2I]
      const int64_t I = gu.size(-1) / 2;
      return owb::bmm(gated_activation(act, gu.narrow(-1, 0, I), gu.narrow(-1, I, I)), w.get(kStackedDown).transpose(1, 2));
    };
  ops.down = [this, &w](int64_t e, const at::Tensor& h) { return owb::linear(h, w.get(expert_tensor(e, names_.down))); };
  return ops;
}

at::Tensor MoeDecoderFamily::mlp(const LayerWeights& w, const at::Tensor& m, const LayerContext& ctx) const {
  const MoeConfig& moe = ctx.cfg.moe;
  if (!moe.is_sparse(ctx.layer)) return gated_mlp(w, m, ctx, "mlp.");
  const at::Tensor& router = w.get(names_.router + ".weight");
  at::Tensor router_bias = names_.router_bias ? w.get(names_.router + ".bias") : at::Tensor();
  at::Tensor logits = names_.router_fp32 ? owb::linear(m.to(at::kFloat), router.to(at::kFloat),
                                                       router_bias.defined() ? router_bias.to(at::kFloat) : router_bias)
                                         : owb::linear(m, router, router_bias);
  ctx.observe(HookKind::RouterLogits, logits);
  at::Tensor bias = names_.correction_bias.empty() ? at::Tensor() : w.get(names_.correction_bias);
  Routing routing = route_tokens(logits.reshape({-1, moe.num_experts}), moe, bias);
  at::Tensor y = run_routed_experts(m, routing, moe.num_experts, expert_ops(w, ctx), ctx);
  if (!names_.shared_prefix.empty()) {
    const std::string& p = names_.shared_prefix;
    at::Tensor h = gated_activation(ctx.cfg.hidden_act, owb::linear(m, w.get(p + "gate_proj.weight")), owb::linear(m, w.get(p + "up_proj.weight")));
    at::Tensor shared = owb::linear(h, w.get(p + "down_proj.weight"));
    if (!names_.shared_gate.empty()) shared = shared * at::sigmoid(owb::linear(m, w.get(names_.shared_gate + ".weight")));
    y = y + shared;
  }
  ctx.observe(HookKind::MlpDownOut, y);
  return y;
}

}  // namespace owb
