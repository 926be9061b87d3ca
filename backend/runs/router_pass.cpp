// The router pass: sequences through the layers of an MoE model with RouterStatistics on the
// router_logits hook points; a "router_stats" event as each layer completes, then
// router_stats.json. Layers after the last sparse one are not run.
#include "analysis_job.h"
#include "errors.h"
#include "job_inputs.h"
#include "router_statistics.h"

#include <sstream>

namespace owb {

void run_router_pass(const JobInputs& in, RunContext& ctx) {
  const JobConfig& c = in.config;
  ModelConfig cfg = load_model_config(in.model_dir);
  if (cfg.moe.num_experts == 0) throw InputError("router statistics: " + c.model.name + " (" + cfg.model_type + ") has no experts");
  std::vector<int64_t> layers;
  for (int64_t i = 0; i < cfg.num_hidden_layers; ++i)
    if (cfg.moe.is_sparse(i) && (!c.analysis.layers || std::count(c.analysis.layers->begin(), c.analysis.layers->end(), i)))
      layers.push_back(i);
  if (layers.empty()) throw InputError("router statistics: none of the analysed layers is an MoE layer");
  EngineOptions engine = in.engine;
  engine.layer_limit = layers.back() + 1;  // no logits needed
  std::vector<at::Tensor> batches = batch_sequences(in.sequences, c.analysis.batch_size);

  RouterStatistics stats(cfg.moe, layers, static_cast<int64_t>(batches.size()));
  stats.on_layer_complete = [&](const LayerRouterStats& s) {
    nlohmann::json e = to_json(s);
    e["event"] = "router_stats";
    ctx.event(e);
    std::ostringstream msg;
    msg << "layer " << s.layer << ": load entropy " << s.load_entropy_normalized << " of the maximum, busiest expert ";
    auto busiest = std::max_element(s.activation_probability.begin(), s.activation_probability.end());
    msg << (busiest - s.activation_probability.begin()) << " routed for " << *busiest * 100 << "% of tokens";
    ctx.log("INFO", msg.str());
  };
  Hooks hooks;
  stats.subscribe(hooks);
  Model model(in.model_dir, engine);
  for (int64_t l : layers) {
    const std::string bias = model.family().layer_prefix(l) + "mlp.gate.e_score_correction_bias";
    if (model.checkpoint().has(bias)) stats.set_correction_bias(l, model.checkpoint().load(bias, at::kFloat, at::kCPU));
  }
  ctx.log("INFO", "router pass: " + std::to_string(layers.size()) + " MoE layers, " + std::to_string(cfg.moe.num_experts) +
                      " experts, top-" + std::to_string(cfg.moe.top_k) + ", " + std::to_string(batches.size()) + " batches");
  model.run(batches, hooks, {}, [&](int64_t done, int64_t total) { ctx.progress("layer", done, total); });
  ctx.write_artifact("router_stats.json", router_stats_json(stats, cfg.moe, c.model.name));
}

}  // namespace owb
