// MoE families (olmoe, mixtral, qwen2_moe, qwen3_moe, glm4_moe, gpt_oss in both expert layouts):
// logits and hook points equal the naive float64 reference (tests/support/reference_transformer:
// one token at a time), streaming equals resident, routing ties are broken by the lowest expert
// index, experts see only their tokens, and `owb inspect` counts total and active parameters of
// real configurations.
#include "errors.h"
#include "model.h"
#include "model_summary.h"
#include "moe.h"
#include "mxfp4.h"
#include "reference_transformer.h"
#include "test_support.h"

#include <QtTest>

#include <map>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr double kF32Tolerance = 1e-4;
constexpr double kBf16Tolerance = 5e-2;

struct MoeCase {
  std::string arch;
  json patch = json::object();
  std::optional<json> feature_off;  // switching the feature off must change the reference logits
  int64_t experts = 4, top_k = 2;
  std::vector<int64_t> dense_layers = {};
  int64_t decoder_sparse_step = 1;
  bool gpt_oss_unquantized = false;
};

const std::map<std::string, MoeCase>& moe_cases() {
  static const std::map<std::string, MoeCase> cases = [] {
    std::map<std::string, MoeCase> m;
    m["olmoe, top-2 of 4 without renormalisation"] = {"olmoe", json::object(), json{{"norm_topk_prob", true}}};
    m["olmoe, 8 experts top-3, clip_qkv 0.4"] = {"olmoe", json{{"clip_qkv", 0.4}}, json{{"clip_qkv", nullptr}}, 8, 3};
    m["mixtral, top-2 of 4"] = {"mixtral"};
    m["mixtral, sliding window 4"] = {"mixtral", json{{"sliding_window", 4}}, json{{"sliding_window", nullptr}}};
    m["qwen2_moe, shared expert with sigmoid gate"] = {"qwen2_moe"};
    m["qwen2_moe, norm_topk_prob"] = {"qwen2_moe", json{{"norm_topk_prob", true}}, json{{"norm_topk_prob", false}}};
    m["qwen3_moe, norm_topk_prob"] = {"qwen3_moe", json::object(), json{{"norm_topk_prob", false}}, 4, 2};
    m["qwen3_moe, layer 0 dense (mlp_only_layers)"] = {"qwen3_moe", json::object(), std::nullopt, 4, 2, {0}};
    m["qwen3_moe, decoder_sparse_step 2"] = {"qwen3_moe", json::object(), std::nullopt, 4, 2, {}, 2};
    m["glm4_moe, sigmoid routing in 2 groups, shared expert, partial rotary"] = {"glm4_moe", json::object(),
                                                                                json{{"routed_scaling_factor", 1.0}}};
    m["glm4_moe, 8 experts in 4 groups, best 2 groups, top-3"] = {"glm4_moe", json{{"n_group", 4}, {"topk_group", 2}},
                                                                  json{{"n_group", 1}, {"topk_group", 1}}, 8, 3};
    m["glm4_moe, correction bias steers selection"] = {"glm4_moe", json::object(), std::nullopt, 6, 2};
    m["gpt_oss, MXFP4 experts, sinks, alternating window 4, yarn"] = {"gpt_oss", json::object(),
                                                                      json{{"rope_scaling", nullptr}}};
    m["gpt_oss, clamped SwiGLU limit 0.05"] = {"gpt_oss", json{{"swiglu_limit", 0.05}}, json{{"swiglu_limit", 7.0}}};
    m["gpt_oss, 6 experts top-3"] = {"gpt_oss", json::object(), std::nullopt, 6, 3};
    m["qwen2_moe, decoder_sparse_step 2"] = {"qwen2_moe", json::object(), std::nullopt, 4, 2, {}, 2};
    m["gpt_oss, unquantised experts [E, D, 2I] / [E, I, D]"] = {"gpt_oss", json::object(), json{{"swiglu_limit", 0.05}},
                                                                 4, 2, {}, 1, true};
    m["gpt_oss, unquantised, 6 experts top-3"] = {"gpt_oss", json::object(), std::nullopt, 6, 3, {}, 1, true};
    return m;
  }();
  return cases;
}

