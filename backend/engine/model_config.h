#pragma once
// config.json of a Hugging Face causal LM, read into one plain struct.
// Torch-free so that the CLI, the job layer and tests can read configs cheaply.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace owb {

// Rotary position embedding parameters after resolving the family's spelling
// (rope_theta / rotary_emb_base, rope_scaling / rope_parameters, rotary_pct / partial_rotary_factor).
struct RopeConfig {
  double theta = 10000.0;
  double partial_rotary_factor = 1.0;  // share of head_dim that rotates
  std::string type = "default";        // default | linear | dynamic | yarn | llama3
  double factor = 1.0;
  int64_t original_max_position_embeddings = 0;  // yarn / llama3 / dynamic
  double low_freq_factor = 1.0;                  // llama3
  double high_freq_factor = 4.0;                 // llama3
  double beta_fast = 32.0;                       // yarn
  double beta_slow = 1.0;                        // yarn
  std::optional<double> attention_factor;        // yarn
  std::optional<double> mscale;                  // yarn (deepseek-style)
  std::optional<double> mscale_all_dim;          // yarn
  bool truncate = true;                          // yarn
};

// Mixture-of-Experts settings after resolving each family's spelling (num_experts /
// num_local_experts / n_routed_experts, moe_intermediate_size, ...). num_experts == 0: dense.
struct MoeConfig {
  int64_t num_experts = 0;
  int64_t top_k = 0;                   // num_experts_per_tok
  int64_t expert_intermediate = 0;     // width of one routed expert's MLP
  bool norm_topk_prob = false;         // renormalise the k selected weights to sum 1
  std::string scoring = "softmax";     // softmax | sigmoid (glm4_moe)
  int64_t shared_intermediate = 0;     // width of the shared expert MLP (0: none)
  double routed_scaling_factor = 1.0;  // glm4_moe
  int64_t n_group = 1;                 // glm4_moe grouped top-k
  int64_t topk_group = 1;
  std::vector<bool> sparse_layer;      // per layer: MoE (true) or dense MLP (false)

  bool is_sparse(int64_t layer) const {
    return num_experts > 0 && layer >= 0 && layer < static_cast<int64_t>(sparse_layer.size()) && sparse_layer[layer];
  }
};

// Qwen3-Next's Gated DeltaNet token mixer (linear_* keys). Empty layer list: no linear attention.
struct LinearAttentionConfig {
  int64_t num_key_heads = 0;    // linear_num_key_heads
  int64_t num_value_heads = 0;  // linear_num_value_heads (a multiple of the key heads)
  int64_t key_head_dim = 0;     // linear_key_head_dim
  int64_t value_head_dim = 0;   // linear_value_head_dim
  int64_t conv_kernel = 0;      // linear_conv_kernel_dim
  std::vector<bool> layer;      // per layer: Gated DeltaNet (true) or full attention (false)

  bool is_linear(int64_t i) const { return i >= 0 && i < static_cast<int64_t>(layer.size()) && layer[i]; }
  int64_t key_dim() const { return num_key_heads * key_head_dim; }
  int64_t value_dim() const { return num_value_heads * value_head_dim; }
  int64_t conv_dim() const { return 2 * key_dim() + value_dim(); }  // channels of the short convolution: q, k, v
};

struct ModelConfig {
  std::string model_type;  // as written in config.json
  int64_t hidden_size = 0;
  int64_t intermediate_size = 0;
  int64_t num_hidden_layers = 0;
  int64_t num_attention_heads = 0;
  int64_t num_key_value_heads = 0;
  int64_t head_dim = 0;
  int64_t vocab_size = 0;
  int64_t max_position_embeddings = 0;
  double norm_eps = 1e-6;  // rms_norm_eps or layer_norm_eps
  RopeConfig rope;
  bool tie_word_embeddings = false;
  bool attention_bias = false;
  bool mlp_bias = false;
  std::string hidden_act = "silu";
  std::string torch_dtype = "float32";
  std::optional<double> clip_qkv;     // olmo, olmoe
  bool use_parallel_residual = true;  // gpt_neox
  // Per-layer sliding window in tokens (0 = full attention), resolved from
  // sliding_window / use_sliding_window / max_window_layers / layer_types.
  std::vector<int64_t> sliding_window_per_layer;
  MoeConfig moe;
  LinearAttentionConfig linear_attention;  // qwen3_next
  std::optional<int64_t> bos_token_id;
  std::optional<int64_t> eos_token_id;
  nlohmann::json raw;  // the file as read, for family-specific keys

  int64_t kv_dim() const { return num_key_value_heads * head_dim; }
  int64_t q_dim() const { return num_attention_heads * head_dim; }
};

// Parses a config.json object. `where` names the file in error messages.
ModelConfig parse_model_config(const nlohmann::json& j, const std::string& where);

// Reads and parses <dir>/config.json (or a path to a config file).
ModelConfig load_model_config(const std::string& path);

}  // namespace owb
