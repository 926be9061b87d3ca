#pragma once
// An independent float64 forward pass, written straight from the Hugging Face modeling files of
// each family (llama, mistral, qwen2, qwen3, olmo, olmo2, gpt_neox; MoE: olmoe, mixtral,
// qwen2_moe, qwen3_moe, glm4_moe, gpt_oss, qwen3_next) to check the engine against. gpt-oss MXFP4 expert
// blocks are unpacked here byte by byte, independently of the engine's dequantizer; unquantised
// gpt-oss experts are used as stored ([E, in, out]). The MoE MLP is computed naively, token by
// token: softmax over the router logits, top-k by repeated arg-max (ties: lowest expert index),
// each chosen expert run on that one token.
//
// Independence is the point: it reads config.json itself (nlohmann_json), takes tensors from the
// checkpoint only as raw values (owb::Checkpoint::view, converted to fp64) and computes with plain
// ATen ops. It never calls the engine's blocks (rms_norm, causal_attention, rotary tables, Model),
// so a bug there cannot cancel out. Attention is the naive full softmax over a T x T masked score
// matrix, GQA by repeat_interleave; RoPE scaling follows transformers' modeling_rope_utils.py.
#include "checkpoint.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace owb::test {

// The engine's hook points, computed the reference way.   [B, T, D] ([B, T, I] for mlp_down_in)
struct ReferenceLayerHooks {
  at::Tensor ln_attn;       // input of attention (olmo2: the residual stream itself)
  at::Tensor ln_mlp;        // input of the MLP (olmo2: the residual stream after attention)
  at::Tensor mlp_down_in;   // act(gate) * up, or act(dense_h_to_4h) for gpt_neox
  at::Tensor mlp_down_out;  // down projection output (with its bias, before any post-norm)
  at::Tensor resid_post;    // residual stream after the layer
  // MoE layers: mlp_down_in stays undefined, mlp_down_out is the combined MoE output.
  at::Tensor router_logits;  // [B, T, E]
  struct Expert {
    at::Tensor routed;    // [n, 2] (row in batch, position), ordered by row then position
    at::Tensor down_in;   // [n, I]
    at::Tensor down_out;  // [n, D] before the routing weight
  };
  std::map<int64_t, Expert> experts;  // experts that received at least one token
};

struct ReferenceResult {
  at::Tensor logits;  // [B, T, V] fp64
  std::vector<ReferenceLayerHooks> layers;
};

class ReferenceTransformer {
 public:
  explicit ReferenceTransformer(const std::string& checkpoint_dir);

  // ids: [B, T] int64.
  ReferenceResult forward(const at::Tensor& ids) const;
  // Replaces element [row, col] of a 2-D weight (a weight intervention, the reference way).
  void set_weight(const std::string& name, int64_t row, int64_t col, double value);
  // Replaces one element of a stored tensor of any rank (gpt-oss's stacked experts).
  void set_element(const std::string& name, const std::vector<int64_t>& index, double value);

 private:
  struct Config {
    std::string model_type;
    int64_t hidden = 0, intermediate = 0, layers = 0, heads = 0, kv_heads = 0, head_dim = 0, vocab = 0;
    int64_t max_position_embeddings = 2048;
    double eps = 1e-6;
    double rope_theta = 10000.0;
    double partial_rotary = 1.0;
    nlohmann::json rope_scaling;  // null when absent
    bool tie_word_embeddings = false;
    bool attention_bias = false;
    bool mlp_bias = false;
    std::string hidden_act = "silu";
    double clip_qkv = 0.0;  // 0: off
    bool parallel_residual = true;
    std::vector<int64_t> window;  // per layer, 0 = full causal
    // MoE
    int64_t experts = 0, top_k = 0;
    bool norm_topk_prob = false;
    bool shared_expert = false;  // qwen2_moe: shared_expert + sigmoid shared_expert_gate
    bool sigmoid_router = false; // glm4_moe: sigmoid scores, correction bias, groups, shared_experts
    double routed_scaling_factor = 1.0;
    int64_t n_group = 1, topk_group = 1;
    bool qk_norm = false;        // glm4_moe use_qk_norm (per head)
    double swiglu_limit = 7.0;   // gpt_oss
    bool gpt_oss_mxfp4 = false;  // gpt_oss experts as MXFP4 blocks (else unquantised [E, in, out])
    // qwen3_next: per layer Gated DeltaNet (true) or gated full attention, and DeltaNet's sizes
    std::vector<bool> linear;
    int64_t lin_key_heads = 0, lin_value_heads = 0, lin_key_dim = 0, lin_value_dim = 0, conv_kernel = 0;
    std::vector<bool> sparse;    // per layer
  };
  static Config read_config(const std::string& dir);

  const at::Tensor& w(const std::string& name) const;
  at::Tensor maybe(const std::string& name) const;
  at::Tensor inverse_frequencies(int64_t rot_dim, int64_t positions, double* attention_scaling) const;
  at::Tensor rotate(const at::Tensor& x, int64_t positions) const;  // [B, H, T, E]
  at::Tensor attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t window,
                    const at::Tensor& sinks = at::Tensor()) const;
  at::Tensor act(const at::Tensor& x) const;

  at::Tensor llama_like_layer(int64_t i, const at::Tensor& x, ReferenceLayerHooks& hooks) const;
  at::Tensor olmo2_layer(int64_t i, const at::Tensor& x, ReferenceLayerHooks& hooks) const;
  at::Tensor gpt_neox_layer(int64_t i, const at::Tensor& x, ReferenceLayerHooks& hooks) const;
  // Qwen3-Next (reference_transformer_qwen3_next.cpp): (1 + w) norms, gated attention or Gated
  // DeltaNet (token by token), qwen2_moe's MoE.
  at::Tensor qwen3_next_layer(int64_t i, const at::Tensor& x, ReferenceLayerHooks& hooks) const;
  at::Tensor qwen3_next_attention(int64_t i, const at::Tensor& a) const;
  at::Tensor gated_deltanet(int64_t i, const at::Tensor& a) const;
  at::Tensor llama_attention(int64_t i, const at::Tensor& a) const;
  at::Tensor swiglu_mlp(const std::string& p, const at::Tensor& m, ReferenceLayerHooks& hooks) const;
  at::Tensor moe_mlp(int64_t i, const at::Tensor& m, ReferenceLayerHooks& hooks) const;
  at::Tensor gpt_oss_moe(int64_t i, const at::Tensor& m, ReferenceLayerHooks& hooks) const;
  // Chosen experts and their weights for one token's router logits.
  std::vector<std::pair<int64_t, double>> choose_experts(const at::Tensor& logits, const at::Tensor& correction_bias) const;

  Config cfg_;
  std::map<std::string, at::Tensor> weights_;  // every tensor of the checkpoint, fp64
};

}  // namespace owb::test
