#include "outlier_metrics.h"

#include <algorithm>
#include <numeric>

namespace owb {

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

namespace {
double mean(const std::vector<double>& v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}
}  // namespace

OutlierMetrics outlier_metrics(const std::vector<double>& layer, const std::vector<double>& seq) {
  OutlierMetrics m;
  m.num_outliers = static_cast<int64_t>(layer.size());
  m.mean_layer_pct = 100.0 * mean(layer);
  m.median_layer_pct = 100.0 * median(layer);
  m.mean_seq_pct = 100.0 * mean(seq);
  m.median_seq_pct = 100.0 * median(seq);
  return m;
}

OutlierMetrics outlier_metrics(const std::vector<OutlierRecord>& records) {
  std::vector<double> layer, seq;
  for (const auto& r : records) layer.push_back(r.layer_percentage), seq.push_back(r.seq_percentage);
  return outlier_metrics(layer, seq);
}

}  // namespace owb
