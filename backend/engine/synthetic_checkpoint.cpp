#include "synthetic_checkpoint.h"

#include "checkpoint.h"
#include "errors.h"
#include "family.h"
#include "json_file.h"
#include "safetensors_file.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

namespace owb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::map<std::string, std::string> parse_key_values(const std::string& text, const std::string& what) {
  std::map<std::string, std::string> kv;
  std::stringstream s(text);
  std::string item;
  while (std::getline(s, item, ',')) {
    auto eq = item.find('=');
    if (eq == std::string::npos) throw InputError(what + ": expected key=value, got \"" + item + "\"");
    kv[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return kv;
}

double number_field(std::map<std::string, std::string>& kv, const std::string& key, const std::string& what) {
  try {
    return std::stod(kv.at(key));
  } catch (const std::exception&) {
    throw InputError(what + ": \"" + key + "\" must be a number");
  }
}

void reject_unknown(const std::map<std::string, std::string>& kv, const std::vector<std::string>& known, const std::string& what) {
  for (const auto& [k, v] : kv) {
    bool ok = false;
    for (const auto& n : known) ok = ok || n == k;
    if (!ok) throw InputError(what + ": unknown key \"" + k + "\"");
  }
}

}  // namespace

PlantedOutlier parse_planted_outlier(const std::string& text) {
  const std::string what = "--plant-outlier " + text;
  auto kv = parse_key_values(text, what);
  reject_unknown(kv, {"dim", "gamma", "layers", "share"}, what);
  if (!kv.count("dim")) throw InputError(what + ": needs dim=");
  PlantedOutlier p;
  p.dim = static_cast<int64_t>(number_field(kv, "dim", what));
  if (kv.count("gamma")) p.gamma = number_field(kv, "gamma", what);
  if (kv.count("share")) p.token_share = number_field(kv, "share", what);
  if (kv.count("layers")) {
    const std::string& r = kv["layers"];
    auto dash = r.find('-');
    try {
      p.first_layer = std::stoll(r.substr(0, dash));
      p.last_layer = dash == std::string::npos ? p.first_layer : std::stoll(r.substr(dash + 1));
    } catch (const std::exception&) {
      throw InputError(what + ": layers must be A-B or A");
    }
  }
  if (p.token_share <= 0 || p.token_share > 1) throw InputError(what + ": share must be in (0, 1]");
  return p;
}

PlantedSuperWeight parse_planted_super_weight(const std::string& text) {
  const std::string what = "--plant-super-weight " + text;
  auto kv = parse_key_values(text, what);
  reject_unknown(kv, {"layer", "row", "col", "value", "anchor"}, what);
  for (const char* k : {"layer", "row", "col"})
    if (!kv.count(k)) throw InputError(what + ": needs " + k + "=");
  PlantedSuperWeight p;
  p.layer = static_cast<int64_t>(number_field(kv, "layer", what));
  p.row = static_cast<int64_t>(number_field(kv, "row", what));
  p.col = static_cast<int64_t>(number_field(kv, "col", what));
  if (kv.count("value")) p.value = number_field(kv, "value", what);
  if (kv.count("anchor")) p.anchor_dim = static_cast<int64_t>(number_field(kv, "anchor", what));
  return p;
}

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
  for (const char* writer : {"o_proj", "down_proj", "attention.dense.", "dense_4h_to_h"})
    if (name.find(writer) != std::string::npos) return w / std::sqrt(2.0 * layers);
  return w;
}

// Deterministic pseudo-random subset of token ids (Knuth multiplicative hash).
bool token_carries_plant(int64_t id, double share) {
  uint32_t h = static_cast<uint32_t>(static_cast<uint64_t>(id) * 2654435761u);
  return h < share * 4294967296.0;
}

bool has_pre_norm_weights(const std::string& arch) { return arch != "olmo" && arch != "olmo2"; }

// Keeps residual-stream dimension `dim` holding its embedding anchor alone: no layer's attention
// output or MLP output writes into it. Without this the random sublayer outputs pile onto the
// anchor layer after layer, and the planted value drifts (and changes sign) by position.
void reserve_residual_dim(int64_t dim, const SyntheticModelSpec& s, const Family& family, std::map<std::string, at::Tensor>& t) {
  const bool neox = s.arch == "gpt_neox";
  for (int64_t i = 0; i < s.layers; ++i)
    for (const char* writer : {neox ? "attention.dense" : "self_attn.o_proj", neox ? "mlp.dense_4h_to_h" : "mlp.down_proj"}) {
      const std::string name = family.layer_prefix(i) + writer;
      t[name + ".weight"][dim].zero_();
      if (t.count(name + ".bias")) t[name + ".bias"][dim] = 0.0;
    }
}

