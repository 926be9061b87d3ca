#include "model_config.h"

#include "errors.h"
#include "json_file.h"

#include <algorithm>
#include <filesystem>

namespace owb {
namespace {

using nlohmann::json;

int64_t required_int(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_number_integer())
    throw input_error(where, std::string("missing or non-integer field \"") + key + "\"");
  int64_t v = j[key].get<int64_t>();
  if (v <= 0) throw input_error(where, std::string("field \"") + key + "\" must be positive");
  return v;
}

// A field of the wrong JSON type ("rope_theta": "1e4") is an InputError naming the field,
// not a json::type_error escaping as an internal error.
template <typename T>
T value_as(const json& v, const char* key, const std::string& where) {
  try {
    return v.get<T>();
  } catch (const json::exception&) {
    throw input_error(where, std::string("field \"") + key + "\" has the wrong type (" + v.type_name() + ")");
  }
}

template <typename T>
T optional_value(const json& j, const char* key, T fallback, const std::string& where) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  return value_as<T>(j[key], key, where);
}

std::optional<int64_t> optional_token_id(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  if (j[key].is_array()) return j[key].empty() ? std::nullopt : std::optional<int64_t>(value_as<int64_t>(j[key][0], key, where));
  return value_as<int64_t>(j[key], key, where);
}

RopeConfig read_rope(const json& j, const std::string& where) {
  RopeConfig r;
  r.theta = optional_value<double>(j, "rope_theta", optional_value<double>(j, "rotary_emb_base", 10000.0, where), where);
  r.partial_rotary_factor =
      optional_value<double>(j, "partial_rotary_factor", optional_value<double>(j, "rotary_pct", 1.0, where), where);
  // Newer transformers write rope_parameters; older files rope_scaling with "type".
  json s = j.contains("rope_scaling") && !j["rope_scaling"].is_null() ? j["rope_scaling"] : json();
  if (s.is_null() && j.contains("rope_parameters") && j["rope_parameters"].is_object()) {
    s = j["rope_parameters"];
    r.theta = optional_value<double>(s, "rope_theta", r.theta, where);
    r.partial_rotary_factor = optional_value<double>(s, "partial_rotary_factor", r.partial_rotary_factor, where);
  }
  if (!s.is_object()) return r;
  r.type = optional_value<std::string>(s, "rope_type", optional_value<std::string>(s, "type", "default", where), where);
  if (r.type == "mrope") r.type = "default";
  static const char* known[] = {"default", "linear", "dynamic", "yarn", "llama3"};
  bool ok = false;
  for (auto* k : known) ok = ok || r.type == k;
  if (!ok) throw input_error(where, "unsupported rope_scaling type \"" + r.type + "\" (supported: linear, dynamic, yarn, llama3)");
  r.factor = optional_value<double>(s, "factor", 1.0, where);
  r.original_max_position_embeddings = optional_value<int64_t>(s, "original_max_position_embeddings", 0, where);
  r.low_freq_factor = optional_value<double>(s, "low_freq_factor", 1.0, where);
  r.high_freq_factor = optional_value<double>(s, "high_freq_factor", 4.0, where);
  r.beta_fast = optional_value<double>(s, "beta_fast", 32.0, where);
  r.beta_slow = optional_value<double>(s, "beta_slow", 1.0, where);
  r.truncate = optional_value<bool>(s, "truncate", true, where);
  for (auto [key, field] : {std::pair{"attention_factor", &r.attention_factor}, std::pair{"mscale", &r.mscale},
                            std::pair{"mscale_all_dim", &r.mscale_all_dim}})
    if (s.contains(key) && !s[key].is_null()) *field = value_as<double>(s[key], key, where);
  return r;
}

