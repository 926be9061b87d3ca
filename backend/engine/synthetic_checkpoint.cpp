#include "synthetic_checkpoint.h"

#include "checkpoint.h"
#include "errors.h"
#include "family.h"
#include "json_file.h"
#include "mxfp4.h"
#include "safetensors_file.h"
#include "synthetic_planting.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

namespace owb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Vocabulary size and special ids of a tokenizer.json: max id + 1 over vocab and added tokens.
int64_t tokenizer_vocab_size(const std::string& path) {
  json t = read_json_file(path);
  int64_t max_id = -1;
  if (t.contains("model") && t["model"].contains("vocab") && t["model"]["vocab"].is_object())
    for (auto& [tok, id] : t["model"]["vocab"].items()) max_id = std::max<int64_t>(max_id, id.get<int64_t>());
  if (t.contains("added_tokens"))
    for (const auto& a : t["added_tokens"]) max_id = std::max<int64_t>(max_id, a["id"].get<int64_t>());
  if (max_id < 0) throw input_error(path, "no vocabulary found under model.vocab");
  return max_id + 1;
}

std::string torch_dtype_name(const std::string& d) {
  if (d == "bf16") return "bfloat16";
  if (d == "f16") return "float16";
  if (d == "f32") return "float32";
  throw InputError("--dtype must be f32, bf16 or f16, got \"" + d + "\"");
}

