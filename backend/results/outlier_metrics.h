#pragma once
// Summary numbers over a list of systematic-outlier records. Torch-free.
#include "systematic_outliers.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace owb {

// The seed's calculate_metrics (generate_comparison_plots.py): over the list as given
// (for the seed's files: the batch-concatenated list, duplicates included), in percent.
struct OutlierMetrics {
  int64_t num_outliers = 0;
  double mean_layer_pct = 0, median_layer_pct = 0, mean_seq_pct = 0, median_seq_pct = 0;
};

OutlierMetrics outlier_metrics(const std::vector<double>& layer_fractions, const std::vector<double>& seq_fractions);
OutlierMetrics outlier_metrics(const std::vector<OutlierRecord>& records);

// numpy.median: the mean of the two middle values for an even count; 0 for none.
double median(std::vector<double> values);

}  // namespace owb
