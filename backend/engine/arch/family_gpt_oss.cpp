// gpt-oss: the Llama block with q/k/v/o biases, a learned per-head attention sink
// (self_attn.sinks, joining each softmax's denominator), sliding-window (128) and full layers
// alternating by layer_types, YaRN rotary, RMSNorms that scale in fp32, and an MoE whose experts
// are stored fused, in one of two layouts that config.json's quantization_config tells apart (as
// transformers decides):
//  - unquantised (BF16 re-uploads, models saved after dequantisation; no quantization_config),
//    as GptOssExperts computes with them (x @ W[e]):
//      mlp.experts.gate_up_proj [E, D, 2I], columns interleaved gate, up, gate, up, ...
//      mlp.experts.down_proj    [E, I, D]
//  - MXFP4 (quant_method "mxfp4", the released checkpoints), output-major:
//      mlp.experts.gate_up_proj_{blocks,scales} -> [E, 2I, D],  down_proj_{blocks,scales} -> [E, D, I]
//    dequantized and transposed to the unquantised layout when a layer is loaded (one layer at a
//    time, so a streamed run never holds more than a layer of unpacked experts), as
//    integrations/mxfp4.py's convert_moe_packed_tensors does;
// each with a bias [E, 2I] / [E, D]. Router mlp.router (with bias): top-k logits, softmax over them.
// Expert activation (modeling_gpt_oss): gate clamped to <= limit, up to [-limit, limit],
//   down_in = (up + 1) * gate * sigmoid(alpha * gate),  alpha 1.702, limit swiglu_limit (7).
// Unquantised experts are edited one element at a time under per-expert names: expert e's
// down projection is mlp.experts.{e}.down_proj.weight, a [D, I] matrix whose [r, c] is stored at
// down_proj[e][c][r] (gate_proj / up_proj likewise, from the even / odd columns of gate_up_proj).
#include "errors.h"
#include "families.h"
#include "matmul.h"
#include "moe.h"
#include "mxfp4.h"

namespace owb {
namespace {

constexpr double kAlpha = 1.702;
const std::string kGateUp = "mlp.experts.gate_up_proj", kDown = "mlp.experts.down_proj";

MoeTensorNames gpt_oss_names() {
  MoeTensorNames n;
  n.router = "mlp.router";
  n.router_bias = true;
  return n;
}

// quantization_config.quant_method "mxfp4": packed experts; no quantization_config: unquantised.
bool stores_mxfp4_experts(const ModelConfig& c) {
  if (!c.raw.contains("quantization_config") || c.raw["quantization_config"].is_null()) return false;
  const auto& q = c.raw["quantization_config"];
  const std::string method = q.is_object() && q.contains("quant_method") && q["quant_method"].is_string()
                                 ? q["quant_method"].get<std::string>()
                                 : "";
  if (method == "mxfp4") return true;
  throw InputError("config.json: gpt_oss quantization_config.quant_method \"" + method +
                   "\" is not supported (mxfp4, or no quantization_config for unquantised experts)");
}

// The clamped SwiGLU on gate_up [..., 2I] (gate at even columns, up at odd).
at::Tensor clamped_swiglu(const at::Tensor& gu, double limit) {
  at::Tensor gate = gu.slice(-1, 0, gu.size(-1), 2).clamp_max(limit);
  at::Tensor up = gu.slice(-1, 1, gu.size(-1), 2).clamp(-limit, limit);
  return (up + 1) * (gate * at::sigmoid(gate * kAlpha));
}

class GptOssFamily : public MoeDecoderFamily {
 public:
  explicit GptOssFamily(bool mxfp4) : MoeDecoderFamily(gpt_oss_names()), mxfp4_(mxfp4) {}
  std::string name() const override { return "gpt_oss"; }

  std::vector<TensorSpec> required_layer_tensors(const ModelConfig& c) const override {
    auto specs = MoeDecoderFamily::required_layer_tensors(c);
    specs.insert(specs.end(), {{"self_attn.q_proj.bias", {c.q_dim()}}, {"self_attn.k_proj.bias", {c.kv_dim()}},
                               {"self_attn.v_proj.bias", {c.kv_dim()}}, {"self_attn.o_proj.bias", {c.hidden_size}},
                               {"self_attn.sinks", {c.num_attention_heads}}});
    return specs;
  }

  at::Tensor final_norm(const LayerWeights& top, const at::Tensor& x, const ModelConfig& cfg) const override {
    return rms_norm_fp32_scale(x, top.get(final_norm_prefix() + ".weight"), cfg.norm_eps);
  }

  // MXFP4 experts have no element to edit: "" (analyses that edit experts skip gpt-oss then).
  std::string expert_projection_name(int64_t expert, const std::string& which) const override {
    if (mxfp4_) return "";
    if (which != "gate" && which != "up" && which != "down")
      throw InputError("expert projection \"" + which + "\": expected gate, up or down");
    return "mlp.experts." + std::to_string(expert) + "." + which + "_proj.weight";
  }

