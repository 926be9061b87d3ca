#pragma once
// Full fine-tuning: AdamW on every parameter, global gradient-norm clipping, and for fp16
// dynamic loss scaling (Micikevicius et al. 2018: scale the loss so small gradients survive
// fp16, skip a step whose gradients overflowed and halve the scale, double it after a run of
// good steps). bf16 and fp32 need no scaling.
#include "adamw.h"
#include "trainable_model.h"

#include <functional>
#include <vector>

namespace owb {

struct FineTuneSettings {
  int64_t steps = 100;
  AdamWSettings adamw;
  double max_grad_norm = 1.0;  // <= 0: no clipping
};

struct FineTuneResult {
  std::vector<double> losses;  // per step, before the update
  int64_t skipped_steps = 0;   // fp16 overflow
  double final_loss_scale = 1.0;
};

// The batch of step s: token ids [B, T].
using TrainingBatches = std::function<at::Tensor(int64_t step)>;
using StepCallback = std::function<void(int64_t step, double loss)>;

FineTuneResult fine_tune(TrainableModel& model, const TrainingBatches& batches, const FineTuneSettings& settings,
                         const StepCallback& on_step = {});

}  // namespace owb
