#include "super_weight_impact.h"

#include "model.h"

#include <map>

namespace owb {

namespace {

// The super activation a super weight produces: in each sequence, the position of the largest
// |mlp_down_out[..., row]| of its layer and the value there (the paper's removeSW_restoreSA).
struct SuperActivation {
  int64_t position;
  double value;
};
using ActivationsBySequence = std::map<int64_t, SuperActivation>;  // sequence index -> its maximum

void record_super_activations(Hooks& hooks, const SuperWeight& w, ActivationsBySequence& out) {
  hooks.add(hook_name(w.layer, HookKind::MlpDownOut), [&out, row = w.row](const HookSite& site, at::Tensor& x) {
    at::Tensor channel = x.select(-1, row).to(at::kFloat).to(at::kCPU);  // [B, T]
    at::Tensor where = channel.abs().argmax(1);
    for (int64_t b = 0; b < channel.size(0); ++b) {
      int64_t p = where[b].item<int64_t>();
      out[site.first_sequence + b] = {p, channel[b][p].item<double>()};
    }
  });
}

void write_back_super_activations(Hooks& hooks, const SuperWeight& w, const ActivationsBySequence& in) {
  hooks.add(hook_name(w.layer, HookKind::MlpDownOut), [&in, row = w.row](const HookSite& site, at::Tensor& x) {
    for (int64_t b = 0; b < x.size(0); ++b) {
      const SuperActivation& a = in.at(site.first_sequence + b);
      x[b][a.position][row].fill_(a.value);
    }
  });
}

void zero_all(Model& model, const std::vector<SuperWeight>& sws) {
  for (const SuperWeight& w : sws) model.set_weight(w.tensor, w.row, w.col, 0.0);
}

}  // namespace

SuperWeightImpact measure_super_weight_impact(Model& model, const std::vector<SuperWeight>& sws,
                                              const std::vector<ScoredWindow>& windows, int64_t batch_size) {
  SuperWeightImpact impact;
  model.restore_weights();
  std::vector<ActivationsBySequence> activations(sws.size());
  Hooks recorders;
  for (size_t i = 0; i < sws.size(); ++i) record_super_activations(recorders, sws[i], activations[i]);
  impact.baseline = evaluate_nll(model, windows, batch_size, recorders);
  for (const SuperWeight& w : sws) {
    model.set_weight(w.tensor, w.row, w.col, 0.0);
    impact.zeroed_alone.push_back(evaluate_nll(model, windows, batch_size, Hooks()));
    model.restore_weights();
  }
  if (sws.empty()) return impact;
  zero_all(model, sws);
  impact.zeroed_all = evaluate_nll(model, windows, batch_size, Hooks());
  Hooks restorers;
  for (size_t i = 0; i < sws.size(); ++i) write_back_super_activations(restorers, sws[i], activations[i]);
  impact.zeroed_all_activation_restored = evaluate_nll(model, windows, batch_size, restorers);
  model.restore_weights();
  return impact;
}

}  // namespace owb
