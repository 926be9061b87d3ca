#include "damage_measurement.h"

#include "effective_rank.h"
#include "errors.h"

#include <ATen/core/grad_mode.h>

#include <cmath>

namespace owb {

namespace {

at::Tensor window_batch(const std::vector<std::vector<int32_t>>& windows, size_t first, size_t count) {
  const int64_t T = static_cast<int64_t>(windows[first].size());
  at::Tensor ids = at::empty({static_cast<int64_t>(count), T}, at::kLong);
  for (size_t b = 0; b < count; ++b) {
    const auto& w = windows[first + b];
    if (static_cast<int64_t>(w.size()) != T) throw InputError("held-out windows must all have the same length");
    for (int64_t t = 0; t < T; ++t) ids[static_cast<int64_t>(b)][t] = w[static_cast<size_t>(t)];
  }
  return ids;
}

}  // namespace

DamageMeasurement measure_damage_state(TrainableModel& model, const std::vector<std::vector<int32_t>>& windows,
                                       const DamageMeasurementSettings& settings) {
  if (windows.empty() || windows[0].size() < 2) throw InputError("held-out text: no window of at least 2 tokens");
  at::NoGradGuard no_grad;
  DamageMeasurement m;
  const int64_t L = model.num_layers();
  std::vector<std::vector<at::Tensor>> rows(static_cast<size_t>(L));
  double nll = 0;
  for (size_t first = 0; first < windows.size(); first += static_cast<size_t>(settings.batch_size)) {
    size_t count = std::min(windows.size() - first, static_cast<size_t>(settings.batch_size));
    at::Tensor ids = window_batch(windows, first, count);
    std::vector<at::Tensor> stream = model.residual_stream(ids);
    for (int64_t i = 0; i < L; ++i) {
      const at::Tensor& h = stream[static_cast<size_t>(i + 1)];
      rows[static_cast<size_t>(i)].push_back(h.narrow(1, 1, h.size(1) - 1).reshape({-1, h.size(2)}).to(at::kCPU, at::kFloat));
    }
    int64_t predictions = 0;
    nll += model.next_token_nll_sum(stream.back(), ids, &predictions);  // the head on this pass's stream
    m.predictions += predictions;
  }
  m.perplexity = std::exp(nll / static_cast<double>(m.predictions));
  for (auto& layer_rows : rows) {
    at::Tensor matrix = at::cat(layer_rows, 0);
    m.hidden_rows = matrix.size(0);
    m.hidden_erank.push_back(hidden_state_effective_rank(matrix, settings.centre_hidden));
    layer_rows.clear();
  }
  if (settings.weight_ranks)
    for (const auto& w : model.layer_weight_matrices()) m.weight_erank.emplace_back(w.name, effective_rank(w.value));
  return m;
}

}  // namespace owb
