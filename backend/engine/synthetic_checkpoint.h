#pragma once
// Tiny checkpoints in the real Hugging Face format (config.json + safetensors, optionally sharded,
// optionally with a tokenizer) whose weights are random except for structure we plant, so tests
// and the demo can check that analyses find exactly what was put there.
//
// How structure is planted (see owb make-test-model --help):
//  - anchor columns: embedding[:, k] = c for every token carrying the plant, and no layer writes
//    into dim k (row k of every o_proj / down_proj is zero), so the residual stream holds exactly
//    c at dim k in every layer;
//  - outlier dim d with gain gamma: anchor column d (c = 1) and, in the chosen layers, the weight of
//    both pre-norms at d set to gamma, so |ln_attn[..., d]| and |ln_mlp[..., d]| are ~gamma there
//    and ~1 elsewhere. Column d of the projections reading them is divided by gamma, so the
//    sublayers, and with them the residual stream, behave as without the plant. Families without
//    norm weights (olmo, olmo2) plant through the anchor value alone, in every layer.
//  - super weight (layer L, row r, col c, value v): in layer L, gate/up rows c read only anchor
//    dim k so that mlp_down_in[..., c] is large at every position, and down_proj[r, c] = v, so
//    mlp_down_out[..., r] spikes as well: the signature Yu et al. (2024) detect. The rest of
//    down_proj column c is zero, so the spike lands in row r alone and zeroing [r, c] removes it.
//    With an expert (MoE layer), the same is planted in that expert's gate/up/down, so its
//    down_proj input and output spike on every token routed to it, and only there (gpt-oss,
//    unquantised: in the expert's slices of the stacked gate_up_proj / down_proj; its clamped
//    SwiGLU caps the input spike at (limit + 1) * limit = 56).
//  - router preference (MoE families; layers A..B, expert e, value v): anchor column k (= 1 for
//    every token, reserved as above) and router[e, k] = v, so expert e's router logit is raised by
//    ~v for every token and its activation probability climbs towards 1.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace owb {

struct PlantedOutlier {
  int64_t dim = 0;
  double gamma = 20.0;
  int64_t first_layer = 0;
  int64_t last_layer = -1;  // -1: the last layer
  double token_share = 1.0; // share of vocabulary ids whose embedding carries the plant
};

struct PlantedSuperWeight {
  int64_t layer = 0;
  int64_t row = 0;
  int64_t col = 0;
  double value = 2.0;
  int64_t anchor_dim = -1;  // -1: hidden_size - 1
  int64_t expert = -1;      // >= 0: in this routed expert's down projection (MoE layer)
};

struct PlantedRouterBias {
  int64_t expert = 0;
  double value = 4.0;
  int64_t first_layer = 0;
  int64_t last_layer = -1;  // -1: the last layer
  int64_t anchor_dim = -1;  // -1: hidden_size - 2
};

struct SyntheticModelSpec {
  std::string arch = "llama";
  int64_t layers = 4;
  int64_t hidden = 64;
  int64_t heads = 4;
  int64_t kv_heads = 2;
  int64_t head_dim = 0;  // 0: hidden / heads
  int64_t intermediate = 128;
  int64_t vocab = 256;
  uint64_t seed = 0;
  std::string dtype = "f32";  // f32 | bf16 | f16
  int shards = 1;
  bool tie_word_embeddings = false;
  int64_t sliding_window = 0;
  std::string rope_scaling_json;  // e.g. {"rope_type":"linear","factor":2}
  std::string tokenizer_path;     // copied next to the weights; vocab and BOS/EOS follow it
  std::vector<PlantedOutlier> outliers;
  std::vector<PlantedSuperWeight> super_weights;
  // MoE families (olmoe, mixtral, qwen2_moe, qwen3_moe): routed experts, each of width
  // expert_intermediate (0: intermediate / 2); the shared expert and dense layers use intermediate.
  int64_t experts = 4;
  int64_t top_k = 2;
  int64_t expert_intermediate = 0;
  // qwen2_moe / qwen3_moe: dense layers (mlp_only_layers) and decoder_sparse_step.
  std::vector<int64_t> dense_layers;
  int64_t decoder_sparse_step = 1;
  std::vector<PlantedRouterBias> router_biases;
  // gpt_oss: experts unquantised (gate_up_proj [E, D, 2I], down_proj [E, I, D] in --dtype, no
  // quantization_config) instead of MXFP4 blocks and scales. Planting needs this layout.
  bool gpt_oss_unquantized = false;
  // Merged into config.json (RFC 7386: null removes a key) before any tensor is made, so shapes
  // follow it, e.g. {"linear_num_value_heads": 2} or {"layer_types": [...]} for qwen3_next.
  std::string config_patch_json;
};


// Parses "dim=5,gamma=20,layers=1-3,share=0.5" / "layer=1,row=3,col=7,value=2,anchor=63[,expert=2]".
PlantedOutlier parse_planted_outlier(const std::string& text);
PlantedSuperWeight parse_planted_super_weight(const std::string& text);
// "expert=2,value=4,layers=0-1,anchor=62".
PlantedRouterBias parse_planted_router_bias(const std::string& text);

// Writes the checkpoint into `dir` (created if needed); returns the config.json it wrote.
std::string write_synthetic_checkpoint(const SyntheticModelSpec& spec, const std::string& dir);

}  // namespace owb
