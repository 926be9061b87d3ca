#pragma once
// An architecture family: its tensor names and how one decoder layer computes.
// Families are declared once in a table (families.cpp); each family file says only how it
// differs from the Llama block in decoder_family.cpp.
#include "blocks.h"
#include "hooks.h"
#include "kv_cache.h"
#include "model_config.h"

#include <ATen/ATen.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace owb {

// One layer's tensors, keyed by their name inside the layer ("self_attn.q_proj.weight").
class LayerWeights {
 public:
  LayerWeights() = default;
  LayerWeights(std::string prefix, std::map<std::string, at::Tensor> tensors)
      : prefix_(std::move(prefix)), tensors_(std::move(tensors)) {}
  // Throws naming the full tensor when it is absent.
  const at::Tensor& get(const std::string& local) const;
  // An undefined tensor when absent (optional biases, optional norms).
  at::Tensor optional(const std::string& local) const;
  bool has(const std::string& local) const { return tensors_.count(local) != 0; }
  const std::string& prefix() const { return prefix_; }
  std::map<std::string, at::Tensor>& tensors() { return tensors_; }
  const std::map<std::string, at::Tensor>& tensors() const { return tensors_; }

 private:
  std::string prefix_;
  std::map<std::string, at::Tensor> tensors_;
};

// What a layer needs besides its weights, for one batch.
struct LayerContext {
  const ModelConfig& cfg;
  const Hooks& hooks;
  const RotaryTables& rope;
  int64_t layer;
  int64_t batch_index;
  int64_t first_sequence;
  int64_t window;      // sliding window of this layer (0 = full)
  int64_t query_tile;  // attention tile size
  // Incremental decoding: this layer's keys/values of the positions already run (null: the
  // batch is whole sequences from position 0). The rotary tables then start at the cache's
  // length. Defaulted, so code that lists the fields above still compiles.
  LayerKvCache* kv_cache = nullptr;

  // Fires the hook point of this layer if anyone listens. The tensor may be edited in place.
  void observe(HookKind kind, at::Tensor& x) const;
  // Whether anyone listens to a hook point (checked before building what it would need).
  bool wants(const std::string& name) const { return !hooks.empty() && hooks.wants(name); }
  // Fires an expert's hook point; routed: [rows, 2] (row in batch, position) of x's rows.
  void observe_expert(HookKind kind, int64_t expert, const at::Tensor& routed, at::Tensor& x) const;
};

// A tensor a layer must have, with the shape config.json implies (empty shape: not checked).
struct TensorSpec {
  std::string name;
  std::vector<int64_t> shape;
  int64_t expert = -1;  // routed expert the tensor belongs to (-1: used by every token,
                        // kStackedExperts: every expert's, stacked along the first dim)
  double params_per_element = 1.0;  // MXFP4 blocks hold 2 parameters per byte; scales none
};
constexpr int64_t kStackedExperts = -2;

// Where a routed expert's projection, named as its own [out, in] matrix (expert_projection_name),
// is stored when the checkpoint keeps every expert in one stacked tensor [E, in, out * stride]
// (gpt-oss unquantised, used as x @ W[e]): element [r, c] of expert e's matrix is
// tensor[e][c][r * stride + offset]. Gate and up interleaved along the last dim: stride 2.
struct StackedExpertSlice {
  std::string tensor;  // the stacked tensor inside the layer ("mlp.experts.down_proj")
  int64_t expert = 0;
  int64_t stride = 1;
  int64_t offset = 0;
};

class Family {
 public:
  virtual ~Family() = default;
  virtual std::string name() const = 0;

  // Top-level tensor names.
  virtual std::string embedding_name() const { return "model.embed_tokens.weight"; }
  virtual std::string final_norm_prefix() const { return "model.norm"; }
  virtual std::string lm_head_name() const { return "lm_head.weight"; }
  virtual std::string layer_prefix(int64_t layer) const { return "model.layers." + std::to_string(layer) + "."; }
  // The down projection's tensor inside a layer (super-weight coordinates refer to it).
  virtual std::string down_proj_name() const { return "mlp.down_proj.weight"; }
  // A routed expert's projection inside a layer (which: "gate" | "up" | "down"), a 2-D tensor
  // [out, in] that Model::set_weight can edit (stored as it is, or a slice of a stacked tensor:
  // stacked_expert_slice); "" when the family keeps no editable per-expert matrices (dense
  // families; gpt-oss with MXFP4-packed experts).
  virtual std::string expert_projection_name(int64_t expert, const std::string& which) const {
    (void)expert, (void)which;
    return "";
  }

  // A per-expert name (local, "mlp.experts.3.down_proj.weight") that the checkpoint stores as a
  // slice of a stacked tensor; nullopt for names that are stored as they are. Model::set_weight
  // and checkpoint_weight resolve names through it, so analyses edit experts by one spelling.
  virtual std::optional<StackedExpertSlice> stacked_expert_slice(const std::string& local) const {
    (void)local;
    return std::nullopt;
  }

  // Tensors (local names) each layer must have; checked at open, before any weight is read.
  virtual std::vector<TensorSpec> required_layer_tensors(const ModelConfig& cfg) const = 0;
  // The tensors of one layer; MoE families differ between dense and sparse layers.
  virtual std::vector<TensorSpec> layer_tensors(const ModelConfig& cfg, int64_t layer) const {
    (void)layer;
    return required_layer_tensors(cfg);
  }
  // A layer's tensors as loaded (stored dtype/device conversion already done) -> as computed
  // with. gpt-oss dequantizes its MXFP4 experts here, one layer at a time.
  virtual void prepare_layer(std::map<std::string, at::Tensor>& tensors, at::ScalarType dtype) const {
    (void)tensors, (void)dtype;
  }
  // Top-level tensors besides the embedding and LM head (full names): the final norm's.
  virtual std::vector<TensorSpec> required_top_tensors(const ModelConfig& cfg) const {
    return {{final_norm_prefix() + ".weight", {cfg.hidden_size}}};
  }

  // hidden [B, T, D] -> hidden [B, T, D], firing this layer's hooks.
  virtual at::Tensor forward_layer(const LayerWeights& w, const at::Tensor& hidden, const LayerContext& ctx) const = 0;
  // The norm after the last layer.
  virtual at::Tensor final_norm(const LayerWeights& top, const at::Tensor& hidden, const ModelConfig& cfg) const;
};

// The family for a config's model_type; throws listing the supported ones.
std::unique_ptr<Family> make_family(const ModelConfig& cfg);
std::vector<std::string> supported_model_types();

}  // namespace owb