void plant_outlier(const PlantedOutlier& p, const SyntheticModelSpec& s, const Family& family,
                   std::map<std::string, at::Tensor>& t) {
  if (p.dim < 0 || p.dim >= s.hidden) throw InputError("--plant-outlier: dim " + std::to_string(p.dim) + " is outside [0, hidden)");
  int64_t last = p.last_layer < 0 ? s.layers - 1 : p.last_layer;
  if (p.first_layer < 0 || last >= s.layers || p.first_layer > last)
    throw InputError("--plant-outlier: layers " + std::to_string(p.first_layer) + "-" + std::to_string(last) + " outside the model");
  bool norm_weights = has_pre_norm_weights(s.arch);
  if (!norm_weights && (p.first_layer != 0 || last != s.layers - 1))
    throw InputError("--plant-outlier: " + s.arch + " has no pre-norm weights; outliers can be planted in all layers only");
  at::Tensor& emb = t[family.embedding_name()];
  double anchor = norm_weights ? 1.0 : p.gamma;
  for (int64_t id = 0; id < emb.size(0); ++id) emb[id][p.dim] = token_carries_plant(id, p.token_share) ? anchor : 0.0;
  reserve_residual_dim(p.dim, s, family, t);
  if (!norm_weights) return;
  // The projections reading the norm outputs get column dim divided by gamma: the sublayers see
  // the planted dimension at its ordinary size, so the residual stream does not grow faster in
  // planted layers and the outlier stays ~gamma at every position of every planted layer.
  const bool neox = s.arch == "gpt_neox";
  const std::vector<std::string> readers =
      neox ? std::vector<std::string>{"attention.query_key_value.weight", "mlp.dense_h_to_4h.weight"}
           : std::vector<std::string>{"self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight",
                                      "mlp.gate_proj.weight", "mlp.up_proj.weight"};
  for (int64_t i = p.first_layer; i <= last; ++i) {
    for (const char* norm : {"input_layernorm.weight", "post_attention_layernorm.weight"})
      t[family.layer_prefix(i) + norm][p.dim] = p.gamma;
    for (const auto& reader : readers) t[family.layer_prefix(i) + reader].select(1, p.dim).div_(p.gamma);
  }
}

void plant_super_weight(const PlantedSuperWeight& p, const SyntheticModelSpec& s, const Family& family,
                        std::map<std::string, at::Tensor>& t) {
  const int64_t k = p.anchor_dim < 0 ? s.hidden - 1 : p.anchor_dim;
  if (p.layer < 0 || p.layer >= s.layers || p.row < 0 || p.row >= s.hidden || p.col < 0 || p.col >= s.intermediate || k >= s.hidden)
    throw InputError("--plant-super-weight: layer/row/col/anchor outside the model");
  at::Tensor& emb = t[family.embedding_name()];
  emb.select(1, k).fill_(1.0);
  const std::string L = family.layer_prefix(p.layer);
  if (s.arch == "gpt_neox") {
    at::Tensor& up = t[L + "mlp.dense_h_to_4h.weight"];
    up[p.col].zero_();
    up[p.col][k] = 100.0;  // gelu(100 x ~1) ~ 100 at every position
    t[L + "mlp.dense_h_to_4h.bias"][p.col] = 0.0;
  } else {
    for (const char* proj : {"mlp.gate_proj.weight", "mlp.up_proj.weight"}) {
      at::Tensor& w = t[L + proj];
      w[p.col].zero_();
      w[p.col][k] = 10.0;  // silu(10) x 10 ~ 100 at every position
    }
  }
  reserve_residual_dim(k, s, family, t);
  // Channel col feeds output row `row` only (and the rows of other plants sharing this column,
  // as Llama-3-8B's three super weights share input channel 2427), so each spike lands in one
  // place and zeroing a super weight removes its spike.
  at::Tensor& down = t[L + family.down_proj_name()];
  down.select(1, p.col).zero_();
  for (const PlantedSuperWeight& q : s.super_weights)
    if (q.layer == p.layer && q.col == p.col) down[q.row][q.col] = q.value;
}

std::string tensor_bytes(const at::Tensor& t, const std::string& dtype) {
  at::ScalarType st = dtype == "bf16" ? at::kBFloat16 : dtype == "f16" ? at::kHalf : at::kFloat;
  at::Tensor c = t.to(st).contiguous();
  return std::string(static_cast<const char*>(c.data_ptr()), c.numel() * c.element_size());
}

std::string safetensors_dtype(const std::string& d) { return d == "bf16" ? "BF16" : d == "f16" ? "F16" : "F32"; }

void write_weights(const SyntheticModelSpec& s, const std::map<std::string, at::Tensor>& tensors, const std::string& dir) {
  std::vector<std::vector<TensorBlob>> shards(static_cast<size_t>(std::max(1, s.shards)));
  size_t i = 0;
  for (const auto& [name, t] : tensors)
    shards[i++ % shards.size()].push_back({name, safetensors_dtype(s.dtype), t.sizes().vec(), tensor_bytes(t, s.dtype)});
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
    for (const auto& spec : family->required_layer_tensors(cfg)) specs.push_back({family->layer_prefix(i) + spec.name, spec.shape});

  at::Generator gen = at::detail::createCPUGenerator(s.seed);
  std::map<std::string, at::Tensor> tensors;
  for (const auto& spec : specs) tensors[spec.name] = initial_value(spec.name, spec.shape, s.layers, gen);
  for (const auto& p : s.outliers) plant_outlier(p, s, *family, tensors);
  for (const auto& p : s.super_weights) plant_super_weight(p, s, *family, tensors);

  fs::create_directories(dir);
  write_weights(s, tensors, dir);
  if (!tok.empty()) copy_tokenizer(tok, dir);
  std::string config_path = (fs::path(dir) / "config.json").string();
  write_json_atomically(config_path, cj);
  return config_path;
}

}  // namespace owb
