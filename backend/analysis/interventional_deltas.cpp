#include "interventional_deltas.h"

#include "bootstrap.h"
#include "errors.h"
#include "logit_lens_cascade.h"
#include "model.h"
#include "super_weight_detection.h"
#include "token_class_enrichment.h"
#include "tokenizer.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace owb {

void TokenMetricSums::add(const TokenMetricSums& o) {
  tokens += o.tokens;
  loss += o.loss;
  entropy += o.entropy;
  margin += o.margin;
  stopword_mass += o.stopword_mass;
}

TokenMetrics mean_metrics(const TokenMetricSums& s) {
  if (s.tokens == 0) return {};
  const double n = static_cast<double>(s.tokens);
  return {s.loss / n, s.entropy / n, s.margin / n, s.stopword_mass / n};
}

TokenMetrics metric_delta(const TokenMetrics& a, const TokenMetrics& b) {
  return {a.loss - b.loss, a.entropy - b.entropy, a.topk_margin - b.topk_margin, a.stopword_mass - b.stopword_mass};
}

TokenMetricSums distribution_metric_sums(const at::Tensor& logits, const at::Tensor& targets,
                                         const at::Tensor& stopword_ids, at::Tensor* probability_sum) {
  if (logits.dim() != 2 || targets.dim() != 1 || targets.size(0) != logits.size(0))
    throw std::logic_error("distribution metrics: logits must be [P, V] with P targets");
  TokenMetricSums s;
  s.tokens = logits.size(0);
  if (s.tokens == 0) return s;
  at::Tensor logp = at::log_softmax(logits.to(at::kFloat), -1);  // [P, V]
  at::Tensor p = logp.exp();
  at::Tensor nll = -logp.gather(-1, targets.to(logits.device(), at::kLong).unsqueeze(-1)).squeeze(-1);
  // 0 log 0 = 0: a probability that underflowed (or a -inf logit) contributes nothing.
  at::Tensor entropy = -at::where(p > 0, p * logp, at::zeros_like(p)).sum(-1);
  at::Tensor margin = p.size(-1) >= 2 ? [&] {
    at::Tensor top = std::get<0>(p.topk(2, -1));
    return (top.select(-1, 0) - top.select(-1, 1)).contiguous();
  }() : p.select(-1, 0).contiguous();
  at::Tensor stop = stopword_ids.numel() ? p.index_select(-1, stopword_ids.to(p.device(), at::kLong)).sum(-1)
                                         : at::zeros_like(nll);
  // One transfer for all four sums.
  at::Tensor sums = at::stack({nll, entropy, margin, stop}).to(at::kDouble).sum(1).to(at::kCPU);
  const double* v = sums.data_ptr<double>();
  s.loss = v[0], s.entropy = v[1], s.margin = v[2], s.stopword_mass = v[3];
  if (probability_sum) {
    at::Tensor add = p.to(at::kDouble).sum(0);
    *probability_sum = probability_sum->defined() ? *probability_sum + add : add;
  }
  return s;
}

TokenMetricSums window_metric_sums(Model& model, const at::Tensor& normed_hidden, const ScoredWindow& w,
                                   const at::Tensor& stopword_ids, at::Tensor* probability_sum, int64_t chunk) {
  const int64_t T = static_cast<int64_t>(w.ids.size());
  if (normed_hidden.dim() != 2 || normed_hidden.size(0) != T)
    throw std::logic_error("window metrics: hidden states must be [T, D] for T ids");
  std::vector<int64_t> ids64(w.ids.begin(), w.ids.end());
  at::Tensor targets = at::tensor(ids64, at::kLong);
  TokenMetricSums total;
  // Logits at position p predict the token at p + 1.
  for (int64_t p0 = w.score_from - 1; p0 < T - 1; p0 += std::max<int64_t>(1, chunk)) {
    int64_t p1 = std::min(p0 + std::max<int64_t>(1, chunk), T - 1);
    at::Tensor logits = model.logits(normed_hidden.slice(0, p0, p1));
    total.add(distribution_metric_sums(logits, targets.slice(0, p0 + 1, p1 + 1), stopword_ids, probability_sum));
  }
  return total;
}

std::vector<int64_t> stopword_token_ids(const Tokenizer& tokenizer) {
  std::set<int64_t> ids;
  for (const std::string& word : english_function_words()) {
    std::string capital = word;
    capital[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(capital[0])));
    for (const std::string& form : {word, " " + word, capital, " " + capital}) {
      std::vector<int32_t> enc = tokenizer.encode(form, /*add_special_tokens=*/false);
      if (enc.size() == 1) ids.insert(enc[0]);
    }
  }
  return {ids.begin(), ids.end()};
}

std::vector<ScoredWindow> analysis_windows(const std::vector<int32_t>& stream, int64_t window, int64_t stride,
                                           bool drop_first_token) {
  std::vector<ScoredWindow> windows = sliding_windows(stream, window, stride);
  if (!drop_first_token) return windows;
  std::vector<ScoredWindow> out;
  for (ScoredWindow& w : windows) {
    w.score_from = std::max<int64_t>(w.score_from, 2);
    if (w.score_from < static_cast<int64_t>(w.ids.size())) out.push_back(std::move(w));
  }
  return out;
}

