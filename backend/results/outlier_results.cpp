#include "outlier_results.h"

#include "errors.h"
#include "outlier_metrics.h"
#include "run_clock.h"

#include <cstdio>
#include <map>

namespace owb {

using nlohmann::json;

json outlier_record_json(const OutlierRecord& r) {
  json j = {{"feature_dim", r.feature_dim},
            {"max_magnitude", r.max_magnitude},
            {"layer_percentage", r.layer_percentage},
            {"seq_percentage", r.seq_percentage},
            {"total_occurrences", r.total_occurrences},
            {"layers_affected", r.layers_affected},
            {"example_values", r.example_values}};
  if (r.batch_id > 0) j["batch_id"] = r.batch_id;
  return j;
}

OutlierRecord outlier_record_from_json(const json& j, const std::string& where) {
  try {
    OutlierRecord r;
    r.feature_dim = j.at("feature_dim").get<int64_t>();
    r.max_magnitude = j.at("max_magnitude").get<double>();
    r.layer_percentage = j.at("layer_percentage").get<double>();
    r.seq_percentage = j.at("seq_percentage").get<double>();
    r.total_occurrences = j.value("total_occurrences", int64_t(0));
    r.layers_affected = j.value("layers_affected", std::vector<std::string>{});
    r.example_values = j.value("example_values", std::vector<double>{});
    r.batch_id = j.value("batch_id", int64_t(0));
    return r;
  } catch (const json::exception& e) {
    throw input_error(where, std::string("malformed outlier record: ") + e.what());
  }
}

std::string batch_file_name(int64_t batch_id) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "batch_%03lld_results.json", static_cast<long long>(batch_id));
  return buf;
}

json batch_result_json(const BatchOutliers& b, const std::vector<std::string>& hook_names, double threshold,
                       const std::string& run_dir) {
  json layer_stats = json::object();
  for (size_t h = 0; h < b.tensors.size(); ++h) {
    const HookTensorSummary& t = b.tensors[h];
    int64_t numel = 1;
    for (int64_t s : t.shape) numel *= s;
    layer_stats[hook_names[h]] = {{"num_outliers", t.num_outliers},
                                  {"max_magnitude", t.max_magnitude},
                                  {"outlier_percentage", numel ? 100.0 * t.num_outliers / numel : 0.0},
                                  {"shape", t.shape}};
  }
  json systematic = json::array();
  for (const auto& r : b.systematic) systematic.push_back(outlier_record_json(r));
  return {{"batch_id", b.batch_id},
          {"run_dir", run_dir},
          {"sequences_processed", b.sequences},
          {"first_sequence", b.first_sequence},
          {"systematic_outliers", systematic},
          {"outlier_summary", {{"total_outlier_features", b.total_outlier_features},
                               {"layer_stats", layer_stats},
                               {"threshold", threshold}}},
          {"timestamp", iso_time_now()}};
}

namespace {

// The seed's top_features: one entry per dim over the concatenated per-batch list; occurrences =
// batches in which it qualified; sorted by max_magnitude descending.
json top_features_json(const std::vector<OutlierRecord>& per_batch) {
  std::map<int64_t, std::pair<double, int64_t>> by_dim;
  for (const auto& r : per_batch) {
    auto& [mag, n] = by_dim[r.feature_dim];
    mag = std::max(mag, r.max_magnitude);
    ++n;
  }
  std::vector<std::pair<int64_t, std::pair<double, int64_t>>> rows(by_dim.begin(), by_dim.end());
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  json out = json::array();
  for (const auto& [dim, v] : rows) out.push_back({{"feature_dim", dim}, {"max_magnitude", v.first}, {"occurrences", v.second}});
  return out;
}

json records_json(const std::vector<OutlierRecord>& records) {
  json out = json::array();
  for (const auto& r : records) out.push_back(outlier_record_json(r));
  return out;
}

json metrics_json(const OutlierMetrics& m) {
  return {{"num_outliers", m.num_outliers},   {"mean_layer_pct", m.mean_layer_pct}, {"median_layer_pct", m.median_layer_pct},
          {"mean_seq_pct", m.mean_seq_pct}, {"median_seq_pct", m.median_seq_pct}};
}

json exact_summary_json(const std::vector<OutlierRecord>& run) {
  OutlierMetrics m = outlier_metrics(run);
  return {{"num_systematic", m.num_outliers},
          {"mean_layer_percentage", m.mean_layer_pct / 100},
          {"median_layer_percentage", m.median_layer_pct / 100},
          {"mean_seq_percentage", m.mean_seq_pct / 100},
          {"median_seq_percentage", m.median_seq_pct / 100}};
}

}  // namespace