// Which layers attend within a window, as transformers' configuration_<family>.py decides: an
// explicit layer_types list (gpt-oss) per layer; Mistral and Mixtral everywhere; the Qwen
// families only when use_sliding_window (default false), Qwen2/Qwen3 from max_window_layers
// (default 28) on. Llama, OLMo and GPT-NeoX have no sliding attention and ignore the key.
std::vector<int64_t> read_sliding_windows(const json& j, const std::string& model_type, int64_t layers,
                                          const std::string& where) {
  std::vector<int64_t> w(static_cast<size_t>(layers), 0);
  int64_t window = optional_value<int64_t>(j, "sliding_window", 0, where);
  if (window <= 0) return w;
  if (j.contains("layer_types") && j["layer_types"].is_array()) {
    for (int64_t i = 0; i < layers && i < static_cast<int64_t>(j["layer_types"].size()); ++i)
      if (j["layer_types"][i] == "sliding_attention") w[i] = window;
    return w;
  }
  int64_t first = layers;  // no layer slides
  if (model_type == "mistral" || model_type == "mixtral") {
    first = 0;
  } else if (model_type == "qwen2" || model_type == "qwen2_moe" || model_type == "qwen3" || model_type == "qwen3_moe") {
    if (optional_value<bool>(j, "use_sliding_window", false, where))
      first = model_type == "qwen3_moe" ? 0 : optional_value<int64_t>(j, "max_window_layers", 28, where);
  }
  for (int64_t i = std::max<int64_t>(first, 0); i < layers; ++i) w[i] = window;
  return w;
}

// MoE settings per family, defaults as in transformers' configuration_<family>.py. Which layers
// are sparse: qwen2_moe / qwen3_moe every decoder_sparse_step-th layer not in mlp_only_layers,
// glm4_moe from first_k_dense_replace on, the others every layer.
MoeConfig read_moe(const json& j, const std::string& type, int64_t layers, int64_t intermediate, const std::string& where) {
  MoeConfig m;
  const bool qwen = type == "qwen2_moe" || type == "qwen3_moe" || type == "qwen3_next";
  if (type == "olmoe") {
    m.num_experts = optional_value<int64_t>(j, "num_experts", 64, where);
    m.top_k = optional_value<int64_t>(j, "num_experts_per_tok", 8, where);
    m.norm_topk_prob = optional_value<bool>(j, "norm_topk_prob", false, where);
    m.expert_intermediate = intermediate;
  } else if (type == "mixtral" || type == "gpt_oss") {
    m.num_experts = optional_value<int64_t>(j, "num_local_experts", type == "mixtral" ? 8 : 128, where);
    m.top_k = optional_value<int64_t>(j, "num_experts_per_tok",
                                      optional_value<int64_t>(j, "experts_per_token", type == "mixtral" ? 2 : 4, where), where);
    m.norm_topk_prob = true;  // softmax over the k selected logits
    m.expert_intermediate = intermediate;
  } else if (type == "qwen3_next") {  // configuration_qwen3_next: 512 experts, top-10, a shared expert
    m.num_experts = optional_value<int64_t>(j, "num_experts", 512, where);
    m.top_k = optional_value<int64_t>(j, "num_experts_per_tok", 10, where);
    m.norm_topk_prob = optional_value<bool>(j, "norm_topk_prob", true, where);
    m.expert_intermediate = optional_value<int64_t>(j, "moe_intermediate_size", 512, where);
    m.shared_intermediate = optional_value<int64_t>(j, "shared_expert_intermediate_size", 512, where);
    if (m.num_experts == 0) return m;  // num_experts 0: every layer dense
  } else if (qwen) {
    m.num_experts = optional_value<int64_t>(j, "num_experts", type == "qwen2_moe" ? 60 : 128, where);
    m.top_k = optional_value<int64_t>(j, "num_experts_per_tok", type == "qwen2_moe" ? 4 : 8, where);
    m.norm_topk_prob = optional_value<bool>(j, "norm_topk_prob", false, where);
    m.expert_intermediate = optional_value<int64_t>(j, "moe_intermediate_size", type == "qwen2_moe" ? 1408 : 768, where);
    if (type == "qwen2_moe") m.shared_intermediate = optional_value<int64_t>(j, "shared_expert_intermediate_size", 5632, where);
  } else if (type == "glm4_moe") {
    m.num_experts = optional_value<int64_t>(j, "n_routed_experts", 128, where);
    m.top_k = optional_value<int64_t>(j, "num_experts_per_tok", 8, where);
    m.norm_topk_prob = optional_value<bool>(j, "norm_topk_prob", true, where);
    m.expert_intermediate = optional_value<int64_t>(j, "moe_intermediate_size", 1408, where);
    m.shared_intermediate = optional_value<int64_t>(j, "n_shared_experts", 1, where) * m.expert_intermediate;
    m.scoring = "sigmoid";
    m.routed_scaling_factor = optional_value<double>(j, "routed_scaling_factor", 1.0, where);
    m.n_group = optional_value<int64_t>(j, "n_group", 1, where);
    m.topk_group = optional_value<int64_t>(j, "topk_group", 1, where);
  } else {
    return m;
  }
  if (m.num_experts <= 0 || m.top_k <= 0 || m.top_k > m.num_experts)
    throw input_error(where, "MoE: need 0 < num_experts_per_tok <= number of experts");
  if (m.expert_intermediate <= 0) throw input_error(where, "MoE: expert intermediate size must be positive");
  if (m.n_group < 1 || m.num_experts % m.n_group != 0 || m.topk_group < 1 || m.topk_group > m.n_group)
    throw input_error(where, "MoE: n_group must divide the experts and 1 <= topk_group <= n_group");
  m.sparse_layer.assign(static_cast<size_t>(layers), true);
  if (qwen) {
    int64_t step = optional_value<int64_t>(j, "decoder_sparse_step", 1, where);
    std::vector<int64_t> dense = optional_value<std::vector<int64_t>>(j, "mlp_only_layers", {}, where);
    for (int64_t i = 0; i < layers; ++i)
      m.sparse_layer[i] = std::find(dense.begin(), dense.end(), i) == dense.end() && step > 0 && (i + 1) % step == 0;
  }
  if (type == "glm4_moe") {
    int64_t first = optional_value<int64_t>(j, "first_k_dense_replace", 1, where);
    for (int64_t i = 0; i < layers && i < first; ++i) m.sparse_layer[i] = false;
  }
  return m;
}

