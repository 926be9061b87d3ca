#include "moe_super_weight_detection.h"

#include "errors.h"
#include "model.h"
#include "router_statistics.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace owb {

namespace {

constexpr double kEps = 1e-12;

using ExpertKey = std::pair<int64_t, int64_t>;  // (layer, expert)

// What one expert's down projection saw over the samples.
struct ExpertStats {
  // Pass 1, over the routed tokens: sum X^2 and max |X| per input channel, the same for Y rows.
  at::Tensor x_energy, x_max;  // [I] fp64
  at::Tensor y_energy, y_max;  // [D] fp64
  // Pass 2: the highest-energy input channels, and sum_t |X[t, c]| |Y[t, r]| for them.
  at::Tensor channels;  // [C] int64
  at::Tensor pending;   // |X[:, channels]| of the batch whose down_out fires next  [n, C]
  at::Tensor co_sum;    // [C, D] fp64
};

std::vector<int64_t> sparse_layers(const Model& model) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < model.layers_to_run(); ++i)
    if (model.config().moe.is_sparse(i)) out.push_back(i);
  return out;
}

void run_samples(Model& model, const std::vector<ScoredWindow>& samples, int64_t batch_size, const Hooks& hooks) {
  std::vector<at::Tensor> batches;
  for (const auto& group : group_windows(samples, batch_size)) batches.push_back(group_ids(samples, group));
  model.run(batches, hooks);
}

at::Tensor as_double(const at::Tensor& x) { return x.detach().to(at::kCPU, at::kDouble); }

void accumulate(at::Tensor& energy, at::Tensor& max, const at::Tensor& x) {
  at::Tensor xd = as_double(x);
  at::Tensor e = xd.pow(2).sum(0), m = xd.abs().amax(0);
  if (!energy.defined()) {
    energy = e, max = m;
    return;
  }
  energy += e;
  max = at::maximum(max, m);
}

// Pass 1: routing (RouterStatistics) and, per expert, the energies and maxima of X and Y.
std::vector<LayerRouterStats> first_pass(Model& model, const std::vector<ScoredWindow>& samples, int64_t batch_size,
                                         std::map<ExpertKey, ExpertStats>& stats) {
  const std::vector<int64_t> layers = sparse_layers(model);
  const int64_t batches = static_cast<int64_t>(group_windows(samples, batch_size).size());
  RouterStatistics routing(model.config().moe, layers, batches);
  for (int64_t l : layers) {
    // glm4_moe: the correction bias steers selection and is not in the logits.
    const std::string bias = model.family().layer_prefix(l) + "mlp.gate.e_score_correction_bias";
    if (model.checkpoint().has(bias)) routing.set_correction_bias(l, model.checkpoint().load(bias, at::kFloat, at::kCPU));
  }
  Hooks hooks;
  routing.subscribe(hooks);
  hooks.add("layer_*_expert_*_down_*", [&stats](const HookSite& site, at::Tensor& x) {
    ExpertStats& s = stats[{site.layer, site.expert}];
    if (site.kind == HookKind::ExpertDownIn) accumulate(s.x_energy, s.x_max, x);
    else accumulate(s.y_energy, s.y_max, x);
  });
  run_samples(model, samples, batch_size, hooks);
  return routing.all_stats();
}

// Pass 2: sum_t |X[t, c]| |Y[t, r]| for each analysed expert's chosen channels.
void second_pass(Model& model, const std::vector<ScoredWindow>& samples, int64_t batch_size,
                 std::map<ExpertKey, ExpertStats>& stats) {
  Hooks hooks;
  hooks.add("layer_*_expert_*_down_*", [&stats](const HookSite& site, at::Tensor& x) {
    auto it = stats.find({site.layer, site.expert});
    if (it == stats.end() || !it->second.channels.defined()) return;
    ExpertStats& s = it->second;
    if (site.kind == HookKind::ExpertDownIn) {
      // Down_in and down_out of one expert fire back to back on the same routed rows.
      s.pending = as_double(x).index_select(1, s.channels).abs();
      return;
    }
    at::Tensor co = s.pending.t().mm(as_double(x).abs());  // [C, D]
    s.co_sum = s.co_sum.defined() ? s.co_sum + co : co;
    s.pending = at::Tensor();
  });
  run_samples(model, samples, batch_size, hooks);
}