json family_config(const SyntheticModelSpec& s, int64_t vocab) {
  const int64_t head_dim = s.head_dim > 0 ? s.head_dim : s.hidden / s.heads;
  json c = {{"model_type", s.arch},
            {"hidden_size", s.hidden},
            {"intermediate_size", s.intermediate},
            {"num_hidden_layers", s.layers},
            {"num_attention_heads", s.heads},
            {"num_key_value_heads", s.kv_heads},
            {"vocab_size", vocab},
            {"max_position_embeddings", 4096},
            {"rope_theta", 10000.0},
            {"tie_word_embeddings", s.tie_word_embeddings},
            {"hidden_act", "silu"},
            {"torch_dtype", torch_dtype_name(s.dtype)},
            {"bos_token_id", 1},
            {"eos_token_id", 2},
            {"rms_norm_eps", 1e-6},
            {"attention_bias", false}};
  if (s.arch == "llama") c["architectures"] = {"LlamaForCausalLM"}, c["rms_norm_eps"] = 1e-5, c["head_dim"] = head_dim;
  if (s.arch == "mistral") c["architectures"] = {"MistralForCausalLM"}, c["sliding_window"] = s.sliding_window > 0 ? json(s.sliding_window) : json();
  if (s.arch == "qwen2") {
    c["architectures"] = {"Qwen2ForCausalLM"};
    c["use_sliding_window"] = s.sliding_window > 0;
    c["sliding_window"] = s.sliding_window > 0 ? s.sliding_window : 4096;
    c["max_window_layers"] = 0;
  }
  if (s.arch == "qwen3") c["architectures"] = {"Qwen3ForCausalLM"}, c["head_dim"] = head_dim, c["use_sliding_window"] = false;
  if (s.arch == "olmo") c["architectures"] = {"OlmoForCausalLM"}, c["clip_qkv"] = json();
  if (s.arch == "olmo2") c["architectures"] = {"Olmo2ForCausalLM"};
  const int64_t expert_inter = s.expert_intermediate > 0 ? s.expert_intermediate : std::max<int64_t>(1, s.intermediate / 2);
  if (s.arch == "olmoe") {
    c["architectures"] = {"OlmoeForCausalLM"};
    c["intermediate_size"] = expert_inter;
    c["num_experts"] = s.experts, c["num_experts_per_tok"] = s.top_k, c["norm_topk_prob"] = false;
    c["clip_qkv"] = json(), c["rms_norm_eps"] = 1e-5;
  }
  if (s.arch == "mixtral") {
    c["architectures"] = {"MixtralForCausalLM"};
    c["intermediate_size"] = expert_inter;
    c["num_local_experts"] = s.experts, c["num_experts_per_tok"] = s.top_k;
    c["sliding_window"] = s.sliding_window > 0 ? json(s.sliding_window) : json();
  }
  if (s.arch == "qwen2_moe" || s.arch == "qwen3_moe") {
    c["architectures"] = {s.arch == "qwen2_moe" ? "Qwen2MoeForCausalLM" : "Qwen3MoeForCausalLM"};
    c["num_experts"] = s.experts, c["num_experts_per_tok"] = s.top_k, c["moe_intermediate_size"] = expert_inter;
    c["norm_topk_prob"] = s.arch == "qwen3_moe";
    c["decoder_sparse_step"] = s.decoder_sparse_step, c["mlp_only_layers"] = s.dense_layers, c["use_sliding_window"] = false;
    if (s.arch == "qwen2_moe") c["shared_expert_intermediate_size"] = s.intermediate;
    if (s.arch == "qwen3_moe") c["head_dim"] = head_dim;
  }
  if (s.arch == "gpt_oss") {
    // Sliding and full attention alternating (even layers slide), YaRN as in gpt-oss-20b.
    c["architectures"] = {"GptOssForCausalLM"};
    c["head_dim"] = head_dim, c["intermediate_size"] = expert_inter, c["attention_bias"] = true, c["rms_norm_eps"] = 1e-5;
    c["num_local_experts"] = s.experts, c["num_experts_per_tok"] = s.top_k, c["swiglu_limit"] = 7.0;
    c["sliding_window"] = s.sliding_window > 0 ? s.sliding_window : 4;
    json types = json::array();
    for (int64_t i = 0; i < s.layers; ++i) types.push_back(i % 2 == 0 ? "sliding_attention" : "full_attention");
    c["layer_types"] = types;
    c["rope_theta"] = 150000.0;
    c["rope_scaling"] = {{"rope_type", "yarn"}, {"factor", 32.0}, {"beta_fast", 32.0}, {"beta_slow", 1.0},
                         {"original_max_position_embeddings", 4096}, {"truncate", false}};
    // As the released MXFP4 checkpoints say it (transformers reads the expert layout from it).
    if (!s.gpt_oss_unquantized)
      c["quantization_config"] = {{"quant_method", "mxfp4"},
                                  {"modules_to_not_convert", {"model.layers.*.self_attn", "model.layers.*.mlp.router", "model.embed_tokens", "lm_head"}}};
  }
  if (s.arch == "qwen3_next") {
    // Both token mixers in two layers (linear, full, linear, ...), 2 key heads feeding 4 value
    // heads of the Gated DeltaNet, a quarter of each attention head rotating.
    c["architectures"] = {"Qwen3NextForCausalLM"};
    c["head_dim"] = head_dim, c["partial_rotary_factor"] = 0.25, c["full_attention_interval"] = 2;
    c["linear_num_key_heads"] = 2, c["linear_num_value_heads"] = 4, c["linear_key_head_dim"] = 8;
    c["linear_value_head_dim"] = 16, c["linear_conv_kernel_dim"] = 4;
    c["num_experts"] = s.experts, c["num_experts_per_tok"] = s.top_k, c["moe_intermediate_size"] = expert_inter;
    c["shared_expert_intermediate_size"] = s.intermediate, c["norm_topk_prob"] = true;
    c["decoder_sparse_step"] = s.decoder_sparse_step, c["mlp_only_layers"] = s.dense_layers;
  }
  if (s.arch == "glm4_moe") {
    // Two routed groups so that grouped selection is exercised; the first layer dense.
    c["architectures"] = {"Glm4MoeForCausalLM"};
    c["head_dim"] = head_dim, c["partial_rotary_factor"] = 0.5, c["attention_bias"] = true, c["use_qk_norm"] = false;
    c["n_routed_experts"] = s.experts, c["num_experts_per_tok"] = s.top_k, c["moe_intermediate_size"] = expert_inter;
    c["n_shared_experts"] = 1, c["first_k_dense_replace"] = 1, c["norm_topk_prob"] = true, c["routed_scaling_factor"] = 2.5;
    c["n_group"] = s.experts % 2 == 0 ? 2 : 1, c["topk_group"] = 1;
  }
  if (s.arch == "gpt_neox") {
    c = {{"model_type", "gpt_neox"},      {"architectures", {"GPTNeoXForCausalLM"}},
         {"hidden_size", s.hidden},       {"intermediate_size", s.intermediate},
         {"num_hidden_layers", s.layers}, {"num_attention_heads", s.heads},
         {"vocab_size", vocab},           {"max_position_embeddings", 2048},
         {"rotary_pct", 0.25},            {"rotary_emb_base", 10000},
         {"use_parallel_residual", true}, {"layer_norm_eps", 1e-5},
         {"hidden_act", "gelu"},          {"tie_word_embeddings", s.tie_word_embeddings},
         {"torch_dtype", torch_dtype_name(s.dtype)}, {"bos_token_id", 0}, {"eos_token_id", 0}};
  }
  if (!s.config_patch_json.empty()) {
    try {
      c.merge_patch(json::parse(s.config_patch_json));
    } catch (const json::parse_error& e) {
      throw InputError(std::string("--config-patch: malformed JSON: ") + e.what());
    }
  }
  if (!s.rope_scaling_json.empty()) {
    try {
      c["rope_scaling"] = json::parse(s.rope_scaling_json);
    } catch (const json::parse_error& e) {
      throw InputError(std::string("--rope-scaling: malformed JSON: ") + e.what());
    }
  }
  return c;
}