SyntheticModelSpec moe_spec(const MoeCase& c, int64_t layers = 2) {
  SyntheticModelSpec s = small_spec(c.arch);
  s.layers = layers;
  s.experts = c.experts;
  s.top_k = c.top_k;
  s.dense_layers = c.dense_layers;
  s.decoder_sparse_step = c.decoder_sparse_step;
  s.gpt_oss_unquantized = c.gpt_oss_unquantized;
  return s;
}

void add_case_rows() {
  QTest::addColumn<QString>("name");
  for (const auto& [name, c] : moe_cases()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

struct Run {
  std::vector<at::Tensor> logits;
  std::map<std::pair<std::string, int64_t>, at::Tensor> hooks, routed;
};

Run run_model(Model& model, const std::vector<at::Tensor>& batches, const std::string& pattern = "*") {
  Run r;
  r.logits.resize(batches.size());
  Hooks hooks;
  hooks.add(pattern, [&](const HookSite& site, at::Tensor& x) {
    r.hooks[{site.name, site.batch_index}] = x.clone();
    if (site.routed) r.routed[{site.name, site.batch_index}] = site.routed->clone();
  });
  model.run(batches, hooks, [&](int64_t b, const at::Tensor& h) { r.logits[b] = model.logits(h); });
  return r;
}

EngineOptions options(at::ScalarType dtype = at::kFloat, bool streaming = false) {
  EngineOptions o;
  o.dtype = dtype;
  o.streaming = streaming;
  return o;
}

double logits_error(const std::string& dir, const at::Tensor& ids, at::ScalarType dtype) {
  Model model(dir, options(dtype));
  Run run = run_model(model, {ids}, "none");
  return max_rel_error(run.logits[0], ReferenceTransformer(dir).forward(ids).logits);
}

// A configuration with real shapes and no weights.
json real_config(const std::string& name) {
  if (name == "OLMoE-1B-7B")
    return {{"model_type", "olmoe"}, {"hidden_size", 2048}, {"intermediate_size", 1024}, {"num_hidden_layers", 16},
            {"num_attention_heads", 16}, {"num_key_value_heads", 16}, {"vocab_size", 50304}, {"num_experts", 64},
            {"num_experts_per_tok", 8}, {"norm_topk_prob", false}, {"tie_word_embeddings", false}};
  if (name == "Qwen3-30B-A3B")
    return {{"model_type", "qwen3_moe"}, {"hidden_size", 2048}, {"intermediate_size", 6144}, {"moe_intermediate_size", 768},
            {"num_hidden_layers", 48}, {"num_attention_heads", 32}, {"num_key_value_heads", 4}, {"head_dim", 128},
            {"vocab_size", 151936}, {"num_experts", 128}, {"num_experts_per_tok", 8}, {"norm_topk_prob", true},
            {"decoder_sparse_step", 1}, {"mlp_only_layers", json::array()}, {"tie_word_embeddings", false}};
  if (name == "Mixtral-8x7B")
    return {{"model_type", "mixtral"}, {"hidden_size", 4096}, {"intermediate_size", 14336}, {"num_hidden_layers", 32},
            {"num_attention_heads", 32}, {"num_key_value_heads", 8}, {"vocab_size", 32000}, {"num_local_experts", 8},
            {"num_experts_per_tok", 2}, {"tie_word_embeddings", false}};
  if (name == "gpt-oss-20b") {
    json types = json::array();
    for (int i = 0; i < 24; ++i) types.push_back(i % 2 == 0 ? "sliding_attention" : "full_attention");
    return {{"model_type", "gpt_oss"}, {"hidden_size", 2880}, {"intermediate_size", 2880}, {"num_hidden_layers", 24},
            {"num_attention_heads", 64}, {"num_key_value_heads", 8}, {"head_dim", 64}, {"vocab_size", 201088},
            {"num_local_experts", 32}, {"num_experts_per_tok", 4}, {"sliding_window", 128}, {"layer_types", types},
            {"attention_bias", true}, {"tie_word_embeddings", false}, {"quantization_config", {{"quant_method", "mxfp4"}}},
            {"rope_scaling", {{"rope_type", "yarn"}, {"factor", 32.0}, {"beta_fast", 32.0}, {"beta_slow", 1.0},
                              {"original_max_position_embeddings", 4096}, {"truncate", false}}}};
  }
  if (name == "GLM-4.5-Air")
    return {{"model_type", "glm4_moe"}, {"hidden_size", 4096}, {"intermediate_size", 10944}, {"moe_intermediate_size", 1408},
            {"num_hidden_layers", 46}, {"num_attention_heads", 96}, {"num_key_value_heads", 8}, {"head_dim", 128},
            {"vocab_size", 151552}, {"n_routed_experts", 128}, {"n_shared_experts", 1}, {"num_experts_per_tok", 8},
            {"first_k_dense_replace", 1}, {"attention_bias", true}, {"partial_rotary_factor", 0.5}, {"n_group", 1},
            {"topk_group", 1}, {"routed_scaling_factor", 1.0}, {"tie_word_embeddings", false}};
  // Qwen1.5-MoE-A2.7B
  return {{"model_type", "qwen2_moe"}, {"hidden_size", 2048}, {"intermediate_size", 5632}, {"moe_intermediate_size", 1408},
          {"shared_expert_intermediate_size", 5632}, {"num_hidden_layers", 24}, {"num_attention_heads", 16},
          {"num_key_value_heads", 16}, {"vocab_size", 151936}, {"num_experts", 60}, {"num_experts_per_tok", 4},
          {"decoder_sparse_step", 1}, {"mlp_only_layers", json::array()}, {"tie_word_embeddings", false}};
}

}  // namespace

class MoeFamiliesTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void f32LogitsMatchNaiveFloat64Reference_data() { add_case_rows(); }
  void f32LogitsMatchNaiveFloat64Reference() {
    QFETCH(QString, name);
    const MoeCase& c = moe_cases().at(name.toStdString());
    TempDir tmp;
    write_model(moe_spec(c), tmp.path(), c.patch);
    const at::Tensor ids = random_ids(2, 11, 256, 17);
    const double err = logits_error(tmp.path(), ids, at::kFloat);
    if (err > kF32Tolerance) qWarning() << "max relative error" << err;
    QVERIFY(err <= kF32Tolerance);
    if (c.feature_off) {
      const at::Tensor expected = ReferenceTransformer(tmp.path()).forward(ids).logits;
      patch_config(tmp.path(), *c.feature_off);
      QVERIFY(max_rel_error(ReferenceTransformer(tmp.path()).forward(ids).logits, expected) >= 1e-3);
    }
  }

  void bf16LogitsStayCloseToFloat64Reference_data() {
    QTest::addColumn<QString>("arch");
    for (const char* arch : {"olmoe", "mixtral", "qwen2_moe", "qwen3_moe", "glm4_moe", "gpt_oss"}) QTest::newRow(arch) << arch;
  }
  void bf16LogitsStayCloseToFloat64Reference() {
    QFETCH(QString, arch);
    TempDir tmp;
    SyntheticModelSpec s = moe_spec({arch.toStdString()});
    s.dtype = "bf16";
    write_model(s, tmp.path());
    // A token whose k-th and (k+1)-th router scores lie closer than bf16 rounding may pick
    // another expert than in fp64 (HF in bf16 does the same): a jump, not a drift. So most
    // positions must match to the bf16 tolerance, and the rest are counted and bounded.
    const at::Tensor ids = random_ids(2, 9, 256, 5);
    Model model(tmp.path(), options(at::kBFloat16));
    const at::Tensor got = run_model(model, {ids}, "none").logits[0].to(at::kDouble);
    const at::Tensor want = ReferenceTransformer(tmp.path()).forward(ids).logits;
    const at::Tensor per_position = (got - want).abs().amax(-1) / want.abs().max();
    const int64_t off = (per_position > kBf16Tolerance).sum().item<int64_t>();
    qInfo() << arch << "positions beyond bf16 tolerance (routing flips):" << off << "of" << ids.numel()
            << "; median relative error" << per_position.median().item<double>();
    QVERIFY(off <= ids.numel() / 6);
    QVERIFY(per_position.median().item<double>() <= kBf16Tolerance / 4);
  }

  // router_logits, each expert's down_in / down_out (only its tokens, with their positions),
  // the combined output at mlp_down_out and the router's input at ln_mlp equal the reference.
  void moeHookPointsMatchReference_data() { add_case_rows(); }
  void moeHookPointsMatchReference() {
    QFETCH(QString, name);
    const MoeCase& c = moe_cases().at(name.toStdString());
    TempDir tmp;
    write_model(moe_spec(c), tmp.path(), c.patch);
    const at::Tensor ids = random_ids(2, 8, 256, 3);
    Model model(tmp.path(), options());
    Run run = run_model(model, {ids});
    ReferenceResult ref = ReferenceTransformer(tmp.path()).forward(ids);
    auto close = [](const at::Tensor& a, const at::Tensor& b, const std::string& what) {
      const double err = max_rel_error(a, b);
      if (err > kF32Tolerance) qWarning() << what.c_str() << "relative error" << err;
      return err <= kF32Tolerance;
    };
    for (int64_t i = 0; i < model.config().num_hidden_layers; ++i) {
      const ReferenceLayerHooks& h = ref.layers[i];
      QVERIFY(close(run.hooks.at({hook_name(i, HookKind::LnMlp), 0}), h.ln_mlp, "ln_mlp"));
      QVERIFY(close(run.hooks.at({hook_name(i, HookKind::MlpDownOut), 0}), h.mlp_down_out, "mlp_down_out"));
      if (!model.config().moe.is_sparse(i)) {
        QVERIFY(!run.hooks.count({hook_name(i, HookKind::RouterLogits), 0}));
        continue;
      }
      QVERIFY(!run.hooks.count({hook_name(i, HookKind::MlpDownIn), 0}));  // no single down projection
      QVERIFY(close(run.hooks.at({hook_name(i, HookKind::RouterLogits), 0}), h.router_logits, "router_logits"));
      int64_t routed_rows = 0;
      for (int64_t e = 0; e < model.config().moe.num_experts; ++e) {
        const std::string in = expert_hook_name(i, e, HookKind::ExpertDownIn), out = expert_hook_name(i, e, HookKind::ExpertDownOut);
        if (!h.experts.count(e)) {
          QVERIFY2(!run.hooks.count({in, 0}), in.c_str());
          continue;
        }
        const auto& ex = h.experts.at(e);
        QVERIFY2(at::equal(run.routed.at({in, 0}), ex.routed), in.c_str());
        QVERIFY2(at::equal(run.routed.at({out, 0}), ex.routed), out.c_str());
        QVERIFY(close(run.hooks.at({in, 0}), ex.down_in, in));
        QVERIFY(close(run.hooks.at({out, 0}), ex.down_out, out));
        routed_rows += ex.routed.size(0);
      }
      QCOMPARE(routed_rows, ids.numel() * model.config().moe.top_k);  // every token, top_k times
    }
  }

  void streamingLogitsAndHooksAreBitIdenticalToResident_data() {
    QTest::addColumn<QString>("arch");
    for (const char* arch : {"olmoe", "mixtral", "qwen2_moe", "qwen3_moe", "glm4_moe", "gpt_oss"}) QTest::newRow(arch) << arch;
  }
  void streamingLogitsAndHooksAreBitIdenticalToResident() {
    QFETCH(QString, arch);
    TempDir tmp;
    write_model(moe_spec({arch.toStdString()}, 3), tmp.path());
    const std::vector<at::Tensor> batches = {random_ids(2, 7, 256, 21), random_ids(1, 12, 256, 22), random_ids(3, 5, 256, 23)};
    Model resident(tmp.path(), options(at::kFloat, false));
    Model streaming(tmp.path(), options(at::kFloat, true));
    Run a = run_model(resident, batches), b = run_model(streaming, batches);
    QCOMPARE(b.hooks.size(), a.hooks.size());
    for (size_t i = 0; i < batches.size(); ++i) QVERIFY(at::equal(a.logits[i], b.logits[i]));
    for (const auto& [key, t] : a.hooks) QVERIFY2(at::equal(t, b.hooks.at(key)), key.first.c_str());
    for (const auto& [key, t] : a.routed) QVERIFY2(at::equal(t, b.routed.at(key)), key.first.c_str());
  }

  // Equal scores: the lower expert index wins, whatever the sort kernel does with ties.
  void topKPrefersLowestExpertIndexOnTies() {
    at::Tensor scores = at::tensor(std::vector<float>{0.1f, 0.3f, 0.2f, 0.3f, 0.25f, 0.25f, 0.25f, 0.25f, 0.0f, 0.0f, 0.0f, 0.0f}, at::kFloat).view({3, 4});
    at::Tensor expected = at::tensor(std::vector<int64_t>{1, 3, 0, 1, 0, 1}, at::kLong).view({3, 2});
    QVERIFY(at::equal(top_k_experts(scores, 2), expected));
    at::Tensor wide = at::zeros({5, 64});
    wide.select(1, 40).fill_(1.0);
    at::Tensor top = top_k_experts(wide, 8);
    for (int64_t r = 0; r < 5; ++r) {
      QCOMPARE(top[r][0].item<int64_t>(), int64_t(40));
      for (int64_t j = 1; j < 8; ++j) QCOMPARE(top[r][j].item<int64_t>(), j - 1);
    }
  }

  // A zero router gives every expert the same score for every token: the model must route all
  // tokens to experts 0 .. k-1, and still match the reference (which breaks ties the same way).
  void zeroRouterSendsEveryTokenToTheFirstExperts() {
    TempDir tmp;
    SyntheticModelSpec s = moe_spec({"olmoe"});
    write_model(s, tmp.path());
    Model model(tmp.path(), options());
    for (int64_t i = 0; i < s.layers; ++i) {
      const std::string router = "model.layers." + std::to_string(i) + ".mlp.gate.weight";
      for (int64_t e = 0; e < s.experts; ++e)
        for (int64_t d = 0; d < s.hidden; ++d) model.set_weight(router, e, d, 0.0);
    }
    const at::Tensor ids = random_ids(2, 6, 256, 9);
    Run run = run_model(model, {ids}, "layer_*_expert_*_down_out");
    for (const auto& [key, t] : run.hooks) {
      QVERIFY2(key.first.find("_expert_0_") != std::string::npos || key.first.find("_expert_1_") != std::string::npos, key.first.c_str());
      QCOMPARE(t.size(0), ids.numel());
    }
    QCOMPARE(run.hooks.size(), size_t(2 * s.layers));
  }

  // Blocks worked out by hand: byte 0x21 holds codes 1 (+0.5, element 0) and 2 (+1.0, element 1);
  // 0xF8 holds 8 (-0.0) and 15 (-6.0); 0x7A holds 10 (-1.0) and 7 (+6.0). Scale 128 doubles,
  // 126 halves, 127 keeps.
  void mxfp4DequantizationMatchesHandComputedBlocks() {
    at::Tensor blocks = at::zeros({2, 1, 16}, at::kByte), scales = at::zeros({2, 1}, at::kByte);
    blocks[0][0][0] = 0x21, blocks[0][0][1] = 0xF8, blocks[0][0][15] = 0x7A;
    blocks[1][0][0] = 0x21, blocks[1][0][3] = 0x5C;  // 0x5C: codes 12 (-2.0), 5 (+3.0)
    scales[0][0] = 128, scales[1][0] = 126;
    at::Tensor got = dequantize_mxfp4(blocks, scales, at::kFloat);
    QCOMPARE(got.sizes().vec(), (std::vector<int64_t>{2, 32}));
    at::Tensor want = at::zeros({2, 32});
    want[0][0] = 1.0, want[0][1] = 2.0, want[0][2] = -0.0, want[0][3] = -12.0, want[0][30] = -2.0, want[0][31] = 12.0;
    want[1][0] = 0.25, want[1][1] = 0.5, want[1][6] = -1.0, want[1][7] = 1.5;
    QVERIFY(at::equal(got, want));
    QVERIFY(std::signbit(got[0][2].item<float>()));  // -0.0 stays negative zero
    // A scale of 127 + 10 multiplies by 1024; quantizing a dequantized tensor gives it back.
    scales[1][0] = 137;
    at::Tensor big = dequantize_mxfp4(blocks, scales, at::kFloat);
    QCOMPARE(big[1][7].item<float>(), 3072.0f);
    Mxfp4Tensor again = quantize_mxfp4(big);
    QVERIFY(at::equal(dequantize_mxfp4(again.blocks, again.scales, at::kFloat), big));
  }

  // An edit of one expert's weight reaches the forward pass (also through the engine's stacked
  // gate/up copy), matches the reference with the same edit, and is undone exactly.
  void expertWeightEditMatchesReferenceAndRestoresExactly_data() {
    QTest::addColumn<bool>("streaming");
    QTest::newRow("resident") << false;
    QTest::newRow("streaming") << true;
  }
  void expertWeightEditMatchesReferenceAndRestoresExactly() {
    QFETCH(bool, streaming);
    TempDir tmp;
    write_model(moe_spec({"olmoe"}), tmp.path());
    const at::Tensor ids = random_ids(2, 8, 256, 12);
    Model model(tmp.path(), options(at::kFloat, streaming));
    const at::Tensor before = run_model(model, {ids}, "none").logits[0];
    ReferenceTransformer ref(tmp.path());
    for (int64_t e = 0; e < 4; ++e) {  // every expert: whichever are routed, some edit shows
      const std::string gate = "model.layers.0.mlp.experts." + std::to_string(e) + ".gate_proj.weight";
      const std::string up = "model.layers.1.mlp.experts." + std::to_string(e) + ".up_proj.weight";
      model.set_weight(gate, 3, 5, 2.5), ref.set_weight(gate, 3, 5, 2.5);
      model.set_weight(up, 7, 1, -3.0), ref.set_weight(up, 7, 1, -3.0);
    }
    const at::Tensor edited = run_model(model, {ids}, "none").logits[0];
    QVERIFY(max_abs_error(edited, before) > 1e-3);
    QVERIFY(max_rel_error(edited, ref.forward(ids).logits) <= kF32Tolerance);
    model.restore_weights();
    QVERIFY(at::equal(run_model(model, {ids}, "none").logits[0], before));
  }

  // Without expert hooks all experts run in two batched GEMMs over padded rows; with one they
  // run expert by expert. Both give the same logits up to rounding.
  void batchedAndPerExpertPathsAgree_data() {
    QTest::addColumn<QString>("arch");
    for (const char* arch : {"olmoe", "mixtral", "qwen2_moe", "glm4_moe"}) QTest::newRow(arch) << arch;
  }
  void batchedAndPerExpertPathsAgree() {
    QFETCH(QString, arch);
    TempDir tmp;
    write_model(moe_spec({arch.toStdString(), json::object(), std::nullopt, 8, 2}), tmp.path());
    const at::Tensor ids = random_ids(3, 16, 256, 31);
    Model model(tmp.path(), options());
    at::Tensor batched, per_expert;
    model.run({ids}, Hooks(), [&](int64_t, const at::Tensor& h) { batched = model.logits(h); });
    Hooks one;
    one.add("layer_*_expert_3_down_out", [](const HookSite&, at::Tensor&) {});
    model.run({ids}, one, [&](int64_t, const at::Tensor& h) { per_expert = model.logits(h); });
    QVERIFY(max_rel_error(batched, per_expert) <= 1e-5);
  }

  // Editing an expert's down_in in a hook changes the result (hooks can intervene on experts).
  void expertHookEditChangesOutput() {
    TempDir tmp;
    write_model(moe_spec({"qwen3_moe"}), tmp.path());
    const at::Tensor ids = random_ids(1, 8, 256, 4);
    Model model(tmp.path(), options());
    Run before = run_model(model, {ids}, "none");
    Hooks edit;
    int64_t edited_rows = 0;
    edit.add("layer_0_expert_*_down_in", [&](const HookSite& site, at::Tensor& x) {
      QVERIFY(site.expert >= 0 && site.routed && site.routed->size(0) == x.size(0));
      edited_rows += x.size(0);
      x.zero_();
    });
    at::Tensor after;
    model.run({ids}, edit, [&](int64_t, const at::Tensor& h) { after = model.logits(h); });
    QCOMPARE(edited_rows, ids.numel() * 2);
    QVERIFY(max_abs_error(after, before.logits[0]) > 1e-3);
  }

  void inspectCountsTotalAndActiveParametersOfRealConfigs_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("total_b");
    QTest::addColumn<double>("active_b");
    QTest::addColumn<int>("embeddings_left_out");
    // The seeds' model table (resources/model_catalog.json). Vendors differ in what "active"
    // counts: GLM's 12B leaves out the embedding and the LM head (13.4B with them), OpenAI's
    // 3.6B for gpt-oss-20b the embedding (4.2B with it); our active_params counts everything.
    QTest::newRow("OLMoE-1B-7B") << "OLMoE-1B-7B" << 7.0 << 1.3 << 0;
    QTest::newRow("Qwen3-30B-A3B") << "Qwen3-30B-A3B" << 30.5 << 3.3 << 0;
    QTest::newRow("Mixtral-8x7B") << "Mixtral-8x7B" << 47.0 << 12.9 << 0;
    QTest::newRow("Qwen1.5-MoE-A2.7B") << "Qwen1.5-MoE-A2.7B" << 14.3 << 2.7 << 0;
    QTest::newRow("GLM-4.5-Air") << "GLM-4.5-Air" << 106.0 << 12.0 << 2;
    QTest::newRow("gpt-oss-20b") << "gpt-oss-20b" << 21.0 << 3.6 << 1;
  }
  void inspectCountsTotalAndActiveParametersOfRealConfigs() {
    QFETCH(QString, name);
    QFETCH(double, total_b);
    QFETCH(double, active_b);
    QFETCH(int, embeddings_left_out);
    TempDir tmp;
    write_file(tmp.file("config.json"), real_config(name.toStdString()).dump());
    OwbRun r = run_owb({"inspect", "--config-only", QString::fromStdString(tmp.path())});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    json j = json::parse(r.out.toStdString());
    const double embedding = embeddings_left_out * j["vocab"].get<double>() * j["hidden_size"].get<double>();
    const double total = j["total_params"].get<double>() / 1e9, active = (j["active_params"].get<double>() - embedding) / 1e9;
    qInfo() << name << "total" << total << "B, active" << active << "B";
    QVERIFY(std::abs(total - total_b) / total_b < 0.02);
    QVERIFY(std::abs(active - active_b) / active_b < 0.04);
    // Hand-counted from the shapes (embedding + LM head + per layer attention, norms, router, experts).
    if (name == "OLMoE-1B-7B") {
      QCOMPARE(j["total_params"].get<int64_t>(), int64_t(6919161856));
      QCOMPARE(j["active_params"].get<int64_t>(), int64_t(1282017280));
    }
    if (name == "Qwen3-30B-A3B") {
      QCOMPARE(j["total_params"].get<int64_t>(), int64_t(30532122624));
      QCOMPARE(j["active_params"].get<int64_t>(), int64_t(3353032704));
    }
  }

  // make-test-model writes every MoE family; inspect on the weights agrees with the config count.
  void makeTestModelWritesEveryMoeFamily_data() {
    QTest::addColumn<QString>("arch");
    for (const char* arch : {"olmoe", "mixtral", "qwen2_moe", "qwen3_moe", "glm4_moe", "gpt_oss"}) QTest::newRow(arch) << arch;
  }
  void makeTestModelWritesEveryMoeFamily() {
    QFETCH(QString, arch);
    TempDir tmp;
    OwbRun made = run_owb({"make-test-model", "--arch", arch, "--out", QString::fromStdString(tmp.path()), "--experts", "6",
                           "--top-k", "2", "--layers", "2"});
    QVERIFY2(made.exit_code == 0, qPrintable(made.err));
    OwbRun inspected = run_owb({"inspect", QString::fromStdString(tmp.path())});
    QVERIFY2(inspected.exit_code == 0, qPrintable(inspected.err));
    json j = json::parse(inspected.out.toStdString());
    ParameterCounts expected = count_parameters(load_model_config(tmp.path()));
    QCOMPARE(j["total_params"].get<int64_t>(), expected.total);
    QCOMPARE(j["active_params"].get<int64_t>(), expected.active);
    QVERIFY(expected.active < expected.total);
    QCOMPARE(j["moe"]["experts"].get<int64_t>(), int64_t(6));
    const auto hooks = j["hook_points"].get<std::vector<std::string>>();
    QVERIFY(std::find(hooks.begin(), hooks.end(), "layer_1_expert_5_down_out") != hooks.end());
    QVERIFY(std::find(hooks.begin(), hooks.end(), "layer_1_router_logits") != hooks.end());
  }
};

QTEST_GUILESS_MAIN(MoeFamiliesTest)
#include "test_moe_families.moc"
