#pragma once
// AdamW (Loshchilov & Hutter 2019, Algorithm 2): Adam's moment estimates with bias correction,
// and weight decay applied to the weights directly (decoupled), not through the gradient.
// States are fp32, on the parameters' device.
#include <ATen/ATen.h>

#include <functional>
#include <vector>

namespace owb {

struct AdamWSettings {
  double lr = 1e-4;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 0.01;
};

class AdamW {
 public:
  // `new_state`: where each moment lives (default: zeros beside its parameter).
  using StateAllocator = std::function<at::Tensor(const at::Tensor& parameter)>;
  AdamW(std::vector<at::Tensor> parameters, AdamWSettings settings, const StateAllocator& new_state = {});
  // One update from the parameters' current .grad() (parameters without a grad are skipped).
  void step();
  int64_t steps_taken() const { return step_; }

 private:
  std::vector<at::Tensor> params_, m_, v_;
  AdamWSettings s_;
  int64_t step_ = 0;
};

// Global gradient norm of the parameters (L2 over all of them).
double gradient_norm(const std::vector<at::Tensor>& parameters);
// Scales every gradient by `factor` (unscaling fp16 losses, clipping).
void scale_gradients(const std::vector<at::Tensor>& parameters, double factor);

}  // namespace owb