// Random initial values by role: embeddings N(0,1); matrices N(0, 1/fan_in), the ones writing
// into the residual stream (o_proj, down_proj) further scaled by 1/sqrt(2 layers) as in GPT-2, so
// the stream stays near unit scale and planted anchors keep their size relative to it; norm
// weights 1 + N(0, 0.1) (so a forgotten weight shows in parity tests); biases N(0, 0.1).
at::Tensor initial_value(const std::string& name, const std::vector<int64_t>& shape, int64_t layers, at::Generator& gen) {
  at::Tensor r = at::normal(0.0, 1.0, shape, gen);
  bool is_norm = name.find("norm") != std::string::npos;
  if (name.size() >= 5 && name.compare(name.size() - 5, 5, ".bias") == 0) return r * 0.1;
  if (is_norm) return 1.0 + r * 0.1;
  if (name.find("embed") != std::string::npos && shape.size() == 2 && name.find("embed_out") == std::string::npos) return r;
  at::Tensor w = r / std::sqrt(static_cast<double>(shape.back()));
  for (const char* writer : {"o_proj", "down_proj", "attention.dense.", "dense_4h_to_h", ".w2.", "linear_attn.out_proj"})
    if (name.find(writer) != std::string::npos) return w / std::sqrt(2.0 * layers);
  return w;
}