TokenMetricSums PassResult::total() const {
  TokenMetricSums t;
  for (const auto& w : windows) t.add(w);
  return t;
}

PassResult evaluate_pass(Model& model, const std::vector<ScoredWindow>& windows, const at::Tensor& stopword_ids,
                         const Hooks& extra_hooks, const PassOptions& o) {
  if (o.batch_size < 1) throw InputError("--batch-size must be at least 1");
  PassResult r;
  r.windows.resize(windows.size());
  r.lens_layers = o.lens_layers;
  r.lens.resize(o.lens_layers.size());
  std::map<int64_t, size_t> lens_slot;
  for (size_t i = 0; i < o.lens_layers.size(); ++i) lens_slot[o.lens_layers[i]] = i;
  Hooks hooks = extra_hooks;
  if (!lens_slot.empty())
    hooks.add("layer_*_resid_post", [&](const HookSite& site, at::Tensor& x) {
      auto it = lens_slot.find(site.layer);
      if (it == lens_slot.end()) return;
      for (int64_t row = 0; row < x.size(0); ++row) {
        const ScoredWindow& w = windows[static_cast<size_t>(site.first_sequence + row)];
        r.lens[it->second].add(logit_lens_sums(model, x[row], w, stopword_ids));
      }
    });
  std::vector<std::vector<size_t>> groups = group_windows(windows, o.batch_size);
  std::vector<at::Tensor> batches;
  for (const auto& g : groups) batches.push_back(group_ids(windows, g));
  at::Tensor probabilities;
  int64_t done = 0;
  model.run(batches, hooks, [&](int64_t b, const at::Tensor& hidden) {
    for (size_t row = 0; row < groups[b].size(); ++row) {
      size_t w = groups[b][row];
      r.windows[w] = window_metric_sums(model, hidden[static_cast<int64_t>(row)], windows[w], stopword_ids,
                                        o.token_probabilities ? &probabilities : nullptr);
    }
    if (o.on_batch) o.on_batch(++done, static_cast<int64_t>(groups.size()));
  });
  if (probabilities.defined()) r.probability_sum = probabilities.to(at::kCPU);
  return r;
}

PassResult evaluate_with_weight_zeroed(Model& model, const std::string& tensor, const Coordinate& at,
                                       const std::vector<ScoredWindow>& windows, const at::Tensor& stopword_ids,
                                       const PassOptions& options) {
  model.set_weight(tensor, at.row, at.col, 0.0);
  try {
    PassResult r = evaluate_pass(model, windows, stopword_ids, Hooks(), options);
    model.restore_weights();
    return r;
  } catch (...) {
    model.restore_weights();
    throw;
  }
}

PassResult evaluate_with_neuron_zeroed(Model& model, int64_t layer, int64_t col,
                                       const std::vector<ScoredWindow>& windows, const at::Tensor& stopword_ids,
                                       const PassOptions& options) {
  const TensorInfo& info = model.checkpoint().info(down_proj_tensor(model, layer));
  if (col < 0 || info.shape.size() != 2 || col >= info.shape[1])
    throw InputError("neuron " + std::to_string(col) + " is outside the columns of " + down_proj_tensor(model, layer));
  Hooks hooks;
  hooks.add(hook_name(layer, HookKind::MlpDownIn), set_channel(col, 0.0));
  return evaluate_pass(model, windows, stopword_ids, hooks, options);
}

Coordinate random_control_coordinate(int64_t rows, int64_t cols, const std::vector<Coordinate>& excluded, uint64_t seed) {
  if (rows < 1 || cols < 1) throw InputError("random control: the tensor is empty");
  std::set<std::pair<int64_t, int64_t>> skip;
  for (const Coordinate& c : excluded)
    if (c.row >= 0 && c.row < rows && c.col >= 0 && c.col < cols) skip.insert({c.row, c.col});
  if (static_cast<int64_t>(skip.size()) >= rows * cols)
    throw InputError("random control: every coordinate of the tensor is a super weight");
  SeededRng rng(seed);
  for (;;) {
    Coordinate c{static_cast<int64_t>(rng.below(static_cast<uint64_t>(rows))),
                 static_cast<int64_t>(rng.below(static_cast<uint64_t>(cols)))};
    if (!skip.count({c.row, c.col})) return c;
  }
}

WindowDeltas window_deltas(const PassResult& changed, const PassResult& intact, double TokenMetricSums::*metric) {
  if (changed.windows.size() != intact.windows.size())
    throw std::logic_error("window deltas: the passes scored different windows");
  WindowDeltas d;
  for (size_t w = 0; w < intact.windows.size(); ++w) {
    if (changed.windows[w].tokens != intact.windows[w].tokens)
      throw std::logic_error("window deltas: window " + std::to_string(w) + " scored different tokens");
    d.sums.push_back(changed.windows[w].*metric - intact.windows[w].*metric);
    d.tokens.push_back(static_cast<double>(intact.windows[w].tokens));
  }
  return d;
}

}  // namespace owb
