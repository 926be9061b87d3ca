#include "model_summary.h"

#include "checkpoint.h"
#include "family.h"
#include "hooks.h"

namespace owb {

nlohmann::json summarize_checkpoint(const Checkpoint& ck) {
  const ModelConfig& c = ck.config();
  auto family = make_family(c);
  int64_t total_params = 0;
  for (const auto& name : ck.names()) total_params += ck.info(name).numel();
  nlohmann::json bytes_per_layer = nlohmann::json::array();
  for (int64_t i = 0; i < c.num_hidden_layers; ++i) {
    std::string prefix = family->layer_prefix(i);
    uint64_t n = 0;
    for (const auto& name : ck.names())
      if (name.rfind(prefix, 0) == 0) n += ck.info(name).end - ck.info(name).begin;
    bytes_per_layer.push_back(n);
  }
  nlohmann::json windows = c.sliding_window_per_layer;
  return {{"path", ck.dir()},
          {"model_type", c.model_type},
          {"family", family->name()},
          {"layers", c.num_hidden_layers},
          {"hidden_size", c.hidden_size},
          {"intermediate_size", c.intermediate_size},
          {"heads", c.num_attention_heads},
          {"kv_heads", c.num_key_value_heads},
          {"head_dim", c.head_dim},
          {"vocab", c.vocab_size},
          {"total_params", total_params},
          {"active_params", total_params},  // dense: every parameter is used for every token
          {"dtype", ck.storage_dtype()},
          {"torch_dtype", c.torch_dtype},
          {"tie_word_embeddings", c.tie_word_embeddings},
          {"rope", {{"type", c.rope.type}, {"theta", c.rope.theta}, {"factor", c.rope.factor},
                    {"partial_rotary_factor", c.rope.partial_rotary_factor}}},
          {"sliding_window_per_layer", windows},
          {"bytes_total", ck.total_bytes()},
          {"bytes_per_layer", bytes_per_layer},
          {"hook_points", all_hook_names(c.num_hidden_layers)}};
}

}  // namespace owb