// Qwen3-Next's token mixers (configuration_qwen3_next): layer_types names each layer
// "linear_attention" or "full_attention"; without it every full_attention_interval-th layer
// (default 4) attends fully, the others are Gated DeltaNet.
LinearAttentionConfig read_linear_attention(const json& j, int64_t layers, const std::string& where) {
  LinearAttentionConfig a;
  a.num_key_heads = optional_value<int64_t>(j, "linear_num_key_heads", 16, where);
  a.num_value_heads = optional_value<int64_t>(j, "linear_num_value_heads", 32, where);
  a.key_head_dim = optional_value<int64_t>(j, "linear_key_head_dim", 128, where);
  a.value_head_dim = optional_value<int64_t>(j, "linear_value_head_dim", 128, where);
  a.conv_kernel = optional_value<int64_t>(j, "linear_conv_kernel_dim", 4, where);
  if (a.num_key_heads <= 0 || a.num_value_heads <= 0 || a.key_head_dim <= 0 || a.value_head_dim <= 0 || a.conv_kernel <= 0)
    throw input_error(where, "linear attention: heads, head dims and linear_conv_kernel_dim must be positive");
  if (a.num_value_heads % a.num_key_heads != 0)
    throw input_error(where, "linear_num_value_heads must be a multiple of linear_num_key_heads");
  a.layer.assign(static_cast<size_t>(layers), false);
  if (j.contains("layer_types") && !j["layer_types"].is_null()) {
    const auto types = value_as<std::vector<std::string>>(j["layer_types"], "layer_types", where);
    if (static_cast<int64_t>(types.size()) != layers) throw input_error(where, "layer_types must name every layer");
    for (int64_t i = 0; i < layers; ++i) {
      if (types[i] != "linear_attention" && types[i] != "full_attention")
        throw input_error(where, "layer_types: \"" + types[i] + "\" (expected linear_attention or full_attention)");
      a.layer[i] = types[i] == "linear_attention";
    }
    return a;
  }
  const int64_t interval = optional_value<int64_t>(j, "full_attention_interval", 4, where);
  if (interval <= 0) throw input_error(where, "full_attention_interval must be positive");
  for (int64_t i = 0; i < layers; ++i) a.layer[i] = (i + 1) % interval != 0;
  return a;
}

}  // namespace

