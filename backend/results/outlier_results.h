#pragma once
// The outlier analysis' result files in the seed tooling's layout (docs/result-files.md):
// final_analysis_results.json, batch_NNN_results.json, layer_stats.json.
#include "outlier_collector.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace owb {

nlohmann::json outlier_record_json(const OutlierRecord& r);
OutlierRecord outlier_record_from_json(const nlohmann::json& j, const std::string& where);

// One seed `batch_results` entry (also the content of batch_NNN_results.json).
nlohmann::json batch_result_json(const BatchOutliers& batch, const std::vector<std::string>& hook_names,
                                 double threshold, const std::string& run_dir);
std::string batch_file_name(int64_t batch_id);  // batch_001_results.json

struct OutlierRunSummary {
  std::string model;
  std::string dataset;
  int64_t num_sequences = 0, sequence_length = 0, batch_size = 0, skip = 0;
  nlohmann::json layers;  // null or the analysed layer list
  std::string experiment_name;
  OutlierCriteria criteria;
  nlohmann::json model_info;              // model_type, layers, hidden_size, total/active params
  std::vector<nlohmann::json> batch_results;  // batch_result_json of every batch, in order
  std::vector<OutlierRecord> per_batch_systematic;  // concatenated, as the seed did
  std::vector<OutlierRecord> run_systematic;        // exact whole-run aggregate
  int64_t hook_tensors = 0, positions_total = 0;
  std::vector<int64_t> positions_per_batch;
};

nlohmann::json final_analysis_json(const OutlierRunSummary& s);

nlohmann::json layer_stats_json(const HeatmapMatrix& heatmap, const std::vector<std::string>& hook_names,
                                const std::string& model, double threshold, int64_t sequences,
                                int64_t sequence_length);
// One heatmap row as a layer_stats event.
nlohmann::json layer_stats_event(const HeatmapMatrix& heatmap, const std::vector<std::string>& hook_names, int64_t hook,
                                 int64_t batches_total, int64_t positions);

}  // namespace owb
