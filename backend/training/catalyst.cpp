#include "catalyst.h"

#include "errors.h"

#include <ATen/core/grad_mode.h>

#include <random>

namespace owb {

namespace {

// The nearest token of each embedding row: argmin_v ||e - E_v||^2 = argmin_v ||E_v||^2 - 2 e.E_v
at::Tensor nearest_tokens(const at::Tensor& embeddings, const at::Tensor& table, const at::Tensor& table_sq_norms) {
  at::Tensor scores = table_sq_norms.unsqueeze(0) - 2 * at::matmul(embeddings.reshape({-1, table.size(1)}), table.t());
  return scores.argmin(1).reshape({embeddings.size(0), embeddings.size(1)});
}

double snapped_loss(TrainableModel& model, const at::Tensor& ids) {
  int64_t count = 0;
  double nll = model.next_token_nll_sum(ids, &count);
  return nll / static_cast<double>(count);
}

}  // namespace

Catalyst generate_catalyst(TrainableModel& model, const CatalystSettings& s) {
  if (s.length < 2) throw InputError("catalyst length must be at least 2 tokens");
  at::NoGradGuard no_grad;
  const int64_t V = model.config().vocab_size;
  at::Tensor table = model.embedding_matrix().narrow(0, 0, V).to(at::kFloat);
  at::Tensor sq_norms = table.pow(2).sum(1);
  const double row_rms = sq_norms.mean().sqrt().item<double>();
  std::mt19937_64 rng(s.seed);
  std::uniform_int_distribution<int64_t> token(0, V - 1);
  at::Tensor ids = at::empty({1, s.length}, at::kLong);
  for (int64_t t = 0; t < s.length; ++t) ids[0][t] = token(rng);
  ids = ids.to(table.device());
  at::Tensor e = at::embedding(table, ids);
  Catalyst best{std::vector<int32_t>(), snapped_loss(model, ids)};
  best.initial_loss = best.loss;
  at::Tensor best_ids = ids;
  for (int64_t step = 0; step < s.steps; ++step) {
    at::Tensor targets = nearest_tokens(e, table, sq_norms);
    at::Tensor grad;
    model.loss_gradient_wrt_embeddings(e, targets, &grad);
    at::Tensor direction = grad / (grad.norm(2, -1, /*keepdim=*/true) + 1e-12);
    e = e + s.step_size * row_rms * direction;
    at::Tensor snapped = nearest_tokens(e, table, sq_norms);
    double loss = snapped_loss(model, snapped);
    best.loss_history.push_back(loss);
    if (loss > best.loss) best.loss = loss, best_ids = snapped;
  }
  at::Tensor cpu = best_ids.reshape({-1}).to(at::kCPU);
  for (int64_t t = 0; t < s.length; ++t) best.ids.push_back(static_cast<int32_t>(cpu[t].item<int64_t>()));
  return best;
}

}  // namespace owb
