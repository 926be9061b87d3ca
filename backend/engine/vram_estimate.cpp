#include "vram_estimate.h"

#include "checkpoint.h"
#include "errors.h"
#include "family.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace owb {

namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
constexpr int64_t kFp32 = 4;

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Parameters a stored tensor becomes at the compute dtype: MXFP4 blocks hold two a byte and are
// dequantised per layer; their scales are folded in and not kept.
uint64_t computed_elements(const std::string& name, int64_t stored_elements) {
  if (ends_with(name, "_blocks")) return 2 * static_cast<uint64_t>(stored_elements);
  if (ends_with(name, "_scales")) return 0;
  return static_cast<uint64_t>(stored_elements);
}

bool is_routed_expert(const std::string& name) { return name.find(".experts.") != std::string::npos; }

int64_t numel(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

int64_t gib_rounded_up(double bytes, double headroom) { return static_cast<int64_t>(std::ceil(bytes * (1.0 + headroom) / kGiB)); }

// Attention of one batch of N = B T tokens (blocks.cpp causal_attention on the unfused path the
// GPU takes): the norm output, q/k/v, the roped q/k, k/v made contiguous, then per query tile
// the scores in the dtype, their masked copy, the fp32 softmax and its cast back, beside the
// tile outputs gathered so far; after the loop the gathered tiles, their concatenation and the
// reshaped copy. Plus one fp32 copy of the hooked norm output for the statistics.
uint64_t attention_peak(const ModelConfig& c, const VramRequest& r) {
  const uint64_t s = r.dtype_bytes, B = r.batch_size, T = r.seq_len, N = B * T, D = c.hidden_size;
  const uint64_t Hq = c.num_attention_heads, Hkv = c.num_key_value_heads, E = c.head_dim;
  const uint64_t tile = std::min<uint64_t>(r.query_tile, T);
  const uint64_t norm_out = N * D * s + N * D * kFp32;
  const uint64_t qkv = N * (Hq + 2 * Hkv) * E * s;
  const uint64_t roped = N * (Hq + Hkv) * E * s;
  const uint64_t contiguous_kv = 2 * N * Hkv * E * s;
  const uint64_t scores = B * Hq * tile * T * (3 * s + kFp32);
  const uint64_t out = N * Hq * E * s;
  return norm_out + qkv + roped + contiguous_kv + std::max(scores + out, 3 * out);
}

// The routed experts of one sparse layer (moe.cpp, batched path): router logits and their fp32
// softmax, the N k gathered rows and their outputs, rows padded to the busiest expert (the
// batched path runs only while that is at most 2 N k rows), gate/up [rows, 2 I], the activation,
// the padded outputs and the per-token gather; plus the shared expert's gate, up and act.
uint64_t moe_peak(const ModelConfig& c, const VramRequest& r) {
  const uint64_t s = r.dtype_bytes, N = static_cast<uint64_t>(r.batch_size) * r.seq_len, D = c.hidden_size;
  const uint64_t experts = c.moe.num_experts, k = std::max<int64_t>(1, c.moe.top_k), I = c.moe.expert_intermediate;
  const uint64_t padded = 2 * N * k;
  const uint64_t router = 2 * N * experts * kFp32;
  const uint64_t gathered = 3 * N * k * D * s;  // rows, outputs, per-token
  const uint64_t batched = padded * D * s + padded * 2 * I * s + padded * I * s + padded * D * s;
  const uint64_t shared = 3 * N * static_cast<uint64_t>(c.moe.shared_intermediate) * s;
  return router + gathered + batched + shared;
}

// The MLP of one batch: the residual, the norm output, then gate, up and their activation
// [N, I] (decoder_family.cpp gated_mlp), one fp32 copy of the hooked down_proj input, and the
// output; a sparse layer swaps the dense middle for the experts'.
uint64_t mlp_peak(const ModelConfig& c, const VramRequest& r) {
  const uint64_t s = r.dtype_bytes, N = static_cast<uint64_t>(r.batch_size) * r.seq_len, D = c.hidden_size;
  const uint64_t I = c.intermediate_size;
  bool any_dense = c.moe.num_experts == 0, any_sparse = false;
  for (int64_t i = 0; i < c.num_hidden_layers; ++i) (c.moe.is_sparse(i) ? any_sparse : any_dense) = true;
  uint64_t middle = 0;
  if (any_dense) middle = 3 * N * I * s + N * I * kFp32;
  if (any_sparse) middle = std::max(middle, moe_peak(c, r) + N * D * kFp32);
  return 2 * N * D * s + middle + N * D * s;
}

// perplexity.cpp target_nll: per sequence, the final norm's output of the batch, then the LM
// head over `chunk` positions at a time: [chunk, V] in the dtype, its fp32 copy and logsumexp's.
uint64_t logits_peak(const ModelConfig& c, const VramRequest& r) {
  const uint64_t s = r.dtype_bytes, N = static_cast<uint64_t>(r.batch_size) * r.seq_len, D = c.hidden_size;
  const uint64_t P = std::min(r.logits_chunk, r.seq_len), V = c.vocab_size;
  return N * D * s + P * V * (s + 2 * kFp32);
}

}  // namespace

