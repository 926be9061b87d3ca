#include "outlier_collector.h"

#include "errors.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace owb {

struct OutlierCollector::BatchState {
  BatchState(int64_t dims, int64_t hooks, int64_t positions) : hits(dims, hooks, positions) {}
  ScopeHits hits;
  std::vector<HookTensorSummary> tensors;
  int64_t hooks_seen = 0;
  int64_t first_sequence = 0;
};

OutlierCollector::OutlierCollector(OutlierRunShape shape, OutlierCriteria criteria)
    : shape_(std::move(shape)), criteria_(criteria) {
  if (shape_.layers.empty()) throw InputError("outlier analysis: no layers to analyse");
  if (!(criteria_.magnitude_threshold > 0)) throw InputError("outlier analysis: magnitude_threshold must be positive");
  int64_t max_layer = *std::max_element(shape_.layers.begin(), shape_.layers.end());
  hook_of_layer_.assign(max_layer + 1, -1);
  for (size_t k = 0; k < shape_.layers.size(); ++k) {
    hook_of_layer_[shape_.layers[k]] = 2 * static_cast<int64_t>(k);
    hook_names_.push_back(hook_name(shape_.layers[k], HookKind::LnAttn));
    hook_names_.push_back(hook_name(shape_.layers[k], HookKind::LnMlp));
  }
  const int64_t hooks = static_cast<int64_t>(hook_names_.size());
  for (int64_t b : shape_.batch_sizes)
    batches_.push_back(std::make_unique<BatchState>(shape_.hidden_size, hooks, shape_.sequence_length));
  run_ = std::make_unique<ScopeHits>(shape_.hidden_size, hooks, positions_total());
  heatmap_.max_abs.assign(hooks, std::vector<float>(shape_.hidden_size, 0.f));
  heatmap_.hits.assign(hooks, std::vector<int64_t>(shape_.hidden_size, 0));
  heatmap_.batches_done.assign(hooks, 0);
}

OutlierCollector::~OutlierCollector() = default;

int64_t OutlierCollector::positions_total() const {
  int64_t sequences = 0;
  for (int64_t b : shape_.batch_sizes) sequences += b;
  return sequences * shape_.sequence_length;
}

int64_t OutlierCollector::hook_index(const HookSite& site) const {
  if (site.kind != HookKind::LnAttn && site.kind != HookKind::LnMlp) return -1;
  if (site.layer >= static_cast<int64_t>(hook_of_layer_.size()) || hook_of_layer_[site.layer] < 0) return -1;
  return hook_of_layer_[site.layer] + (site.kind == HookKind::LnMlp ? 1 : 0);
}

void OutlierCollector::subscribe(Hooks& hooks) {
  hooks.add("layer_*_ln_*", [this](const HookSite& site, at::Tensor& x) {
    int64_t h = hook_index(site);
    if (h >= 0) observe(h, site.batch_index, site.first_sequence, x);
  });
}

void OutlierCollector::observe(int64_t hook, int64_t batch, int64_t first_sequence, const at::Tensor& x) {
  if (batch >= static_cast<int64_t>(batches_.size()) || !batches_[batch])
    throw std::logic_error("outlier analysis: unexpected batch " + std::to_string(batch));
  if (x.dim() != 3 || x.size(1) != shape_.sequence_length || x.size(2) != shape_.hidden_size)
    throw std::logic_error(hook_names_[hook] + ": expected [batch, " + std::to_string(shape_.sequence_length) + ", " +
                           std::to_string(shape_.hidden_size) + "]");
  BatchState& state = *batches_[batch];
  state.first_sequence = first_sequence;
  ThresholdScan scan = scan_threshold(x, criteria_.magnitude_threshold);
  if (!scan.finite)
    throw InputError(hook_names_[hook] + " (batch " + std::to_string(batch + 1) + "): activation holds NaN or Inf");
  HookTensorSummary summary = summarize_tensor(scan);
  summary.shape = x.sizes().vec();
  update_heatmap(hook, scan);
  if (state.tensors.size() < hook_names_.size()) state.tensors.resize(hook_names_.size());
  state.tensors[hook] = summary;
  if (summary.num_outliers > 0) record_hits(hook, batch, first_sequence, scan.hits);
  if (on_heatmap_row) on_heatmap_row(hook, heatmap_.batches_done[hook]);
  if (++state.hooks_seen == static_cast<int64_t>(hook_names_.size())) complete_batch(batch);
}

HookTensorSummary OutlierCollector::summarize_tensor(const ThresholdScan& scan) const {
  HookTensorSummary summary;
  for (int64_t d = 0; d < shape_.hidden_size; ++d) {
    summary.max_magnitude = std::max<double>(summary.max_magnitude, scan.peak[d]);
    summary.num_outliers += scan.count[d];
  }
  return summary;
}

void OutlierCollector::update_heatmap(int64_t hook, const ThresholdScan& scan) {
  std::vector<float>& row_max = heatmap_.max_abs[hook];
  std::vector<int64_t>& row_hits = heatmap_.hits[hook];
  for (int64_t d = 0; d < shape_.hidden_size; ++d) {
    row_max[d] = std::max(row_max[d], scan.peak[d]);
    row_hits[d] += scan.count[d];
  }
  ++heatmap_.batches_done[hook];
}

// Every element over the threshold, in the seed's order (batch row, position, dim).
void OutlierCollector::record_hits(int64_t hook, int64_t batch, int64_t first_sequence,
                                   const std::vector<ThresholdHit>& hits) {
  ScopeHits& batch_hits = batches_[batch]->hits;
  for (const ThresholdHit& h : hits) {
    int64_t row = h.row / shape_.sequence_length, pos = h.row % shape_.sequence_length;
    int64_t sequence = first_sequence + row;
    ExampleValue e{hook, sequence, pos, static_cast<double>(h.value)};
    batch_hits.at(h.dim).add(hook, pos, e);
    run_->at(h.dim).add(hook, sequence * shape_.sequence_length + pos, e);
  }
}

void OutlierCollector::complete_batch(int64_t batch) {
  BatchState& state = *batches_[batch];
  BatchOutliers out;
  out.batch_id = batch + 1;
  out.sequences = shape_.batch_sizes[batch];
  out.first_sequence = state.first_sequence;
  out.systematic = find_systematic_outliers(state.hits, hook_names_, criteria_);
  for (OutlierRecord& r : out.systematic) r.batch_id = out.batch_id;
  out.total_outlier_features = state.hits.dims_hit();
  out.tensors = std::move(state.tensors);
  batches_[batch].reset();  // nothing of the batch is kept past this point
  if (on_batch_complete) on_batch_complete(out);
}

std::vector<OutlierRecord> OutlierCollector::systematic_over_run() const {
  return find_systematic_outliers(*run_, hook_names_, criteria_);
}

std::optional<OutlierRecord> OutlierCollector::describe_over_run(int64_t dim) const {
  return describe_dimension(*run_, dim, hook_names_);
}

}  // namespace owb
