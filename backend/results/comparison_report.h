#pragma once
// The comparison table of the seeds' generate_comparison_plots.py / generate_perplexity_plots.py
// (--terminal): one row per outlier run found under the given folders, with the model's total and
// active parameters, the seed's metrics over all_systematic_outliers, our exact unique-dim count,
// and the perplexity of the same model (matched by model name). Perplexity runs whose model has
// no outlier run get a row of their own.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace owb {

struct ComparisonRow {
  std::string run_dir, model;
  std::optional<double> total_params_b, active_params_b;
  std::optional<int64_t> num_outliers;  // seed: length of all_systematic_outliers
  std::optional<double> mean_layer_pct, median_layer_pct, mean_seq_pct, median_seq_pct;
  std::optional<int64_t> unique_systematic;  // ours: systematic_outliers (absent in seed files)
  std::optional<double> perplexity;
};

// Walks each folder recursively; unreadable result files throw InputError naming them.
std::vector<ComparisonRow> collect_comparison_rows(const std::vector<std::string>& folders);

std::string comparison_table(const std::vector<ComparisonRow>& rows);
std::string comparison_csv(const std::vector<ComparisonRow>& rows);
nlohmann::json comparison_json(const std::vector<ComparisonRow>& rows);

// Total / active parameters (billions) of the models in the seeds' MODEL_METADATA, by name.
std::optional<std::pair<double, double>> known_model_params_b(const std::string& model);

}  // namespace owb