VramMode parse_vram_mode(const std::string& name) {
  if (name == "outliers") return VramMode::Outliers;
  if (name == "perplexity" || name == "both") return VramMode::Perplexity;
  if (name == "superweights" || name == "super_weights") return VramMode::SuperWeights;
  throw InputError("--mode \"" + name + "\" is not outliers, perplexity or superweights");
}

std::string vram_mode_name(VramMode mode) {
  switch (mode) {
    case VramMode::Outliers: return "outliers";
    case VramMode::Perplexity: return "perplexity";
    case VramMode::SuperWeights: return "superweights";
  }
  return "";
}

// Outlier passes stop before the final norm and LM head; perplexity and the super-weight
// interventions (perplexity with a weight zeroed) compute logits.
bool vram_mode_needs_logits(VramMode mode) { return mode != VramMode::Outliers; }

WeightBytes weight_bytes(const Checkpoint& checkpoint, int64_t dtype_bytes) {
  const ModelConfig& c = checkpoint.config();
  auto family = make_family(c);
  WeightBytes w;
  std::vector<std::string> names = checkpoint.names();
  std::vector<bool> counted(names.size(), false);
  for (int64_t i = 0; i < c.num_hidden_layers; ++i) {
    const std::string prefix = family->layer_prefix(i);
    uint64_t layer = 0, experts = 0;
    for (size_t n = 0; n < names.size(); ++n) {
      if (counted[n] || names[n].rfind(prefix, 0) != 0) continue;
      counted[n] = true;
      const uint64_t bytes = computed_elements(names[n], checkpoint.info(names[n]).numel()) * dtype_bytes;
      layer += bytes;
      if (is_routed_expert(names[n])) experts += bytes;
    }
    w.layers += layer;
    w.largest_layer = std::max(w.largest_layer, layer);
    w.largest_experts = std::max(w.largest_experts, experts);
  }
  for (size_t n = 0; n < names.size(); ++n) {
    if (counted[n]) continue;
    const uint64_t bytes = computed_elements(names[n], checkpoint.info(names[n]).numel()) * dtype_bytes;
    if (names[n] == family->embedding_name()) w.embedding += bytes;
    else if (names[n] == family->lm_head_name()) w.lm_head += c.tie_word_embeddings ? 0 : bytes;
    else w.other_top += bytes;
  }
  return w;
}

WeightBytes weight_bytes(const ModelConfig& c, int64_t dtype_bytes) {
  auto family = make_family(c);
  WeightBytes w;
  for (int64_t i = 0; i < c.num_hidden_layers; ++i) {
    uint64_t layer = 0, experts = 0;
    for (const TensorSpec& spec : family->layer_tensors(c, i)) {
      const uint64_t bytes = static_cast<uint64_t>(numel(spec.shape) * spec.params_per_element) * dtype_bytes;
      layer += bytes;
      if (spec.expert >= 0 || spec.expert == kStackedExperts) experts += bytes;
    }
    w.layers += layer;
    w.largest_layer = std::max(w.largest_layer, layer);
    w.largest_experts = std::max(w.largest_experts, experts);
  }
  const uint64_t table = static_cast<uint64_t>(c.vocab_size) * c.hidden_size * dtype_bytes;
  w.embedding = table;
  w.lm_head = c.tie_word_embeddings ? 0 : table;
  for (const TensorSpec& spec : family->required_top_tensors(c)) w.other_top += numel(spec.shape) * dtype_bytes;
  return w;
}