json final_analysis_json(const OutlierRunSummary& s) {
  const OutlierCriteria& c = s.criteria;
  json j;
  j["analysis_summary"] = {{"total_batches", s.batch_results.size()},
                           {"total_sequences", s.num_sequences},
                           {"total_systematic_outliers", s.per_batch_systematic.size()},
                           {"completion_time", iso_time_now()}};
  j["run_config"] = {{"model", s.model},
                     {"dataset", s.dataset},
                     {"num_sequences", s.num_sequences},
                     {"sequence_length", s.sequence_length},
                     {"batch_size", s.batch_size},
                     {"threshold", c.magnitude_threshold},
                     {"layers", s.layers},
                     {"shard_range_inclusive", {s.skip, s.skip + s.num_sequences - 1}},
                     {"experiment_name", s.experiment_name}};
  j["top_features"] = top_features_json(s.per_batch_systematic);
  j["all_systematic_outliers"] = records_json(s.per_batch_systematic);
  j["batch_results"] = s.batch_results;
  // Ours, beside the seed's keys.
  j["model"] = s.model;
  j["thresholds"] = {{"magnitude_threshold", c.magnitude_threshold},
                     {"min_layer_percentage", c.min_layer_percentage},
                     {"min_seq_percentage", c.min_seq_percentage}};
  j["systematic_outliers"] = records_json(s.run_systematic);
  j["summary"] = exact_summary_json(s.run_systematic);
  j["seed_metrics"] = metrics_json(outlier_metrics(s.per_batch_systematic));
  j["denominators"] = {{"hook_tensors", s.hook_tensors},
                       {"positions_per_batch", s.positions_per_batch},
                       {"positions_total", s.positions_total},
                       {"layer_percentage", "hook tensors hit / hook tensors analysed (ln_attn and ln_mlp of each layer)"},
                       {"seq_percentage_seed", "positions hit (pooled over the batch's sequences) / sequence_length"},
                       {"seq_percentage_exact", "(sequence, position) pairs hit / (sequences x sequence_length)"}};
  j["model_info"] = s.model_info;
  return j;
}

json layer_stats_json(const HeatmapMatrix& h, const std::vector<std::string>& hook_names, const std::string& model,
                      double threshold, int64_t sequences, int64_t sequence_length) {
  return {{"format", "owb.layer_stats"},
          {"v", 1},
          {"model", model},
          {"threshold", threshold},
          {"hidden_size", h.max_abs.empty() ? 0 : h.max_abs[0].size()},
          {"sequences", sequences},
          {"sequence_length", sequence_length},
          {"positions", sequences * sequence_length},
          {"hooks", hook_names},
          {"max_abs", h.max_abs},
          {"hits", h.hits}};
}

json layer_stats_event(const HeatmapMatrix& h, const std::vector<std::string>& hook_names, int64_t hook,
                       int64_t batches_total, int64_t positions) {
  return {{"event", "layer_stats"},
          {"hook", hook_names[hook]},
          {"batches_done", h.batches_done[hook]},
          {"batches_total", batches_total},
          {"positions", positions},
          {"max_abs", h.max_abs[hook]},
          {"hits", h.hits[hook]}};
}

}  // namespace owb
