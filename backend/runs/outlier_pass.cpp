// The outlier pass: sequences through the model with an OutlierCollector on the layer-norm
// outputs; batch files as batches complete, then final_analysis_results.json and layer_stats.json.
#include "errors.h"
#include "job_inputs.h"
#include "outlier_collector.h"
#include "outlier_results.h"

#include <numeric>

namespace owb {

namespace {

std::vector<int64_t> analysed_layers(const JobConfig& c, int64_t model_layers) {
  if (!c.analysis.layers) {
    std::vector<int64_t> all(model_layers);
    std::iota(all.begin(), all.end(), 0);
    return all;
  }
  std::vector<int64_t> layers = *c.analysis.layers;
  std::sort(layers.begin(), layers.end());
  layers.erase(std::unique(layers.begin(), layers.end()), layers.end());
  for (int64_t l : layers)
    if (l >= model_layers)
      throw InputError("analysis.layers: layer " + std::to_string(l) + " does not exist (the model has " +
                       std::to_string(model_layers) + " layers)");
  return layers;
}

std::vector<int64_t> batch_rows(const std::vector<at::Tensor>& batches) {
  std::vector<int64_t> rows;
  for (const auto& b : batches) rows.push_back(b.size(0));
  return rows;
}

// Positions seen by a hook after its first `batches_done` batches.
int64_t positions_after(const std::vector<int64_t>& rows, int64_t batches_done, int64_t sequence_length) {
  return std::accumulate(rows.begin(), rows.begin() + batches_done, int64_t(0)) * sequence_length;
}

OutlierRunSummary summary_skeleton(const JobInputs& in, const std::vector<int64_t>& rows) {
  const JobConfig& c = in.config;
  OutlierRunSummary s;
  s.model = c.model.name;
  s.dataset = c.dataset.name;
  s.num_sequences = static_cast<int64_t>(in.sequences.size());
  s.sequence_length = c.dataset.sequences.sequence_length;
  s.batch_size = c.analysis.batch_size;
  s.skip = c.dataset.sequences.skip;
  s.layers = c.analysis.layers ? nlohmann::json(*c.analysis.layers) : nlohmann::json(nullptr);
  s.experiment_name = c.output.experiment_name;
  s.criteria = c.analysis.criteria;
  s.model_info = {{"model_type", in.model_info["model_type"]}, {"layers", in.model_info["layers"]},
                  {"hidden_size", in.model_info["hidden_size"]}, {"total_params", in.model_info["total_params"]},
                  {"active_params", in.model_info["active_params"]}};
  s.positions_per_batch.assign(rows.size(), s.sequence_length);  // seed: positions pooled over a batch
  return s;
}

}  // namespace

void run_outlier_pass(const JobInputs& in, RunContext& ctx) {
  const JobConfig& c = in.config;
  const int64_t T = c.dataset.sequences.sequence_length;
  EngineOptions engine = in.engine;
  std::vector<int64_t> layers = analysed_layers(c, in.model_info["layers"].get<int64_t>());
  engine.layer_limit = layers.back() + 1;  // no logits needed: stop after the last analysed layer
  std::vector<at::Tensor> batches = batch_sequences(in.sequences, c.analysis.batch_size);
  std::vector<int64_t> rows = batch_rows(batches);

  OutlierCollector collector({layers, in.model_info["hidden_size"].get<int64_t>(), rows, T}, c.analysis.criteria);
  OutlierRunSummary summary = summary_skeleton(in, rows);
  summary.batch_results.resize(batches.size());
  std::vector<std::vector<OutlierRecord>> per_batch(batches.size());
  collector.on_batch_complete = [&](const BatchOutliers& b) {
    nlohmann::json j = batch_result_json(b, collector.hook_names(), c.analysis.criteria.magnitude_threshold, ctx.dir());
    ctx.write_artifact(batch_file_name(b.batch_id), j);
    summary.batch_results[b.batch_id - 1] = std::move(j);
    per_batch[b.batch_id - 1] = b.systematic;
    ctx.log("INFO", "batch " + std::to_string(b.batch_id) + "/" + std::to_string(batches.size()) + ": " +
                        std::to_string(b.systematic.size()) + " systematic outlier dims, " +
                        std::to_string(b.total_outlier_features) + " dims over the threshold");
  };
  const int64_t nb = static_cast<int64_t>(batches.size());
  collector.on_heatmap_row = [&](int64_t hook, int64_t done) {
    if (done == 1 || done == nb)  // a first look after one batch, then the final row
      ctx.event(layer_stats_event(collector.heatmap(), collector.hook_names(), hook, nb, positions_after(rows, done, T)));
  };

  Hooks hooks;
  collector.subscribe(hooks);
  Model model(in.model_dir, engine);
  ctx.log("INFO", "outlier pass: " + std::to_string(layers.size()) + " layers, " + std::to_string(nb) + " batches, " +
                      (engine.streaming ? "layer streaming" : "resident weights"));
  model.run(batches, hooks, {}, [&](int64_t done, int64_t total) { ctx.progress("layer", done, total); });

  for (auto& list : per_batch) summary.per_batch_systematic.insert(summary.per_batch_systematic.end(), list.begin(), list.end());
  summary.run_systematic = collector.systematic_over_run();
  summary.hook_tensors = static_cast<int64_t>(collector.hook_names().size());
  summary.positions_total = collector.positions_total();
  ctx.write_artifact("final_analysis_results.json", final_analysis_json(summary));
  ctx.write_artifact("layer_stats.json", layer_stats_json(collector.heatmap(), collector.hook_names(), c.model.name,
                                                          c.analysis.criteria.magnitude_threshold,
                                                          static_cast<int64_t>(in.sequences.size()), T),
                     /*indent=*/-1);
  ctx.log("INFO", "outliers done: " + std::to_string(summary.run_systematic.size()) + " systematic dims over the run, " +
                      std::to_string(summary.per_batch_systematic.size()) + " per-batch records");
}

}  // namespace owb
