#pragma once
// How much accelerator memory a run needs, from the checkpoint's headers and config alone (no
// weight is read): what `owb estimate-vram` prints and what a sweep's "auto" minimum VRAM for
// RunPod GPU types comes from. The terms follow what the engine allocates (model.h, blocks.cpp,
// moe.cpp, perplexity.cpp), not a generic transformer formula:
//   weights      every tensor at the compute dtype (MXFP4 experts dequantised: 2 parameters a
//                byte, scales dropped), the LM head only when the mode computes logits;
//   activations  the hidden states of every sequence [S, T, D] (streaming keeps them all) plus
//                the largest one-layer peak of one batch [B, T, ...]: attention (q/k/v, roped
//                copies, one score tile [B, H, query_tile, T] in the dtype and its fp32 softmax,
//                the tile outputs) or the MLP (gate, up, act [B, T, I], or the MoE's padded
//                expert rows, at most 2 N k of them) with one fp32 copy of a hooked tensor for the
//                statistics, plus the LM head's chunk [chunk, V] (fp32) when the mode needs logits;
//   kv           the key/value cache a generation pass would hold (2 L B T kv_dim); 0 for the
//                outlier, perplexity and super-weight passes, which run each sequence once;
//   resident     weights + the larger of activations and the MoE stacking copy of one layer;
//   streaming    two layers (one computing, one prefetched) + that copy + top tensors + activations.
#include "model_config.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace owb {

class Checkpoint;

enum class VramMode { Outliers, Perplexity, SuperWeights };
// "outliers" | "perplexity" | "superweights" (also "both": perplexity's logits and outliers).
VramMode parse_vram_mode(const std::string& name);
std::string vram_mode_name(VramMode mode);
bool vram_mode_needs_logits(VramMode mode);

struct VramRequest {
  int64_t batch_size = 1;
  int64_t seq_len = 2048;
  int64_t num_sequences = 0;  // 0: one batch
  int64_t dtype_bytes = 2;    // bf16 | f16: 2, f32: 4
  std::string dtype = "bf16";
  VramMode mode = VramMode::Outliers;
  int64_t query_tile = 256;    // EngineOptions::query_tile
  int64_t logits_chunk = 128;  // target_nll's positions per LM-head chunk
  double headroom = 0.20;      // CUDA context, allocator caching and fragmentation
};

// Bytes of the model's tensors at the compute dtype, split as the engine loads them.
struct WeightBytes {
  uint64_t layers = 0;           // every layer
  uint64_t largest_layer = 0;    // one layer (streaming holds two)
  uint64_t largest_experts = 0;  // routed experts of one layer: copied once more when stacked
  uint64_t embedding = 0;
  uint64_t lm_head = 0;          // 0 when tied to the embedding
  uint64_t other_top = 0;        // final norm
  uint64_t total() const { return layers + embedding + lm_head + other_top; }
};

// From the checkpoint's tensor headers (exact shapes, optional biases included).
WeightBytes weight_bytes(const Checkpoint& checkpoint, int64_t dtype_bytes);
// From config.json alone (the family's tensor table; optional biases left out).
WeightBytes weight_bytes(const ModelConfig& config, int64_t dtype_bytes);

struct VramEstimate {
  WeightBytes weights;
  uint64_t weights_bytes = 0;  // what the mode loads (the LM head only when it computes logits)
  uint64_t hidden_states_bytes = 0;
  uint64_t attention_peak_bytes = 0;
  uint64_t mlp_peak_bytes = 0;
  uint64_t layer_peak_bytes = 0;  // max(attention, mlp)
  uint64_t logits_bytes = 0;
  uint64_t activations_bytes = 0;
  uint64_t kv_bytes = 0;
  uint64_t kv_bytes_if_generating = 0;
  uint64_t resident_bytes = 0;
  uint64_t streaming_bytes = 0;
  int64_t min_vram_gib = 0;            // resident * (1 + headroom), rounded up
  int64_t min_vram_gib_streaming = 0;  // the same for streaming
};

VramEstimate estimate_vram(const ModelConfig& config, const WeightBytes& weights, const VramRequest& request);
// The estimate as `owb estimate-vram` prints it: every term, the request and the formulas.
nlohmann::json to_json(const VramEstimate& estimate, const ModelConfig& config, const VramRequest& request);

}  // namespace owb
