// gpt-oss: the Llama block with q/k/v/o biases, a learned per-head attention sink
// (self_attn.sinks, joining each softmax's denominator), sliding-window (128) and full layers
// alternating by layer_types, YaRN rotary, RMSNorms that scale in fp32, and an MoE whose experts
// are stored fused and in MXFP4:
//   mlp.experts.gate_up_proj_{blocks,scales} -> [E, 2I, D], rows interleaved gate, up, gate, ...
//   mlp.experts.down_proj_{blocks,scales}    -> [E, D, I], each with a bias [E, 2I] / [E, D]
// dequantized when a layer is loaded (one layer at a time, so a streamed run never holds more than
// a layer of unpacked experts). Router mlp.router (with bias): top-k logits, softmax over them.
// Expert activation (modeling_gpt_oss): gate clamped to <= limit, up to [-limit, limit],
//   down_in = (up + 1) * gate * sigmoid(alpha * gate),  alpha 1.702, limit swiglu_limit (7).
#include "errors.h"
#include "families.h"
#include "moe.h"
#include "mxfp4.h"

namespace owb {
namespace {

constexpr double kAlpha = 1.702;

MoeTensorNames gpt_oss_names() {
  MoeTensorNames n;
  n.router = "mlp.router";
  n.router_bias = true;
  return n;
}

class GptOssFamily : public MoeDecoderFamily {
 public:
  GptOssFamily() : MoeDecoderFamily(gpt_oss_names()) {}
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

  // Experts are one fused MXFP4 tensor per projection: no per-expert matrix to name or edit.
  std::string expert_projection_name(int64_t, const std::string&) const override { return ""; }

  void prepare_layer(std::map<std::string, at::Tensor>& t, at::ScalarType dtype) const override {
    for (const char* proj : {"mlp.experts.gate_up_proj", "mlp.experts.down_proj"}) {
      const std::string p = proj;
      auto blocks = t.find(p + "_blocks"), scales = t.find(p + "_scales");
      if (blocks == t.end() || scales == t.end()) continue;  // a dense layer has neither
      t[p] = dequantize_mxfp4(blocks->second, scales->second, dtype);
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
    if (D % 32 != 0 || I % 32 != 0) throw InputError("config.json: gpt_oss MXFP4 needs hidden_size and intermediate_size multiples of 32");
    auto stacked = [](std::string name, std::vector<int64_t> shape, double per_element = 1.0) {
      return TensorSpec{std::move(name), std::move(shape), kStackedExperts, per_element};
    };
    return {{"mlp.router.weight", {E, D}},
            {"mlp.router.bias", {E}},
            stacked("mlp.experts.gate_up_proj_blocks", {E, 2 * I, D / 32, 16}, 2.0),
            stacked("mlp.experts.gate_up_proj_scales", {E, 2 * I, D / 32}, 0.0),
            stacked("mlp.experts.gate_up_proj_bias", {E, 2 * I}),
            stacked("mlp.experts.down_proj_blocks", {E, D, I / 32, 16}, 2.0),
            stacked("mlp.experts.down_proj_scales", {E, D, I / 32}, 0.0),
            stacked("mlp.experts.down_proj_bias", {E, D})};
  }

  ExpertOps expert_ops(const LayerWeights& w, const LayerContext& ctx) const override {
    const double limit = ctx.cfg.raw.value("swiglu_limit", 7.0);
    const at::Tensor& gate_up = w.get("mlp.experts.gate_up_proj");
    const at::Tensor& gate_up_bias = w.get("mlp.experts.gate_up_proj_bias");
    const at::Tensor& down = w.get("mlp.experts.down_proj");
    const at::Tensor& down_bias = w.get("mlp.experts.down_proj_bias");
    ExpertOps ops;
    ops.down_in = [=](int64_t e, const at::Tensor& x) {
      at::Tensor gu = owb::linear(x, gate_up[e], gate_up_bias[e]);  // [n, 2I]
      at::Tensor gate = gu.slice(-1, 0, gu.size(-1), 2).clamp_max(limit);
      at::Tensor up = gu.slice(-1, 1, gu.size(-1), 2).clamp(-limit, limit);
      return (up + 1) * (gate * at::sigmoid(gate * kAlpha));
    };
    ops.down = [=](int64_t e, const at::Tensor& h) { return owb::linear(h, down[e], down_bias[e]); };
    return ops;
  }
};

}  // namespace

std::unique_ptr<Family> make_gpt_oss_family() { return std::make_unique<GptOssFamily>(); }

}  // namespace owb