// The candidates of one expert: S > threshold, both maxima above the spike threshold, best first.
std::vector<ExpertSuperWeight> expert_candidates(const Model& model, const ExpertActivity& a, const ExpertStats& s,
                                                 const MoeDetectionOptions& o) {
  std::vector<ExpertSuperWeight> out;
  if (!s.co_sum.defined()) return out;
  at::Tensor x_norm = s.x_energy.index_select(0, s.channels).sqrt();           // [C]
  at::Tensor score = s.co_sum / (x_norm.unsqueeze(1) * s.y_energy.sqrt().unsqueeze(0) + kEps);  // [C, D]
  at::Tensor keep = (score > o.co_spike_threshold)
                        .logical_and(s.x_max.index_select(0, s.channels).unsqueeze(1) > o.spike_threshold)
                        .logical_and(s.y_max.unsqueeze(0) > o.spike_threshold);
  at::Tensor flat = score.masked_fill(keep.logical_not(), -1.0).reshape({-1});
  at::Tensor order = std::get<1>(at::sort(flat, /*stable=*/true, /*dim=*/0, /*descending=*/true));
  const int64_t D = score.size(1);
  const std::string tensor = model.family().layer_prefix(a.layer) + model.family().expert_projection_name(a.expert, "down");
  for (int64_t i = 0; i < order.size(0) && static_cast<int64_t>(out.size()) < o.per_expert; ++i) {
    const int64_t idx = order[i].item<int64_t>();
    if (flat[idx].item<double>() < 0) break;  // the rest failed a test
    ExpertSuperWeight w;
    w.tensor = tensor;
    w.layer = a.layer, w.expert = a.expert;
    w.input_energy_rank = idx / D;
    w.row = idx % D, w.col = s.channels[w.input_energy_rank].item<int64_t>();
    w.weight_value = model.checkpoint_weight(tensor, w.row, w.col);
    w.p_active = a.p_active, w.routed_tokens = a.routed_tokens;
    w.co_spike_score = flat[idx].item<double>();
    w.max_abs_input = s.x_max[w.col].item<double>();
    w.max_abs_output = s.y_max[w.row].item<double>();
    out.push_back(w);
  }
  return out;
}

void score_causally(Model& model, const std::vector<ScoredWindow>& samples, MoeSuperWeightDetection& d) {
  d.baseline = evaluate_nll(model, samples, d.options.batch_size, Hooks());
  for (ExpertSuperWeight& w : d.candidates) {
    model.set_weight(w.tensor, w.row, w.col, 0.0);
    w.loss_delta = evaluate_nll(model, samples, d.options.batch_size, Hooks()).mean() - d.baseline->mean();
    w.causal_score = *w.loss_delta * w.p_active;
    model.restore_weights();
  }
  std::stable_sort(d.candidates.begin(), d.candidates.end(),
                   [](const ExpertSuperWeight& a, const ExpertSuperWeight& b) { return *a.causal_score > *b.causal_score; });
}

}  // namespace

bool supports_moe_super_weight_detection(const Model& model) {
  return model.config().moe.num_experts > 0 && !sparse_layers(model).empty() &&
         !model.family().expert_projection_name(0, "down").empty();
}

MoeSuperWeightDetection detect_moe_super_weights(Model& model, const std::vector<ScoredWindow>& samples,
                                                 const MoeDetectionOptions& o) {
  if (!supports_moe_super_weight_detection(model))
    throw InputError("MoE super-weight detection: " + model.config().model_type +
                     " has no routed experts with their own down projection");
  if (samples.empty()) throw InputError("MoE super-weight detection: no sample texts");
  if (o.input_channels < 1 || o.per_expert < 1 || o.batch_size < 1)
    throw InputError("MoE super-weight detection: input channels, candidates per expert and batch size must be positive");
  if (o.p_active_floor < 0 || o.p_active_floor > 1) throw InputError("--p-active-floor must be in [0, 1]");
  MoeSuperWeightDetection d;
  d.options = o;
  d.samples = static_cast<int64_t>(samples.size());
  std::map<ExpertKey, ExpertStats> stats;
  for (const LayerRouterStats& layer : first_pass(model, samples, o.batch_size, stats)) {
    d.tokens = layer.tokens;
    for (int64_t e = 0; e < static_cast<int64_t>(layer.routed.size()); ++e) {
      ExpertActivity a;
      a.layer = layer.layer, a.expert = e;
      a.routed_tokens = layer.routed[e];
      a.p_active = layer.activation_probability[e];
      a.analysed = a.p_active >= o.p_active_floor && a.routed_tokens > 0;
      d.experts.push_back(a);
      auto it = stats.find({a.layer, e});
      if (a.analysed && it != stats.end() && it->second.x_energy.defined()) {
        const int64_t C = std::min<int64_t>(o.input_channels, it->second.x_energy.size(0));
        it->second.channels = std::get<1>(at::topk(it->second.x_energy, C));
      }
    }
  }
  second_pass(model, samples, o.batch_size, stats);
  for (const ExpertActivity& a : d.experts) {
    if (!a.analysed) continue;
    auto it = stats.find({a.layer, a.expert});
    if (it == stats.end()) continue;
    for (ExpertSuperWeight& w : expert_candidates(model, a, it->second, o)) d.candidates.push_back(std::move(w));
  }
  std::stable_sort(d.candidates.begin(), d.candidates.end(),
                   [](const ExpertSuperWeight& a, const ExpertSuperWeight& b) { return a.co_spike_score > b.co_spike_score; });
  if (o.causal_scoring) score_causally(model, samples, d);
  return d;
}

}  // namespace owb
