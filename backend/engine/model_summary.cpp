#include "model_summary.h"

#include "checkpoint.h"
#include "family.h"
#include "hooks.h"

namespace owb {

namespace {

int64_t numel(const std::vector<int64_t>& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

int64_t parameters(const TensorSpec& spec) { return static_cast<int64_t>(numel(spec.shape) * spec.params_per_element); }

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A stored tensor's parameters: MXFP4 blocks pack two per byte, their scales are not parameters.
int64_t stored_parameters(const std::string& name, int64_t elements) {
  if (ends_with(name, "_blocks")) return 2 * elements;
  if (ends_with(name, "_scales")) return 0;
  return elements;
}

// Parameters of the routed experts a token skips, summed over the layers.
int64_t inactive_expert_parameters(const ModelConfig& c, const Family& family) {
  int64_t inactive = 0;
  for (int64_t i = 0; i < c.num_hidden_layers; ++i) {
    if (!c.moe.is_sparse(i)) continue;
    int64_t experts = 0;
    for (const auto& spec : family.layer_tensors(c, i))
      if (spec.expert >= 0 || spec.expert == kStackedExperts) experts += parameters(spec);
    inactive += experts / c.moe.num_experts * (c.moe.num_experts - c.moe.top_k);
  }
  return inactive;
}

std::vector<std::string> hook_points(const ModelConfig& c) {
  std::vector<std::string> names = all_hook_names(c.num_hidden_layers);
  for (int64_t i = 0; i < c.num_hidden_layers; ++i)
    if (c.moe.is_sparse(i))
      for (auto& n : moe_hook_names(i, c.moe.num_experts)) names.push_back(std::move(n));
  return names;
}

nlohmann::json shape_summary(const ModelConfig& c, const Family& family, const std::string& path) {
  nlohmann::json j = {{"path", path},
                      {"model_type", c.model_type},
                      {"family", family.name()},
                      {"layers", c.num_hidden_layers},
                      {"hidden_size", c.hidden_size},
                      {"intermediate_size", c.intermediate_size},
                      {"heads", c.num_attention_heads},
                      {"kv_heads", c.num_key_value_heads},
                      {"head_dim", c.head_dim},
                      {"vocab", c.vocab_size},
                      {"torch_dtype", c.torch_dtype},
                      {"tie_word_embeddings", c.tie_word_embeddings},
                      {"rope", {{"type", c.rope.type}, {"theta", c.rope.theta}, {"factor", c.rope.factor},
                                {"partial_rotary_factor", c.rope.partial_rotary_factor}}},
                      {"sliding_window_per_layer", c.sliding_window_per_layer},
                      {"hook_points", hook_points(c)}};
  if (c.moe.num_experts > 0) {
    std::vector<int64_t> sparse;
    for (int64_t i = 0; i < c.num_hidden_layers; ++i)
      if (c.moe.is_sparse(i)) sparse.push_back(i);
    j["moe"] = {{"experts", c.moe.num_experts},
                {"top_k", c.moe.top_k},
                {"expert_intermediate_size", c.moe.expert_intermediate},
                {"shared_intermediate_size", c.moe.shared_intermediate},
                {"norm_topk_prob", c.moe.norm_topk_prob},
                {"scoring", c.moe.scoring},
                {"sparse_layers", sparse}};
  }
  const LinearAttentionConfig& L = c.linear_attention;
  if (!L.layer.empty()) {  // Qwen3-Next: which layers mix tokens with a Gated DeltaNet
    std::vector<int64_t> linear;
    for (int64_t i = 0; i < c.num_hidden_layers; ++i)
      if (L.is_linear(i)) linear.push_back(i);
    j["linear_attention"] = {{"layers", linear},          {"key_heads", L.num_key_heads},   {"value_heads", L.num_value_heads},
                             {"key_head_dim", L.key_head_dim}, {"value_head_dim", L.value_head_dim}, {"conv_kernel", L.conv_kernel}};
  }
  return j;
}

}  // namespace

ParameterCounts count_parameters(const ModelConfig& c) {
  auto family = make_family(c);
  ParameterCounts p;
  p.total = c.vocab_size * c.hidden_size * (c.tie_word_embeddings ? 1 : 2);
  for (const auto& spec : family->required_top_tensors(c)) p.total += numel(spec.shape);
  for (int64_t i = 0; i < c.num_hidden_layers; ++i)
    for (const auto& spec : family->layer_tensors(c, i)) p.total += parameters(spec);
  // Optional tensors (biases the table does not require) are not in the table; a checkpoint's
  // own count (summarize_checkpoint) includes them.
  p.active = p.total - inactive_expert_parameters(c, *family);
  return p;
}

nlohmann::json summarize_checkpoint(const Checkpoint& ck) {
  const ModelConfig& c = ck.config();
  auto family = make_family(c);
  int64_t total_params = 0;
  for (const auto& name : ck.names()) total_params += stored_parameters(name, ck.info(name).numel());
  nlohmann::json bytes_per_layer = nlohmann::json::array();
  for (int64_t i = 0; i < c.num_hidden_layers; ++i) {
    std::string prefix = family->layer_prefix(i);
    uint64_t n = 0;
    for (const auto& name : ck.names())
      if (name.rfind(prefix, 0) == 0) n += ck.info(name).end - ck.info(name).begin;
    bytes_per_layer.push_back(n);
  }
  nlohmann::json j = shape_summary(c, *family, ck.dir());
  j["total_params"] = total_params;
  // Dense: every parameter is used for every token; MoE: all but the experts a token skips.
  j["active_params"] = total_params - inactive_expert_parameters(c, *family);
  j["dtype"] = ck.storage_dtype();
  j["bytes_total"] = ck.total_bytes();
  j["bytes_per_layer"] = bytes_per_layer;
  return j;
}

nlohmann::json summarize_config(const ModelConfig& c, const std::string& path) {
  auto family = make_family(c);
  ParameterCounts p = count_parameters(c);
  nlohmann::json j = shape_summary(c, *family, path);
  j["total_params"] = p.total;
  j["active_params"] = p.active;
  j["config_only"] = true;
  return j;
}

}  // namespace owb
