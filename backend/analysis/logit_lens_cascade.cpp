#include "logit_lens_cascade.h"

#include "errors.h"
#include "model.h"

namespace owb {

TokenMetricSums logit_lens_sums(Model& model, const at::Tensor& resid, const ScoredWindow& window,
                                const at::Tensor& stopword_ids) {
  return window_metric_sums(model, model.final_norm(resid), window, stopword_ids);
}

std::vector<int64_t> cascade_layers(int64_t num_layers, int64_t every) {
  if (every < 1) throw InputError("--cascade-every must be at least 1");
  std::vector<int64_t> layers;
  for (int64_t l = 0; l < num_layers; l += every) layers.push_back(l);
  if (num_layers > 0 && layers.back() != num_layers - 1) layers.push_back(num_layers - 1);
  return layers;
}

Cascade cascade_deltas(const PassResult& intact, const PassResult& zeroed) {
  if (intact.lens_layers != zeroed.lens_layers || intact.lens.size() != intact.lens_layers.size() ||
      zeroed.lens.size() != zeroed.lens_layers.size())
    throw std::logic_error("cascade: the passes were measured at different layers");
  Cascade c;
  c.layers = intact.lens_layers;
  for (size_t i = 0; i < c.layers.size(); ++i) {
    TokenMetrics a = mean_metrics(intact.lens[i]), z = mean_metrics(zeroed.lens[i]);
    c.entropy.push_back(a.entropy);
    c.margin.push_back(a.topk_margin);
    c.delta_entropy.push_back(z.entropy - a.entropy);
    c.delta_margin.push_back(z.topk_margin - a.topk_margin);
    c.delta_loss.push_back(z.loss - a.loss);
  }
  return c;
}

}  // namespace owb