ModelConfig parse_model_config(const json& j, const std::string& where) {
  if (!j.is_object()) throw input_error(where, "config is not a JSON object");
  ModelConfig c;
  c.raw = j;
  c.model_type = optional_value<std::string>(j, "model_type", "", where);
  if (c.model_type.empty()) throw input_error(where, "missing field \"model_type\"");
  c.hidden_size = required_int(j, "hidden_size", where);
  c.intermediate_size = optional_value<int64_t>(j, "intermediate_size", 4 * c.hidden_size, where);
  c.num_hidden_layers = required_int(j, "num_hidden_layers", where);
  c.num_attention_heads = required_int(j, "num_attention_heads", where);
  c.num_key_value_heads = optional_value<int64_t>(j, "num_key_value_heads", c.num_attention_heads, where);
  const bool qwen3_next = c.model_type == "qwen3_next";
  c.head_dim = optional_value<int64_t>(j, "head_dim", qwen3_next ? 256 : c.hidden_size / c.num_attention_heads, where);
  c.vocab_size = required_int(j, "vocab_size", where);
  c.max_position_embeddings = optional_value<int64_t>(j, "max_position_embeddings", 2048, where);
  c.norm_eps = optional_value<double>(j, "rms_norm_eps", optional_value<double>(j, "layer_norm_eps", 1e-6, where), where);
  c.rope = read_rope(j, where);
  // Qwen3-Next rotates a quarter of each head unless the config says otherwise.
  if (qwen3_next && !j.contains("partial_rotary_factor") &&
      !(j.contains("rope_parameters") && j["rope_parameters"].is_object() && j["rope_parameters"].contains("partial_rotary_factor")))
    c.rope.partial_rotary_factor = 0.25;
  c.tie_word_embeddings = optional_value<bool>(j, "tie_word_embeddings", false, where);
  c.attention_bias = optional_value<bool>(j, "attention_bias", false, where);
  c.mlp_bias = optional_value<bool>(j, "mlp_bias", false, where);
  c.hidden_act = optional_value<std::string>(j, "hidden_act", "silu", where);
  c.torch_dtype = optional_value<std::string>(j, "torch_dtype", optional_value<std::string>(j, "dtype", "float32", where), where);
  if (j.contains("clip_qkv") && !j["clip_qkv"].is_null()) c.clip_qkv = value_as<double>(j["clip_qkv"], "clip_qkv", where);
  c.use_parallel_residual = optional_value<bool>(j, "use_parallel_residual", true, where);
  c.sliding_window_per_layer = read_sliding_windows(j, c.model_type, c.num_hidden_layers, where);
  c.moe = read_moe(j, c.model_type, c.num_hidden_layers, c.intermediate_size, where);
  if (qwen3_next) c.linear_attention = read_linear_attention(j, c.num_hidden_layers, where);
  c.bos_token_id = optional_token_id(j, "bos_token_id", where);
  c.eos_token_id = optional_token_id(j, "eos_token_id", where);
  if (c.num_key_value_heads <= 0) throw input_error(where, "field \"num_key_value_heads\" must be positive");
  if (c.num_attention_heads % c.num_key_value_heads != 0)
    throw input_error(where, "num_attention_heads is not a multiple of num_key_value_heads");
  if (c.head_dim <= 0) throw input_error(where, "head_dim must be positive");
  return c;
}

ModelConfig load_model_config(const std::string& path) {
  std::filesystem::path p(path);
  if (std::filesystem::is_directory(p)) p /= "config.json";
  return parse_model_config(read_json_file(p.string()), p.string());
}

}  // namespace owb
