#include "adamw.h"

#include <ATen/core/grad_mode.h>

#include <cmath>

namespace owb {

AdamW::AdamW(std::vector<at::Tensor> parameters, AdamWSettings settings, const StateAllocator& new_state)
    : params_(std::move(parameters)), s_(settings) {
  for (const auto& p : params_) {
    m_.push_back(new_state ? new_state(p) : at::zeros_like(p, p.options().requires_grad(false)));
    v_.push_back(new_state ? new_state(p) : at::zeros_like(p, p.options().requires_grad(false)));
  }
}

void AdamW::step() {
  at::NoGradGuard no_grad;
  ++step_;
  const double correction1 = 1 - std::pow(s_.beta1, static_cast<double>(step_));
  const double correction2 = 1 - std::pow(s_.beta2, static_cast<double>(step_));
  for (size_t i = 0; i < params_.size(); ++i) {
    at::Tensor& p = params_[i];
    const at::Tensor& g = p.grad();
    if (!g.defined()) continue;
    p.mul_(1 - s_.lr * s_.weight_decay);
    m_[i].mul_(s_.beta1).add_(g, 1 - s_.beta1);
    v_[i].mul_(s_.beta2).addcmul_(g, g, 1 - s_.beta2);
    at::Tensor denom = (v_[i] / correction2).sqrt_().add_(s_.eps);
    p.addcdiv_(m_[i], denom, -s_.lr / correction1);
  }
}

double gradient_norm(const std::vector<at::Tensor>& parameters) {
  double sum = 0;
  for (const auto& p : parameters)
    if (p.grad().defined()) sum += p.grad().to(at::kDouble).pow(2).sum().item<double>();
  return std::sqrt(sum);
}

void scale_gradients(const std::vector<at::Tensor>& parameters, double factor) {
  at::NoGradGuard no_grad;
  for (const auto& p : parameters)
    if (p.grad().defined()) p.grad().mul_(factor);
}

}  // namespace owb