  std::optional<StackedExpertSlice> stacked_expert_slice(const std::string& local) const override {
    const std::string head = "mlp.experts.";
    if (local.rfind(head, 0) != 0) return std::nullopt;
    const size_t dot = local.find('.', head.size());
    const std::string index = local.substr(head.size(), dot == std::string::npos ? std::string::npos : dot - head.size());
    if (dot == std::string::npos || index.empty() || index.size() > 9 || index.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    const std::string which = local.substr(dot + 1);
    StackedExpertSlice s;
    s.expert = std::stoll(index);
    if (which == "gate_proj.weight" || which == "up_proj.weight") {
      s.tensor = kGateUp, s.stride = 2, s.offset = which == "up_proj.weight" ? 1 : 0;
    } else if (which == "down_proj.weight") {
      s.tensor = kDown;
    } else {
      return std::nullopt;
    }
    if (mxfp4_)
      throw InputError("gpt-oss expert weight \"" + local + "\": this checkpoint stores its experts in MXFP4 "
                       "(4-bit blocks), which cannot be edited one element at a time; use an unquantised (bf16) checkpoint");
    return s;
  }

  void prepare_layer(std::map<std::string, at::Tensor>& t, at::ScalarType dtype) const override {
    for (const std::string& p : {kGateUp, kDown}) {
      auto blocks = t.find(p + "_blocks"), scales = t.find(p + "_scales");
      if (blocks == t.end() || scales == t.end()) continue;  // unquantised, or a dense layer
      t[p] = dequantize_mxfp4(blocks->second, scales->second, dtype).transpose(1, 2).contiguous();
      t.erase(p + "_blocks");
      t.erase(p + "_scales");
    }
  }

 protected:
  at::Tensor norm_attn(const LayerWeights& w, const at::Tensor& x, const ModelConfig& cfg) const override {
    return rms_norm_fp32_scale(x, w.get("input_layernorm.weight"), cfg.norm_eps);
  }
  at::Tensor norm_mlp(const LayerWeights& w, const at::Tensor& x, const ModelConfig& cfg) const override {
    return rms_norm_fp32_scale(x, w.get("post_attention_layernorm.weight"), cfg.norm_eps);
  }
  at::Tensor attention_sinks(const LayerWeights& w) const override { return w.get("self_attn.sinks"); }

  std::vector<TensorSpec> moe_tensors(const ModelConfig& c) const override {
    const int64_t D = c.hidden_size, E = c.moe.num_experts, I = c.moe.expert_intermediate;
    auto stacked = [](std::string name, std::vector<int64_t> shape, double per_element = 1.0) {
      return TensorSpec{std::move(name), std::move(shape), kStackedExperts, per_element};
    };
    std::vector<TensorSpec> specs = {{"mlp.router.weight", {E, D}}, {"mlp.router.bias", {E}},
                                     stacked(kGateUp + "_bias", {E, 2 * I}), stacked(kDown + "_bias", {E, D})};
    if (!mxfp4_) {
      specs.push_back(stacked(kGateUp, {E, D, 2 * I}));
      specs.push_back(stacked(kDown, {E, I, D}));
      return specs;
    }
    if (D % 32 != 0 || I % 32 != 0) throw InputError("config.json: gpt_oss MXFP4 needs hidden_size and intermediate_size multiples of 32");
    specs.push_back(stacked(kGateUp + "_blocks", {E, 2 * I, D / 32, 16}, 2.0));
    specs.push_back(stacked(kGateUp + "_scales", {E, 2 * I, D / 32}, 0.0));
    specs.push_back(stacked(kDown + "_blocks", {E, D, I / 32, 16}, 2.0));
    specs.push_back(stacked(kDown + "_scales", {E, D, I / 32}, 0.0));
    return specs;
  }

  ExpertOps expert_ops(const LayerWeights& w, const LayerContext& ctx) const override {
    const double limit = ctx.cfg.raw.value("swiglu_limit", 7.0);
    const at::Tensor& gate_up = w.get(kGateUp);  // [E, D, 2I]
    const at::Tensor& gate_up_bias = w.get(kGateUp + "_bias");
    const at::Tensor& down = w.get(kDown);  // [E, I, D]
    const at::Tensor& down_bias = w.get(kDown + "_bias");
    ExpertOps ops;
    ops.down_in = [=](int64_t e, const at::Tensor& x) { return clamped_swiglu(owb::addmm(gate_up_bias[e], x, gate_up[e]), limit); };
    ops.down = [=](int64_t e, const at::Tensor& h) { return owb::addmm(down_bias[e], h, down[e]); };
    ops.batched = [=](const at::Tensor& x) {  // x [E, M, D]
      at::Tensor h = clamped_swiglu(owb::bmm(x, gate_up) + gate_up_bias.unsqueeze(1), limit);
      return owb::bmm(h, down) + down_bias.unsqueeze(1);
    };
    return ops;
  }

 private:
  bool mxfp4_;
};

}  // namespace

std::unique_ptr<Family> make_gpt_oss_family(const ModelConfig& cfg) { return std::make_unique<GptOssFamily>(stores_mxfp4_experts(cfg)); }

}  // namespace owb
