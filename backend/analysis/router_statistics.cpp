#include "router_statistics.h"

#include "errors.h"
#include "moe.h"

#include <algorithm>
#include <cmath>

namespace owb {

RouterStatistics::RouterStatistics(const MoeConfig& moe, std::vector<int64_t> layers, int64_t batches, int64_t top_pairs)
    : moe_(moe), layers_(std::move(layers)), batches_(batches), top_pairs_(top_pairs) {
  if (moe_.num_experts == 0) throw InputError("router statistics: the model has no experts");
  const int64_t E = moe_.num_experts;
  for (int64_t l : layers_) {
    Accumulator& a = acc_[l];
    a.routed = at::zeros({E}, at::kLong);
    a.weight_sum = at::zeros({E}, at::kDouble);
    a.score_sum = at::zeros({E}, at::kDouble);
    a.pairs = at::zeros({E, E}, at::kLong);
  }
}

void RouterStatistics::subscribe(Hooks& hooks) {
  for (int64_t l : layers_)
    hooks.add(hook_name(l, HookKind::RouterLogits), [this](const HookSite& site, at::Tensor& x) { add(site.layer, x); });
}

void RouterStatistics::add(int64_t layer, const at::Tensor& logits) {
  auto it = acc_.find(layer);
  if (it == acc_.end()) return;
  const int64_t E = moe_.num_experts;
  if (logits.size(-1) != E)
    throw InputError("router statistics: layer_" + std::to_string(layer) + "_router_logits has " +
                     std::to_string(logits.size(-1)) + " columns, expected " + std::to_string(E));
  at::Tensor flat = logits.reshape({-1, E}).to(at::kCPU, at::kFloat);
  if (!at::isfinite(flat).all().item<bool>())
    throw InputError("router statistics: non-finite value in layer_" + std::to_string(layer) + "_router_logits");
  auto bias = correction_bias_.find(layer);
  Routing r = route_tokens(flat, moe_, bias == correction_bias_.end() ? at::Tensor() : bias->second);
  at::Tensor chosen = at::zeros({flat.size(0), E}, at::kDouble).scatter_(1, r.experts, 1.0);  // [N, E] one-hot of the k
  Accumulator& a = it->second;
  a.tokens += flat.size(0);
  a.routed += chosen.sum(0).to(at::kLong);
  a.weight_sum += at::zeros({flat.size(0), E}, at::kDouble).scatter_(1, r.experts, r.weights.to(at::kDouble)).sum(0);
  at::Tensor scores = moe_.scoring == "sigmoid" ? at::sigmoid(flat) : at::softmax(flat, -1);
  a.score_sum += scores.to(at::kDouble).sum(0);
  a.pairs += at::matmul(chosen.t(), chosen).round().to(at::kLong);
  if (++a.batches == batches_ && on_layer_complete) on_layer_complete(layer_stats(layer));
}

LayerRouterStats RouterStatistics::layer_stats(int64_t layer) const {
  const Accumulator& a = acc_.at(layer);
  const int64_t E = moe_.num_experts;
  LayerRouterStats s;
  s.layer = layer;
  s.tokens = a.tokens;
  auto routed = a.routed.accessor<int64_t, 1>();
  auto weight = a.weight_sum.accessor<double, 1>();
  auto score = a.score_sum.accessor<double, 1>();
  const double assignments = static_cast<double>(a.tokens * moe_.top_k);
  for (int64_t e = 0; e < E; ++e) {
    s.routed.push_back(routed[e]);
    s.activation_probability.push_back(a.tokens ? static_cast<double>(routed[e]) / a.tokens : 0.0);
    s.mean_gate_weight.push_back(routed[e] ? weight[e] / routed[e] : 0.0);
    s.mean_router_probability.push_back(a.tokens ? score[e] / a.tokens : 0.0);
    const double p = assignments > 0 ? routed[e] / assignments : 0.0;
    if (p > 0) s.load_entropy -= p * std::log(p);
  }
  s.load_entropy_normalized = E > 1 ? s.load_entropy / std::log(static_cast<double>(E)) : 1.0;
  auto pairs = a.pairs.accessor<int64_t, 2>();
  for (int64_t i = 0; i < E; ++i)
    for (int64_t j = i + 1; j < E; ++j)
      if (pairs[i][j] > 0) s.top_pairs.push_back({i, j, pairs[i][j]});
  std::stable_sort(s.top_pairs.begin(), s.top_pairs.end(), [](const ExpertPair& x, const ExpertPair& y) { return x.tokens > y.tokens; });
  if (static_cast<int64_t>(s.top_pairs.size()) > top_pairs_) s.top_pairs.resize(static_cast<size_t>(top_pairs_));
  return s;
}

std::vector<LayerRouterStats> RouterStatistics::all_stats() const {
  std::vector<LayerRouterStats> out;
  for (int64_t l : layers_) out.push_back(layer_stats(l));
  return out;
}

nlohmann::json to_json(const LayerRouterStats& s) {
  nlohmann::json pairs = nlohmann::json::array();
  for (const auto& p : s.top_pairs)
    pairs.push_back({{"experts", {p.a, p.b}}, {"tokens", p.tokens}, {"share", s.tokens ? double(p.tokens) / s.tokens : 0.0}});
  return {{"layer", s.layer},
          {"tokens", s.tokens},
          {"routed_tokens", s.routed},
          {"activation_probability", s.activation_probability},
          {"mean_gate_weight", s.mean_gate_weight},
          {"mean_router_probability", s.mean_router_probability},
          {"load_balance_entropy", s.load_entropy},
          {"load_balance_entropy_normalized", s.load_entropy_normalized},
          {"top_pairs", pairs}};
}

nlohmann::json router_stats_json(const RouterStatistics& stats, const MoeConfig& moe, const std::string& model) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& s : stats.all_stats()) layers.push_back(to_json(s));
  return {{"format", "owb.router_stats"}, {"v", 1},           {"model", model},        {"num_experts", moe.num_experts},
          {"top_k", moe.top_k},           {"norm_topk_prob", moe.norm_topk_prob}, {"scoring", moe.scoring},
          {"layers", layers}};
}

}  // namespace owb
