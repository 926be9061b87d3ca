#include "perplexity.h"

#include "errors.h"
#include "model.h"

#include <algorithm>
#include <cmath>

namespace owb {

std::vector<ScoredWindow> fixed_length_windows(const std::vector<std::vector<int32_t>>& sequences) {
  std::vector<ScoredWindow> out;
  for (const auto& s : sequences) out.push_back({s, 1});
  return out;
}

std::vector<ScoredWindow> sliding_windows(const std::vector<int32_t>& stream, int64_t window, int64_t stride) {
  if (window < 2) throw InputError("perplexity.window must be at least 2");
  if (stride < 1 || stride > window) throw InputError("perplexity.stride must be in [1, window]");
  const int64_t n = static_cast<int64_t>(stream.size());
  std::vector<ScoredWindow> out;
  int64_t scored_until = 0;  // targets before this index are already scored (index 0 never is)
  for (int64_t begin = 0; begin < n; begin += stride) {
    int64_t end = std::min(begin + window, n);
    if (end - begin < 2 || end <= scored_until) break;
    ScoredWindow w;
    w.ids.assign(stream.begin() + begin, stream.begin() + end);
    w.score_from = std::max<int64_t>(1, scored_until - begin);
    out.push_back(std::move(w));
    scored_until = end;
    if (end == n) break;
  }
  return out;
}

std::vector<double> target_nll(Model& model, const at::Tensor& final_hidden, const std::vector<int32_t>& ids,
                               int64_t score_from, int64_t chunk) {
  if (chunk < 1) chunk = 1;
  const int64_t T = static_cast<int64_t>(ids.size());
  if (final_hidden.dim() != 2 || final_hidden.size(0) != T)
    throw std::logic_error("target_nll: final hidden states must be [T, D] for T ids");
  std::vector<int64_t> ids64(ids.begin(), ids.end());
  at::Tensor targets = at::tensor(ids64, at::kLong).to(final_hidden.device());
  std::vector<double> out;
  out.reserve(std::max<int64_t>(0, T - score_from));
  // Logits at position p predict the token at p + 1.
  for (int64_t p0 = score_from - 1; p0 < T - 1; p0 += chunk) {
    int64_t p1 = std::min(p0 + chunk, T - 1);
    at::Tensor logits = model.logits(final_hidden.slice(0, p0, p1));        // [P, V] fp32
    at::Tensor lse = at::logsumexp(logits, -1);                              // [P], fused, fp32
    at::Tensor picked = logits.gather(-1, targets.slice(0, p0 + 1, p1 + 1).unsqueeze(-1)).squeeze(-1);
    at::Tensor nll = (lse - picked).to(at::kCPU, at::kDouble).contiguous();
    const double* v = nll.data_ptr<double>();
    out.insert(out.end(), v, v + nll.numel());
  }
  return out;
}

// Consecutive windows of equal length, at most `batch_size` per batch.
std::vector<std::vector<size_t>> group_windows(const std::vector<ScoredWindow>& windows, int64_t batch_size) {
  std::vector<std::vector<size_t>> groups;
  for (size_t w = 0; w < windows.size(); ++w) {
    bool fits = !groups.empty() && static_cast<int64_t>(groups.back().size()) < batch_size &&
                windows[groups.back().front()].ids.size() == windows[w].ids.size();
    if (!fits) groups.emplace_back();
    groups.back().push_back(w);
  }
  return groups;
}

at::Tensor group_ids(const std::vector<ScoredWindow>& windows, const std::vector<size_t>& group) {
  std::vector<int64_t> flat;
  for (size_t w : group) flat.insert(flat.end(), windows[w].ids.begin(), windows[w].ids.end());
  return at::tensor(flat, at::kLong).view({static_cast<int64_t>(group.size()), static_cast<int64_t>(windows[group[0]].ids.size())});
}

std::vector<std::vector<size_t>> evaluate_windows(
    Model& model, const std::vector<ScoredWindow>& windows, int64_t batch_size, const Hooks& hooks,
    const std::function<void(size_t window, const std::vector<double>& nll)>& on_window,
    const std::function<void(int64_t done, int64_t total)>& on_batch) {
  if (batch_size < 1) throw InputError("perplexity batch size must be at least 1");
  std::vector<std::vector<size_t>> groups = group_windows(windows, batch_size);
  std::vector<at::Tensor> batches;
  for (const auto& g : groups) batches.push_back(group_ids(windows, g));
  int64_t done = 0;
  model.run(batches, hooks, [&](int64_t b, const at::Tensor& hidden) {
    for (size_t r = 0; r < groups[b].size(); ++r) {
      const ScoredWindow& w = windows[groups[b][r]];
      on_window(groups[b][r], target_nll(model, hidden[static_cast<int64_t>(r)], w.ids, w.score_from));
    }
    if (on_batch) on_batch(++done, static_cast<int64_t>(groups.size()));
  });
  return groups;
}

NllTotals evaluate_nll(Model& model, const std::vector<ScoredWindow>& windows, int64_t batch_size, const Hooks& hooks) {
  NllTotals totals;
  evaluate_windows(model, windows, batch_size, hooks, [&](size_t, const std::vector<double>& nll) { totals.add(nll); });
  return totals;
}

void NllTotals::add(const std::vector<double>& nll) {
  for (double v : nll) {
    sum += v;
    sum_squares += v * v;
  }
  count += static_cast<int64_t>(nll.size());
}

void NllTotals::add(const NllTotals& o) {
  sum += o.sum;
  sum_squares += o.sum_squares;
  count += o.count;
}

double NllTotals::perplexity() const { return std::exp(mean()); }

double NllTotals::perplexity_stderr() const {
  if (count < 2) return 0.0;
  double m = mean();
  double variance = std::max(0.0, (sum_squares - count * m * m) / (count - 1));
  return perplexity() * std::sqrt(variance / count);
}

}  // namespace owb
