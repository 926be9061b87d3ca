#pragma once
// A causal LM ready to run: checkpoint + family + run options. Two execution modes that give
// bit-identical results:
//  - resident: every layer's weights are loaded once; each batch runs through all layers;
//  - streaming: layer i is loaded (layer i+1 prefetched meanwhile), every batch runs through it,
//    then it is freed. Peak memory = one or two layers + the hidden states of all batches.
#include "checkpoint.h"
#include "family.h"
#include "hooks.h"

#include <ATen/ATen.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace owb {

struct EngineOptions {
  at::Device device{at::kCPU};
  at::ScalarType dtype = at::kFloat;
  bool streaming = false;
  int64_t query_tile = 256;
  // Run only layers [0, layer_limit); -1 = all. Analyses that need no logits stop early.
  int64_t layer_limit = -1;
  // CPU threads for libtorch (process-wide). 0: every CPU this process may run on, unless
  // OMP_NUM_THREADS says otherwise; libtorch 1.13 alone sizes its pool from cpuinfo, which on
  // some VMs counts 1 core of 2 and halves every matmul.
  int64_t threads = 0;
};

// Refuses a dtype this libtorch cannot compute in on o.device (1.13 has no fp16 matmul on the CPU),
// naming it, before any weight is read. Models call it.
void check_compute_dtype(const EngineOptions& o);
// libtorch's CPU thread pool for `o` (process-wide; see EngineOptions::threads). Models call it.
void prepare_cpu_runtime(const EngineOptions& o);

// "cpu" | "cuda" | "cuda:N"; cuda fails clearly when this libtorch has no CUDA.
at::Device parse_device(const std::string& name);

// The keys and values of every layer for sequences decoded incrementally (Model::forward_cached).
struct KvCache {
  std::vector<LayerKvCache> layers;
  // Positions cached so far (0: nothing run yet).
  int64_t length() const { return layers.empty() ? 0 : layers.front().length(); }
};

using FinalHiddenFn = std::function<void(int64_t batch_index, const at::Tensor& final_hidden)>;
// Called after each (layer, batch) step: steps done of steps total.
using ProgressFn = std::function<void(int64_t done, int64_t total)>;

class Model {
 public:
  Model(const std::string& dir, EngineOptions options);
  ~Model();

  const ModelConfig& config() const { return checkpoint_.config(); }
  const Checkpoint& checkpoint() const { return checkpoint_; }
  const Family& family() const { return *family_; }
  const EngineOptions& options() const { return options_; }
  int64_t layers_to_run() const;

  // Runs each batch ([B, T] int64 token ids; batches may differ in B and T) through the layers,
  // firing hooks. If on_final is set, the final norm runs and receives each batch's [B, T, D].
  void run(const std::vector<at::Tensor>& batches, const Hooks& hooks, const FinalHiddenFn& on_final = {},
           const ProgressFn& progress = {});
  // Incremental (KV-cached) forward, resident mode only: ids [B, T] are the next T positions of
  // B equally long sequences whose earlier positions `cache` holds (an empty cache: a prefill
  // from position 0). Rotary positions continue from the cached length; the new keys/values join
  // the cache. Returns the last new position's logits [B, V] (fp32), or every new position's
  // [B, T, V] when all_positions. Hooks see the new positions only (HookSite has no position
  // offset). Weight edits (set_weight) apply as in run().
  at::Tensor forward_cached(const at::Tensor& ids, KvCache& cache, const Hooks& hooks = Hooks(), bool all_positions = false);
  // The LM head over final hidden states: [B, T, D] -> [B, T, V] (fp32).
  at::Tensor logits(const at::Tensor& final_hidden);
  // The norm after the last layer, applied to any residual stream [..., D] (the logit lens:
  // final_norm + logits on an intermediate layer's resid_post). What run() hands to on_final.
  at::Tensor final_norm(const at::Tensor& hidden);

  // Weight interventions: set element [row, col] of a named 2-D tensor; restore_weights() brings
  // every edited tensor back to the checkpoint's values exactly. A routed expert's projection is
  // named as the family's expert_projection_name, also where the checkpoint stacks the experts
  // into one tensor (gpt-oss: [row, col] of the [out, in] matrix, resolved to the stored slice).
  void set_weight(const std::string& tensor, int64_t row, int64_t col, double value);
  void restore_weights();
  // The value stored in the checkpoint (not affected by edits), in fp64.
  double checkpoint_weight(const std::string& tensor, int64_t row, int64_t col) const;

  // Full names of one layer's tensors, and their stored bytes.
  std::vector<std::string> layer_tensor_names(int64_t layer) const;
  uint64_t layer_bytes(int64_t layer) const;

 private:
  // One stored element: tensor[row][col], or tensor[expert][row][col] in a stacked tensor.
  struct Element {
    std::string tensor;
    int64_t expert = -1;
    int64_t row = 0, col = 0;
  };
  struct Edit {
    Element at;
    double value;
  };
  // Resolves an edit's name and [row, col] to the stored element, checking bounds.
  Element locate_element(const std::string& tensor, int64_t row, int64_t col) const;
  void validate_tensors() const;
  // borrow: the layer is used for one pass and then dropped (streaming), so unedited tensors may
  // be read straight from the mapped checkpoint (borrow_mapped_tensor).
  LayerWeights load_layer(int64_t layer, bool borrow = false) const;
  void apply_edits(const std::string& name, at::Tensor& t) const;
  at::Tensor load_tensor(const std::string& name) const;
  at::Tensor borrow_mapped_tensor(const std::string& name) const;
  at::Tensor embed(const at::Tensor& ids);
  const at::Tensor& lm_head_weight();
  at::Tensor run_layer(int64_t layer, const LayerWeights& w, const at::Tensor& hidden, const Hooks& hooks,
                       int64_t batch_index, int64_t first_sequence);
  const RotaryTables& rotary_for(int64_t positions);
  // Tables for positions offset .. offset+count-1 (row 0 = position offset).
  RotaryTables rotary_window(int64_t offset, int64_t count);
  void run_resident(const std::vector<at::Tensor>& batches, const Hooks& hooks, const FinalHiddenFn& on_final,
                    const ProgressFn& progress);
  void run_streaming(const std::vector<at::Tensor>& batches, const Hooks& hooks, const FinalHiddenFn& on_final,
                     const ProgressFn& progress);
  void finish_batch(int64_t b, const at::Tensor& hidden, const FinalHiddenFn& on_final);
  std::vector<int64_t> first_sequences(const std::vector<at::Tensor>& batches) const;

  Checkpoint checkpoint_;
  std::unique_ptr<Family> family_;
  EngineOptions options_;
  std::vector<LayerWeights> resident_;      // resident mode: every layer
  std::map<std::string, at::Tensor> top_;   // embedding, final norm, lm head (loaded on demand)
  std::map<std::string, std::vector<Edit>> edits_;
  std::map<int64_t, RotaryTables> rotary_;  // by sequence length
};

}  // namespace owb
