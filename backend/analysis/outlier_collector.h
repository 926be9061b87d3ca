#pragma once
// The outlier analysis as a hook subscriber: at every layer_{i}_ln_attn / layer_{i}_ln_mlp
// tensor it takes the statistics it needs and keeps nothing else of the activation:
//  - per batch (seed-compatible): each dim's hit tensors, pooled positions, count, max, examples;
//  - over the whole run (exact, batch-size invariant): the same with (sequence, position) pairs;
//  - per hook tensor x dim (the heatmap): max |x| and the number of positions with |x| >= threshold.
// Batches complete when their last hook tensor has been seen (resident: batch by batch;
// streaming: all at the last layer); each completed batch is reported once and then freed.
#include "hooks.h"
#include "systematic_outliers.h"
#include "threshold_scan.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace owb {

// Seed `outlier_summary.layer_stats` entry: one hook tensor of one batch.
struct HookTensorSummary {
  int64_t num_outliers = 0;   // elements with |x| >= threshold
  double max_magnitude = 0;   // max |x| over the tensor
  std::vector<int64_t> shape; // [batch, positions, hidden]
};

struct BatchOutliers {
  int64_t batch_id = 0;  // 1-based, as in the seed's batch_NNN_results.json
  int64_t sequences = 0;
  int64_t first_sequence = 0;
  std::vector<OutlierRecord> systematic;
  int64_t total_outlier_features = 0;     // dims with any hit in this batch
  std::vector<HookTensorSummary> tensors; // by hook index
};

// Per hook tensor x dimension, accumulated over batches.
struct HeatmapMatrix {
  std::vector<std::vector<float>> max_abs;   // [hooks][dims]
  std::vector<std::vector<int64_t>> hits;    // [hooks][dims]
  std::vector<int64_t> batches_done;         // [hooks]
};

struct OutlierRunShape {
  std::vector<int64_t> layers;       // analysed layers, ascending
  int64_t hidden_size = 0;
  std::vector<int64_t> batch_sizes;  // sequences per batch, in run order
  int64_t sequence_length = 0;
};

class OutlierCollector {
 public:
  OutlierCollector(OutlierRunShape shape, OutlierCriteria criteria);
  ~OutlierCollector();

  // layer_{i}_ln_attn, layer_{i}_ln_mlp for every analysed layer, in forward order.
  const std::vector<std::string>& hook_names() const { return hook_names_; }
  void subscribe(Hooks& hooks);

  // Called when a batch has been seen by every hook tensor.
  std::function<void(const BatchOutliers&)> on_batch_complete;
  // Called after a hook tensor's statistics changed (batch `batches_done` of the run).
  std::function<void(int64_t hook, int64_t batches_done)> on_heatmap_row;

  // Whole-run results (valid once every batch has completed).
  std::vector<OutlierRecord> systematic_over_run() const;
  std::optional<OutlierRecord> describe_over_run(int64_t dim) const;
  const HeatmapMatrix& heatmap() const { return heatmap_; }
  int64_t positions_total() const;
  const OutlierCriteria& criteria() const { return criteria_; }

 private:
  struct BatchState;
  void observe(int64_t hook, int64_t batch, int64_t first_sequence, const at::Tensor& x);
  void record_hits(int64_t hook, int64_t batch, int64_t first_sequence, const std::vector<ThresholdHit>& hits);
  HookTensorSummary summarize_tensor(const ThresholdScan& scan) const;
  void update_heatmap(int64_t hook, const ThresholdScan& scan);
  void complete_batch(int64_t batch);
  int64_t hook_index(const HookSite& site) const;

  OutlierRunShape shape_;
  OutlierCriteria criteria_;
  std::vector<std::string> hook_names_;
  std::vector<int64_t> hook_of_layer_;  // layer -> 2 x position in shape_.layers, or -1
  std::vector<std::unique_ptr<BatchState>> batches_;
  std::unique_ptr<ScopeHits> run_;
  HeatmapMatrix heatmap_;
};

}  // namespace owb