VramEstimate estimate_vram(const ModelConfig& c, const WeightBytes& weights, const VramRequest& r) {
  if (r.batch_size < 1 || r.seq_len < 1) throw InputError("batch size and sequence length must be at least 1");
  if (r.query_tile < 1) throw InputError("query tile must be at least 1");
  VramEstimate e;
  e.weights = weights;
  const bool logits = vram_mode_needs_logits(r.mode);
  const uint64_t s = r.dtype_bytes, T = r.seq_len, D = c.hidden_size;
  const uint64_t sequences = std::max(r.num_sequences, r.batch_size);
  e.weights_bytes = weights.layers + weights.embedding + weights.other_top + (logits ? weights.lm_head : 0);
  e.hidden_states_bytes = sequences * T * D * s;
  e.attention_peak_bytes = attention_peak(c, r);
  e.mlp_peak_bytes = mlp_peak(c, r);
  e.layer_peak_bytes = std::max(e.attention_peak_bytes, e.mlp_peak_bytes);
  e.logits_bytes = logits ? logits_peak(c, r) : 0;
  e.activations_bytes = e.hidden_states_bytes + e.layer_peak_bytes + e.logits_bytes;
  e.kv_bytes_if_generating = 2ull * c.num_hidden_layers * r.batch_size * T * c.kv_dim() * s;
  e.kv_bytes = 0;  // no pass of these modes generates: each sequence runs once, nothing is cached
  e.resident_bytes = e.weights_bytes + std::max(e.activations_bytes, weights.largest_experts) + e.kv_bytes;
  e.streaming_bytes = 2 * weights.largest_layer + weights.largest_experts + weights.embedding + weights.other_top +
                      (logits ? weights.lm_head : 0) + e.activations_bytes + e.kv_bytes;
  e.min_vram_gib = gib_rounded_up(static_cast<double>(e.resident_bytes), r.headroom);
  e.min_vram_gib_streaming = gib_rounded_up(static_cast<double>(e.streaming_bytes), r.headroom);
  return e;
}

nlohmann::json to_json(const VramEstimate& e, const ModelConfig& c, const VramRequest& r) {
  const WeightBytes& w = e.weights;
  return {
      {"model_type", c.model_type},
      {"mode", vram_mode_name(r.mode)},
      {"dtype", r.dtype},
      {"batch_size", r.batch_size},
      {"seq_len", r.seq_len},
      {"num_sequences", std::max(r.num_sequences, r.batch_size)},
      {"query_tile", r.query_tile},
      {"weights_bytes", e.weights_bytes},
      {"activations_bytes", e.activations_bytes},
      {"kv_bytes", e.kv_bytes},
      {"resident_bytes", e.resident_bytes},
      {"streaming_bytes", e.streaming_bytes},
      {"headroom", r.headroom},
      {"min_vram_gib", e.min_vram_gib},
      {"min_vram_gib_streaming", e.min_vram_gib_streaming},
      {"parts",
       {{"weights",
         {{"layers", w.layers},
          {"largest_layer", w.largest_layer},
          {"embedding", w.embedding},
          {"lm_head", w.lm_head},
          {"lm_head_loaded", vram_mode_needs_logits(r.mode)},
          {"final_norm", w.other_top},
          {"expert_stacking_copy", w.largest_experts},
          {"all_tensors", w.total()}}},
        {"activations",
         {{"hidden_states", e.hidden_states_bytes},
          {"attention_peak", e.attention_peak_bytes},
          {"mlp_peak", e.mlp_peak_bytes},
          {"layer_peak", e.layer_peak_bytes},
          {"logits", e.logits_bytes}}},
        {"kv_bytes_if_generating", e.kv_bytes_if_generating}}},
      {"formulas",
       {{"weights", "sum over tensors of parameters x dtype bytes (MXFP4 blocks: 2 parameters a byte, scales dropped); "
                    "lm_head only when the mode computes logits, none when tied"},
        {"hidden_states", "num_sequences x seq_len x hidden x dtype"},
        {"attention_peak", "N(D s + 4 D) + N(Hq + 2 Hkv)E s + N(Hq + Hkv)E s + 2 N Hkv E s + "
                           "max(B Hq tile T (3 s + 4) + N Hq E s, 3 N Hq E s), N = batch x seq_len"},
        {"mlp_peak", "2 N D s + [dense: 3 N I s + 4 N I | MoE: 8 N E_n + 3 N k D s + 2 N k (2 D + 3 I_e) s + 3 N I_sh s + 4 N D] + N D s"},
        {"logits", "N D s + min(128, T) V (s + 8), only when the mode computes logits"},
        {"activations", "hidden_states + max(attention_peak, mlp_peak) + logits"},
        {"kv", "0: outlier, perplexity and super-weight passes run each sequence once and cache nothing; "
               "generation would hold 2 L B T kv_dim s"},
        {"resident", "weights + max(activations, expert_stacking_copy) + kv"},
        {"streaming", "2 largest_layer + expert_stacking_copy + embedding + final_norm (+ lm_head) + activations + kv"},
        {"min_vram_gib", "ceil(resident x (1 + headroom) / 2^30)"}}}};
}

}  // namespace owb