// gpt-oss experts: random float weights [E, out, in] (scaled as the other matrices), written in
// MXFP4 blocks and scales, or unquantised in the layout transformers computes with ([E, in, out]).
void init_gpt_oss_experts(const SyntheticModelSpec& s, const Family& family, std::map<std::string, at::Tensor>& t,
                          at::Generator& gen) {
  for (int64_t i = 0; i < s.layers; ++i)
    for (const std::string proj : {"mlp.experts.gate_up_proj", "mlp.experts.down_proj"}) {
      const std::string name = family.layer_prefix(i) + proj;
      const bool packed = t.count(name + "_blocks") != 0;
      if (!packed && !t.count(name)) continue;
      const auto shape = packed ? t[name + "_blocks"].sizes() : t[name].sizes();  // [E, rows, G, 16] | [E, in, out]
      const int64_t rows = packed ? shape[1] : shape[2], cols = packed ? shape[2] * 32 : shape[1];
      at::Tensor w = at::normal(0.0, 1.0, {shape[0], rows, cols}, gen) / std::sqrt(static_cast<double>(cols));
      if (proj == "mlp.experts.down_proj") w = w / std::sqrt(2.0 * s.layers);
      if (!packed) {
        t[name] = w.transpose(1, 2).contiguous();
        continue;
      }
      Mxfp4Tensor q = quantize_mxfp4(w);
      t[name + "_blocks"] = q.blocks;
      t[name + "_scales"] = q.scales;
    }
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Qwen3-Next: norms scale by (1 + w), so their weights start near 0 (the gated norm inside
// DeltaNet is a plain weight); DeltaNet decay rates A = exp(A_log) in [0.05, 1.5] and dt_bias
// near 1, so the state remembers a few positions (exp(g) ~ 0.1 .. 0.9) and the recurrence matters.
void init_qwen3_next(const SyntheticModelSpec& s, const Family& family, std::map<std::string, at::Tensor>& t, at::Generator& gen) {
  for (auto& [name, tensor] : t)
    if (ends_with(name, "layernorm.weight") || ends_with(name, "q_norm.weight") || ends_with(name, "k_norm.weight") ||
        name == family.final_norm_prefix() + ".weight")
      tensor = tensor - 1.0;
  for (int64_t i = 0; i < s.layers; ++i) {
    const std::string p = family.layer_prefix(i) + "linear_attn.";
    if (!t.count(p + "A_log")) continue;
    const int64_t heads = t[p + "A_log"].size(0);
    t[p + "A_log"] = at::log(0.05 + 1.45 * at::rand({heads}, gen));
    t[p + "dt_bias"] = 1.0 + 0.1 * at::normal(0.0, 1.0, {heads}, gen);
  }
}

std::string tensor_bytes(const at::Tensor& t, const std::string& dtype) {
  if (t.scalar_type() == at::kByte) {
    at::Tensor c = t.contiguous();
    return std::string(static_cast<const char*>(c.data_ptr()), c.numel());
  }
  at::ScalarType st = dtype == "bf16" ? at::kBFloat16 : dtype == "f16" ? at::kHalf : at::kFloat;
  at::Tensor c = t.to(st).contiguous();
  return std::string(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
}

std::string safetensors_dtype(const std::string& d) { return d == "bf16" ? "BF16" : d == "f16" ? "F16" : "F32"; }

void write_weights(const SyntheticModelSpec& s, const std::map<std::string, at::Tensor>& tensors, const std::string& dir) {
  std::vector<std::vector<TensorBlob>> shards(static_cast<size_t>(std::max(1, s.shards)));
  size_t i = 0;
  for (const auto& [name, t] : tensors)
    shards[i++ % shards.size()].push_back(
        {name, t.scalar_type() == at::kByte ? "U8" : safetensors_dtype(s.dtype), t.sizes().vec(), tensor_bytes(t, s.dtype)});
  if (shards.size() == 1) {
    write_safetensors((fs::path(dir) / "model.safetensors").string(), shards[0]);
    return;
  }
  json index = {{"metadata", {{"total_size", 0}}}, {"weight_map", json::object()}};
  uint64_t total = 0;
  for (size_t k = 0; k < shards.size(); ++k) {
    char file[64];
    std::snprintf(file, sizeof file, "model-%05zu-of-%05zu.safetensors", k + 1, shards.size());
    for (const auto& b : shards[k]) index["weight_map"][b.name] = file, total += b.bytes.size();
    write_safetensors((fs::path(dir) / file).string(), shards[k]);
  }
  index["metadata"]["total_size"] = total;
  write_json_atomically((fs::path(dir) / "model.safetensors.index.json").string(), index);
}

void copy_tokenizer(const std::string& path, const std::string& dir) {
  fs::path src(path);
  if (fs::is_directory(src)) src /= "tokenizer.json";
  write_file_atomically((fs::path(dir) / "tokenizer.json").string(), read_text_file(src.string()));
  fs::path config = src.parent_path() / "tokenizer_config.json";
  if (fs::exists(config)) write_file_atomically((fs::path(dir) / "tokenizer_config.json").string(), read_text_file(config.string()));
}

}  // namespace

std::string write_synthetic_checkpoint(const SyntheticModelSpec& s, const std::string& dir) {
  std::string tok = s.tokenizer_path;
  if (!tok.empty() && fs::is_directory(tok)) tok = (fs::path(tok) / "tokenizer.json").string();
  int64_t vocab = tok.empty() ? s.vocab : tokenizer_vocab_size(tok);
  json cj = family_config(s, vocab);
  ModelConfig cfg = parse_model_config(cj, "make-test-model");
  auto family = make_family(cfg);

  std::vector<TensorSpec> specs = {{family->embedding_name(), {vocab, s.hidden}}};
  specs.push_back({family->final_norm_prefix() + ".weight", {s.hidden}});
  if (s.arch == "gpt_neox") specs.push_back({family->final_norm_prefix() + ".bias", {s.hidden}});
  if (s.arch == "olmo") specs.pop_back();  // non-parametric final norm
  if (!s.tie_word_embeddings) specs.push_back({family->lm_head_name(), {vocab, s.hidden}});
  for (int64_t i = 0; i < s.layers; ++i)
    for (const auto& spec : family->layer_tensors(cfg, i)) specs.push_back({family->layer_prefix(i) + spec.name, spec.shape});

  at::Generator gen = at::detail::createCPUGenerator(s.seed);
  std::map<std::string, at::Tensor> tensors;
  for (const auto& spec : specs) tensors[spec.name] = initial_value(spec.name, spec.shape, s.layers, gen);
  if (s.arch == "gpt_oss") {
    if (!s.gpt_oss_unquantized && (!s.outliers.empty() || !s.super_weights.empty() || !s.router_biases.empty()))
      throw InputError("make-test-model: planting in gpt_oss needs unquantised experts (--gpt-oss-unquantized), not MXFP4");
    init_gpt_oss_experts(s, *family, tensors, gen);
  }
  if (s.arch == "qwen3_next") init_qwen3_next(s, *family, tensors, gen);
  if (s.gpt_oss_unquantized && s.arch != "gpt_oss") throw InputError("make-test-model: --gpt-oss-unquantized is for --arch gpt_oss");
  for (const auto& p : s.outliers) plant_outlier(p, s, *family, tensors);
  for (const auto& p : s.super_weights) plant_super_weight(p, s, *family, tensors);
  for (const auto& p : s.router_biases) plant_router_bias(p, s, cfg, *family, tensors);

  fs::create_directories(dir);
  write_weights(s, tensors, dir);
  if (!tok.empty()) copy_tokenizer(tok, dir);
  std::string config_path = (fs::path(dir) / "config.json").string();
  write_json_atomically(config_path, cj);
  return config_path;
}

}  // namespace owb
