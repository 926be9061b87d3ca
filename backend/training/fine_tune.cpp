#include "fine_tune.h"

#include <cmath>

namespace owb {

namespace {

constexpr double kInitialFp16Scale = 65536.0;
constexpr int64_t kGrowthInterval = 2000;

std::vector<at::Tensor> parameter_tensors(const TrainableModel& model) {
  std::vector<at::Tensor> out;
  for (const auto& p : model.parameters()) out.push_back(p.value);
  return out;
}

}  // namespace

FineTuneResult fine_tune(TrainableModel& model, const TrainingBatches& batches, const FineTuneSettings& settings,
                         const StepCallback& on_step) {
  std::vector<at::Tensor> params = parameter_tensors(model);
  AdamW optimizer(params, settings.adamw, [&model](const at::Tensor& p) { return model.new_state_like(p); });
  const bool fp16 = model.options().compute_dtype == at::kHalf;
  FineTuneResult result;
  double scale = fp16 ? kInitialFp16Scale : 1.0;
  int64_t good_steps = 0;
  for (int64_t step = 0; step < settings.steps; ++step) {
    model.zero_grad();
    double loss = model.backward_lm_loss(batches(step), scale);
    result.losses.push_back(loss);
    if (on_step) on_step(step, loss);
    if (scale != 1.0) scale_gradients(params, 1.0 / scale);
    double norm = gradient_norm(params);
    if (!std::isfinite(norm)) {
      ++result.skipped_steps;
      if (fp16) scale /= 2, good_steps = 0;
      continue;  // never apply an overflowed (or diverged) update
    }
    if (settings.max_grad_norm > 0 && norm > settings.max_grad_norm) scale_gradients(params, settings.max_grad_norm / norm);
    optimizer.step();
    if (fp16 && ++good_steps == kGrowthInterval) scale *= 2, good_steps = 0;
  }
  model.zero_grad();
  result.final_loss_scale = scale;
  return result;
}

}  // namespace owb
