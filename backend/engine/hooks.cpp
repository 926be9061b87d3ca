#include "hooks.h"

namespace owb {

std::string hook_name(int64_t layer, HookKind kind) {
  static const char* suffix[] = {"ln_attn", "ln_mlp", "mlp_down_in", "mlp_down_out", "resid_post", "router_logits",
                                 "expert_down_in", "expert_down_out"};
  return "layer_" + std::to_string(layer) + "_" + suffix[static_cast<int>(kind)];
}

std::string expert_hook_name(int64_t layer, int64_t expert, HookKind kind) {
  return "layer_" + std::to_string(layer) + "_expert_" + std::to_string(expert) +
         (kind == HookKind::ExpertDownOut ? "_down_out" : "_down_in");
}

std::vector<std::string> moe_hook_names(int64_t layer, int64_t experts) {
  std::vector<std::string> out = {hook_name(layer, HookKind::RouterLogits)};
  for (int64_t e = 0; e < experts; ++e)
    for (HookKind k : {HookKind::ExpertDownIn, HookKind::ExpertDownOut}) out.push_back(expert_hook_name(layer, e, k));
  return out;
}

std::vector<std::string> all_hook_names(int64_t layers) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < layers; ++i)
    for (HookKind k : {HookKind::LnAttn, HookKind::LnMlp, HookKind::MlpDownIn, HookKind::MlpDownOut, HookKind::ResidPost})
      out.push_back(hook_name(i, k));
  return out;
}

bool glob_match(const std::string& pattern, const std::string& text) {
  // Iterative '*' matcher with backtracking to the last star.
  size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == text[t]) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void Hooks::add(const std::string& pattern, HookFn fn) { entries_.push_back({pattern, std::move(fn)}); }

bool Hooks::wants(const std::string& name) const {
  for (const auto& e : entries_)
    if (glob_match(e.pattern, name)) return true;
  return false;
}

void Hooks::fire(const HookSite& site, at::Tensor& activation) const {
  for (const auto& e : entries_)
    if (glob_match(e.pattern, site.name)) e.fn(site, activation);
}

HookFn set_channel(int64_t index, double value) {
  return [index, value](const HookSite&, at::Tensor& x) { x.select(-1, index).fill_(value); };
}

HookFn set_element(int64_t position, int64_t index, double value) {
  return [position, index, value](const HookSite&, at::Tensor& x) {
    if (position < x.size(1)) x.select(1, position).select(-1, index).fill_(value);
  };
}

}  // namespace owb
