// Planting structure into a synthetic checkpoint's tensors (what each plant does:
// synthetic_checkpoint.h), and parsing the --plant-* options.
#include "synthetic_planting.h"

#include "errors.h"

#include <sstream>

namespace owb {

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

// "A-B" or "A": the layers a plant covers.
void parse_layer_range(const std::string& range, const std::string& what, int64_t* first, int64_t* last) {
  auto dash = range.find('-');
  try {
    *first = std::stoll(range.substr(0, dash));
    *last = dash == std::string::npos ? *first : std::stoll(range.substr(dash + 1));
  } catch (const std::exception&) {
    throw InputError(what + ": layers must be A-B or A");
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
  if (kv.count("layers")) parse_layer_range(kv["layers"], what, &p.first_layer, &p.last_layer);
  if (p.token_share <= 0 || p.token_share > 1) throw InputError(what + ": share must be in (0, 1]");
  return p;
}

PlantedSuperWeight parse_planted_super_weight(const std::string& text) {
  const std::string what = "--plant-super-weight " + text;
  auto kv = parse_key_values(text, what);
  reject_unknown(kv, {"layer", "row", "col", "value", "anchor", "expert"}, what);
  for (const char* k : {"layer", "row", "col"})
    if (!kv.count(k)) throw InputError(what + ": needs " + k + "=");
  PlantedSuperWeight p;
  p.layer = static_cast<int64_t>(number_field(kv, "layer", what));
  p.row = static_cast<int64_t>(number_field(kv, "row", what));
  p.col = static_cast<int64_t>(number_field(kv, "col", what));
  if (kv.count("value")) p.value = number_field(kv, "value", what);
  if (kv.count("anchor")) p.anchor_dim = static_cast<int64_t>(number_field(kv, "anchor", what));
  if (kv.count("expert")) p.expert = static_cast<int64_t>(number_field(kv, "expert", what));
  return p;
}

PlantedRouterBias parse_planted_router_bias(const std::string& text) {
  const std::string what = "--plant-router " + text;
  auto kv = parse_key_values(text, what);
  reject_unknown(kv, {"expert", "value", "layers", "anchor"}, what);
  if (!kv.count("expert")) throw InputError(what + ": needs expert=");
  PlantedRouterBias p;
  p.expert = static_cast<int64_t>(number_field(kv, "expert", what));
  if (kv.count("value")) p.value = number_field(kv, "value", what);
  if (kv.count("anchor")) p.anchor_dim = static_cast<int64_t>(number_field(kv, "anchor", what));
  if (kv.count("layers")) parse_layer_range(kv["layers"], what, &p.first_layer, &p.last_layer);
  return p;
}

namespace {

// Deterministic pseudo-random subset of token ids (Knuth multiplicative hash).
bool token_carries_plant(int64_t id, double share) {
  uint32_t h = static_cast<uint32_t>(static_cast<uint64_t>(id) * 2654435761u);
  return h < share * 4294967296.0;
}

bool has_pre_norm_weights(const std::string& arch) { return arch != "olmo" && arch != "olmo2"; }
// Qwen3-Next's RMSNorms scale by (1 + w): a scale of gamma is stored as gamma - 1.
bool zero_centred_norms(const std::string& arch) { return arch == "qwen3_next"; }

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The layer's tensors whose local names end with one of `tails` (full names).
std::vector<std::string> layer_tensors_ending(const std::map<std::string, at::Tensor>& t, const std::string& prefix,
                                              const std::vector<std::string>& tails) {
  std::vector<std::string> out;
  for (const auto& [name, tensor] : t)
    if (name.rfind(prefix, 0) == 0)
      for (const auto& tail : tails)
        if (ends_with(name, tail)) {
          out.push_back(name);
          break;
        }
  return out;
}

// Every weight writing into the residual stream: attention output, MLP / every expert's down.
const std::vector<std::string> kResidualWriters = {"self_attn.o_proj.weight", "down_proj.weight", ".w2.weight",
                                                   "attention.dense.weight", "mlp.dense_4h_to_h.weight",
                                                   "linear_attn.out_proj.weight"};
// Stacked experts writing into it with the output dim last (gpt-oss: down_proj [E, I, D]).
const std::string kStackedDown = "mlp.experts.down_proj";

// Keeps residual-stream dimension `dim` holding its embedding anchor alone: no layer's attention
// output or MLP output writes into it. Without this the random sublayer outputs pile onto the
// anchor layer after layer, and the planted value drifts (and changes sign) by position.
void reserve_residual_dim(int64_t dim, const SyntheticModelSpec& s, const Family& family, std::map<std::string, at::Tensor>& t) {
  for (int64_t i = 0; i < s.layers; ++i) {
    for (const auto& name : layer_tensors_ending(t, family.layer_prefix(i), kResidualWriters)) {
      t[name][dim].zero_();
      const std::string bias = name.substr(0, name.size() - 7) + ".bias";
      if (t.count(bias)) t[bias][dim] = 0.0;
    }
    const std::string stacked = family.layer_prefix(i) + kStackedDown;
    if (t.count(stacked)) {
      t[stacked].select(2, dim).zero_();
      t[stacked + "_bias"].select(1, dim).zero_();
    }
  }
}

// A layer's 2-D [out, in] matrix by the name analyses edit it by: the tensor itself, or the
// slice of a stacked experts tensor it names (Family::stacked_expert_slice); a view, so writes
// reach the stored tensor. Undefined when the layer has neither.
at::Tensor matrix_view(std::map<std::string, at::Tensor>& t, const Family& family, int64_t layer, const std::string& local) {
  const std::string prefix = family.layer_prefix(layer);
  auto it = t.find(prefix + local);
  if (it != t.end()) return it->second;
  auto slice = family.stacked_expert_slice(local);
  if (!slice || !t.count(prefix + slice->tensor)) return at::Tensor();
  at::Tensor expert = t[prefix + slice->tensor][slice->expert];  // [in, out * stride]
  return expert.slice(1, slice->offset, expert.size(1), slice->stride).t();
}

}  // namespace

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
  // Readers: q/k/v, the MLP's gate/up, and on MoE layers the router, every expert's gate/up and
  // the shared expert with its gate.
  const bool neox = s.arch == "gpt_neox";
  const std::vector<std::string> readers =
      neox ? std::vector<std::string>{"attention.query_key_value.weight", "mlp.dense_h_to_4h.weight"}
           : std::vector<std::string>{"self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight",
                                      "gate_proj.weight", "up_proj.weight", ".w1.weight", ".w3.weight", "mlp.gate.weight",
                                      "block_sparse_moe.gate.weight", "shared_expert_gate.weight", "mlp.router.weight",
                                      "mlp.experts.gate_up_proj",  // gpt-oss [E, D, 2I]: dim 1 is the input too
                                      "linear_attn.in_proj_qkvz.weight", "linear_attn.in_proj_ba.weight"};
  for (int64_t i = p.first_layer; i <= last; ++i) {
    for (const char* norm : {"input_layernorm.weight", "post_attention_layernorm.weight"})
      t[family.layer_prefix(i) + norm][p.dim] = zero_centred_norms(s.arch) ? p.gamma - 1.0 : p.gamma;
    for (const auto& reader : layer_tensors_ending(t, family.layer_prefix(i), readers)) t[reader].select(1, p.dim).div_(p.gamma);
  }
}

void plant_super_weight(const PlantedSuperWeight& p, const SyntheticModelSpec& s, const Family& family,
                        std::map<std::string, at::Tensor>& t) {
  const int64_t k = p.anchor_dim < 0 ? s.hidden - 1 : p.anchor_dim;
  if (p.layer < 0 || p.layer >= s.layers || p.row < 0 || p.row >= s.hidden || p.col < 0 || k >= s.hidden)
    throw InputError("--plant-super-weight: layer/row/col/anchor outside the model");
  // The down projection and the projections feeding its input (gate/up, or NeoX's dense_h_to_4h).
  std::string down_name = family.down_proj_name();
  std::vector<std::string> feeders = {"mlp.gate_proj.weight", "mlp.up_proj.weight"};
  if (p.expert >= 0) {
    down_name = family.expert_projection_name(p.expert, "down");
    feeders = {family.expert_projection_name(p.expert, "gate"), family.expert_projection_name(p.expert, "up")};
  }
  at::Tensor down = down_name.empty() ? at::Tensor() : matrix_view(t, family, p.layer, down_name);
  if (!down.defined() && p.expert >= 0)
    throw InputError("--plant-super-weight: layer " + std::to_string(p.layer) + " of " + s.arch + " has no expert " +
                     std::to_string(p.expert) + " with its own down projection");
  if (!down.defined())
    throw InputError("--plant-super-weight: layer " + std::to_string(p.layer) + " of " + s.arch + " has no dense " +
                     family.down_proj_name() + " (MoE layer: give expert=E)");
  if (p.col >= down.size(1)) throw InputError("--plant-super-weight: col outside the down projection's input");
  at::Tensor& emb = t[family.embedding_name()];
  emb.select(1, k).fill_(1.0);
  const std::string L = family.layer_prefix(p.layer);
  if (s.arch == "gpt_neox") {
    at::Tensor& up = t[L + "mlp.dense_h_to_4h.weight"];
    up[p.col].zero_();
    up[p.col][k] = 100.0;  // gelu(100 x ~1) ~ 100 at every position
    t[L + "mlp.dense_h_to_4h.bias"][p.col] = 0.0;
  } else {
    // silu(10) x 10 ~ 100 at every position (every routed token for an expert); gpt-oss clamps
    // gate and up at the limit, so it reads 100 to saturate both there: (7 + 1) x 7 ~ 56.
    const double gain = s.arch == "gpt_oss" ? 100.0 : 10.0;
    for (const std::string& proj : feeders) {
      at::Tensor w = matrix_view(t, family, p.layer, proj);
      if (!w.defined()) throw InputError("--plant-super-weight: layer " + std::to_string(p.layer) + " has no " + proj);
      w[p.col].zero_();
      w[p.col][k] = gain;
    }
  }
  reserve_residual_dim(k, s, family, t);
  // Channel col feeds output row `row` only (and the rows of other plants sharing this column,
  // as Llama-3-8B's three super weights share input channel 2427), so each spike lands in one
  // place and zeroing a super weight removes its spike.
  down.select(1, p.col).zero_();
  for (const PlantedSuperWeight& q : s.super_weights)
    if (q.layer == p.layer && q.expert == p.expert && q.col == p.col) down[q.row][q.col] = q.value;
}

void plant_router_bias(const PlantedRouterBias& p, const SyntheticModelSpec& s, const ModelConfig& cfg, const Family& family,
                       std::map<std::string, at::Tensor>& t) {
  const std::string what = "--plant-router";
  const int64_t k = p.anchor_dim < 0 ? s.hidden - 2 : p.anchor_dim;
  const int64_t last = p.last_layer < 0 ? s.layers - 1 : p.last_layer;
  if (cfg.moe.num_experts == 0) throw InputError(what + ": " + s.arch + " has no router");
  if (p.expert < 0 || p.expert >= cfg.moe.num_experts || k < 0 || k >= s.hidden || p.first_layer < 0 || last >= s.layers ||
      p.first_layer > last)
    throw InputError(what + ": expert/layers/anchor outside the model");
  t[family.embedding_name()].select(1, k).fill_(1.0);
  reserve_residual_dim(k, s, family, t);
  for (int64_t i = p.first_layer; i <= last; ++i) {
    if (!cfg.moe.is_sparse(i)) continue;
    for (const auto& router :
         layer_tensors_ending(t, family.layer_prefix(i), {"mlp.gate.weight", "block_sparse_moe.gate.weight", "mlp.router.weight"}))
      t[router][p.expert][k] = p.value;
  }
}

}  // namespace owb
