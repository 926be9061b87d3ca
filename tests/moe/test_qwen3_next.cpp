// Qwen3-Next (Gated DeltaNet + gated attention hybrid with a shared-expert MoE): logits and hook
// points equal the float64 reference (tests/support/reference_transformer_qwen3_next.cpp, written
// from modeling_qwen3_next token by token), for both mixers, several head layouts, dense layers
// and sequences longer than one DeltaNet chunk; the chunked delta rule equals the token-by-token
// recurrence and carries its state across calls; streaming equals resident; planted structure
// behaves as in other families; `owb inspect` counts Qwen3-Next-80B-A3B's parameters.
#include "checkpoint.h"
#include "errors.h"
#include "gated_deltanet.h"
#include "model.h"
#include "model_summary.h"
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

struct NextCase {
  json config = json::object();  // written before the weights (shapes follow)
  std::optional<json> feature_off;  // patched after: must change the reference logits
  int64_t layers = 2, positions = 11;
  std::vector<int64_t> dense_layers = {};
};

const std::map<std::string, NextCase>& next_cases() {
  static const std::map<std::string, NextCase> cases = [] {
    std::map<std::string, NextCase> m;
    m["linear then full attention, 2 key heads to 4 value heads"] = {json::object(), json{{"partial_rotary_factor", 1.0}}};
    m["every layer Gated DeltaNet"] = {json{{"layer_types", {"linear_attention", "linear_attention"}}}, std::nullopt};
    m["every layer gated attention"] = {json{{"layer_types", {"full_attention", "full_attention"}}}, std::nullopt};
    m["one value head per key head, conv kernel 2"] = {json{{"linear_num_value_heads", 2}, {"linear_conv_kernel_dim", 2}}, std::nullopt};
    m["full_attention_interval 3 over 4 layers, layer 0 dense"] = {json{{"full_attention_interval", 3}}, std::nullopt, 4, 9, {0}};
    m["150 positions: three DeltaNet chunks"] = {json::object(), std::nullopt, 2, 150};
    return m;
  }();
  return cases;
}

SyntheticModelSpec next_spec(const NextCase& c) {
  SyntheticModelSpec s = small_spec("qwen3_next");
  s.layers = c.layers;
  s.experts = 4;
  s.top_k = 2;
  s.dense_layers = c.dense_layers;
  s.config_patch_json = c.config.dump();
  return s;
}

void add_case_rows() {
  QTest::addColumn<QString>("name");
  for (const auto& [name, c] : next_cases()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

EngineOptions options(at::ScalarType dtype = at::kFloat, bool streaming = false) {
  EngineOptions o;
  o.dtype = dtype;
  o.streaming = streaming;
  return o;
}

struct Run {
  at::Tensor logits;
  std::map<std::string, at::Tensor> hooks, routed;
};

Run run_model(Model& model, const at::Tensor& ids, const std::string& pattern = "*") {
  Run r;
  Hooks hooks;
  hooks.add(pattern, [&](const HookSite& site, at::Tensor& x) {
    r.hooks[site.name] = x.clone();
    if (site.routed) r.routed[site.name] = site.routed->clone();
  });
  model.run({ids}, hooks, [&](int64_t, const at::Tensor& h) { r.logits = model.logits(h); });
  return r;
}

// Qwen/Qwen3-Next-80B-A3B-Instruct's config.json (shapes only).
json qwen3_next_80b_config() {
  return {{"model_type", "qwen3_next"}, {"hidden_size", 2048}, {"intermediate_size", 5120}, {"num_hidden_layers", 48},
          {"num_attention_heads", 16}, {"num_key_value_heads", 2}, {"head_dim", 256}, {"vocab_size", 151936},
          {"num_experts", 512}, {"num_experts_per_tok", 10}, {"moe_intermediate_size", 512},
          {"shared_expert_intermediate_size", 512}, {"decoder_sparse_step", 1}, {"mlp_only_layers", json::array()},
          {"norm_topk_prob", true}, {"full_attention_interval", 4}, {"linear_conv_kernel_dim", 4},
          {"linear_key_head_dim", 128}, {"linear_value_head_dim", 128}, {"linear_num_key_heads", 16},
          {"linear_num_value_heads", 32}, {"partial_rotary_factor", 0.25}, {"rope_theta", 10000000},
          {"max_position_embeddings", 262144}, {"rms_norm_eps", 1e-6}, {"tie_word_embeddings", false}};
}

// Random inputs of the delta rule: q, k normalised, decays in (0, 1).
struct DeltaInputs {
  at::Tensor q, k, v, g, beta;
};
DeltaInputs delta_inputs(int64_t B, int64_t T, int64_t H, int64_t dk, int64_t dv, uint64_t seed) {
  at::manual_seed(seed);
  DeltaInputs x;
  x.q = l2_normalize(at::randn({B, T, H, dk})) / std::sqrt(static_cast<double>(dk));
  x.k = l2_normalize(at::randn({B, T, H, dk}));
  x.v = at::randn({B, T, H, dv});
  x.g = -at::rand({B, T, H}) * 2.0;
  x.beta = at::rand({B, T, H});
  return x;
}

}  // namespace

class Qwen3NextTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void f32LogitsMatchFloat64Reference_data() { add_case_rows(); }
  void f32LogitsMatchFloat64Reference() {
    QFETCH(QString, name);
    const NextCase& c = next_cases().at(name.toStdString());
    TempDir tmp;
    write_model(next_spec(c), tmp.path());
    const at::Tensor ids = random_ids(2, c.positions, 256, 17);
    Model model(tmp.path(), options());
    const at::Tensor want = ReferenceTransformer(tmp.path()).forward(ids).logits;
    const double err = max_rel_error(run_model(model, ids, "none").logits, want);
    qInfo() << name << "max relative error" << err;
    QVERIFY(err <= kF32Tolerance);
    if (c.feature_off) {
      patch_config(tmp.path(), *c.feature_off);
      QVERIFY(max_rel_error(ReferenceTransformer(tmp.path()).forward(ids).logits, want) >= 1e-3);
    }
  }

  // ln_attn (the norm feeding either mixer), ln_mlp, router logits, each expert's rows, the
  // combined MoE output and the residual stream equal the reference.
  void hookPointsMatchReference() {
    NextCase c;
    c.layers = 4;
    c.dense_layers = {2};
    TempDir tmp;
    write_model(next_spec(c), tmp.path());
    const at::Tensor ids = random_ids(2, 8, 256, 3);
    Model model(tmp.path(), options());
    Run run = run_model(model, ids);
    ReferenceResult ref = ReferenceTransformer(tmp.path()).forward(ids);
    auto close = [](const at::Tensor& a, const at::Tensor& b, const std::string& what) {
      const double err = max_rel_error(a, b);
      if (err > kF32Tolerance) qWarning() << what.c_str() << "relative error" << err;
      return err <= kF32Tolerance;
    };
    for (int64_t i = 0; i < 4; ++i) {
      const ReferenceLayerHooks& h = ref.layers[i];
      QVERIFY(close(run.hooks.at(hook_name(i, HookKind::LnAttn)), h.ln_attn, "ln_attn"));
      QVERIFY(close(run.hooks.at(hook_name(i, HookKind::LnMlp)), h.ln_mlp, "ln_mlp"));
      QVERIFY(close(run.hooks.at(hook_name(i, HookKind::MlpDownOut)), h.mlp_down_out, "mlp_down_out"));
      QVERIFY(close(run.hooks.at(hook_name(i, HookKind::ResidPost)), h.resid_post, "resid_post"));
      if (i == 2) {  // dense
        QVERIFY(close(run.hooks.at(hook_name(i, HookKind::MlpDownIn)), h.mlp_down_in, "mlp_down_in"));
        QVERIFY(!run.hooks.count(hook_name(i, HookKind::RouterLogits)));
        continue;
      }
      QVERIFY(close(run.hooks.at(hook_name(i, HookKind::RouterLogits)), h.router_logits, "router_logits"));
      for (const auto& [e, ex] : h.experts) {
        const std::string in = expert_hook_name(i, e, HookKind::ExpertDownIn);
        QVERIFY2(at::equal(run.routed.at(in), ex.routed), in.c_str());
        QVERIFY(close(run.hooks.at(in), ex.down_in, in));
      }
    }
  }

  void bf16LogitsStayCloseToFloat64Reference() {
    TempDir tmp;
    SyntheticModelSpec s = next_spec({});
    s.dtype = "bf16";
    write_model(s, tmp.path());
    const at::Tensor ids = random_ids(2, 9, 256, 5);
    Model model(tmp.path(), options(at::kBFloat16));
    const at::Tensor got = run_model(model, ids, "none").logits.to(at::kDouble);
    const at::Tensor want = ReferenceTransformer(tmp.path()).forward(ids).logits;
    const at::Tensor per_position = (got - want).abs().amax(-1) / want.abs().max();
    const int64_t off = (per_position > kBf16Tolerance).sum().item<int64_t>();
    qInfo() << "positions beyond bf16 tolerance (routing flips):" << off << "of" << ids.numel() << "; median relative error"
            << per_position.median().item<double>();
    QVERIFY(off <= ids.numel() / 6);
    QVERIFY(per_position.median().item<double>() <= kBf16Tolerance / 4);
  }

  void streamingIsBitIdenticalToResident() {
    TempDir tmp;
    NextCase c;
    c.layers = 3;
    write_model(next_spec(c), tmp.path());
    const at::Tensor ids = random_ids(3, 10, 256, 21);
    Model resident(tmp.path(), options(at::kFloat, false)), streaming(tmp.path(), options(at::kFloat, true));
    Run a = run_model(resident, ids), b = run_model(streaming, ids);
    QVERIFY(at::equal(a.logits, b.logits));
    QCOMPARE(b.hooks.size(), a.hooks.size());
    for (const auto& [name, t] : a.hooks) QVERIFY2(at::equal(t, b.hooks.at(name)), name.c_str());
  }

  // The chunked form (what the engine runs) equals the recurrence, for chunks that do and do not
  // divide the sequence, and a sequence split in two calls (state carried) equals one call.
  void chunkedDeltaRuleEqualsTheRecurrence() {
    const DeltaInputs x = delta_inputs(2, 37, 3, 8, 5, 11);
    at::Tensor m_rec, m_chunk;
    const at::Tensor rec = gated_delta_rule_recurrent(x.q, x.k, x.v, x.g, x.beta, m_rec);
    for (int64_t chunk : {1, 7, 16, 64}) {
      at::Tensor m;
      const at::Tensor out = gated_delta_rule_chunked(x.q, x.k, x.v, x.g, x.beta, m, chunk);
      QVERIFY2(max_abs_error(out, rec) < 1e-5, qPrintable(QString("chunk %1").arg(chunk)));
      QVERIFY(max_abs_error(m, m_rec) < 1e-5);
    }
    at::Tensor carried;
    const at::Tensor first = gated_delta_rule_chunked(x.q.narrow(1, 0, 20), x.k.narrow(1, 0, 20), x.v.narrow(1, 0, 20),
                                                      x.g.narrow(1, 0, 20), x.beta.narrow(1, 0, 20), carried, 8);
    const at::Tensor rest = gated_delta_rule_chunked(x.q.narrow(1, 20, 17), x.k.narrow(1, 20, 17), x.v.narrow(1, 20, 17),
                                                     x.g.narrow(1, 20, 17), x.beta.narrow(1, 20, 17), carried, 8);
    QVERIFY(max_abs_error(at::cat({first, rest}, 1), rec) < 1e-5);
  }

  // A strong decay forgets: with g = -50 every step the state holds only the last token, so the
  // output is beta_t (q_t . k_t) v_t.
  void fullDecayKeepsOnlyTheCurrentToken() {
    DeltaInputs x = delta_inputs(1, 6, 2, 4, 3, 4);
    x.g.fill_(-50.0);
    at::Tensor m;
    const at::Tensor out = gated_delta_rule_chunked(x.q, x.k, x.v, x.g, x.beta, m, 4);
    const at::Tensor want = (x.q * x.k).sum(-1, true) * x.beta.unsqueeze(-1) * x.v;
    QVERIFY(max_abs_error(out, want) < 1e-6);
  }

  void causalConvSeesOnlyThePast() {
    at::manual_seed(2);
    const at::Tensor x = at::randn({1, 9, 6}), w = at::randn({6, 1, 3});
    const at::Tensor full = causal_conv1d_silu(x, w, nullptr);
    at::Tensor changed = x.clone();
    changed.narrow(1, 5, 4).normal_();
    QVERIFY(at::equal(causal_conv1d_silu(changed, w, nullptr).narrow(1, 0, 5), full.narrow(1, 0, 5)));
    DeltaNetState state;  // in two calls, the conv inputs carried
    const at::Tensor a = causal_conv1d_silu(x.narrow(1, 0, 4), w, &state), b = causal_conv1d_silu(x.narrow(1, 4, 5), w, &state);
    QVERIFY(max_abs_error(at::cat({a, b}, 1), full) < 1e-6);
  }

  // make-test-model plants in Qwen3-Next as in other families: a super weight in one expert, an
  // outlier dim through (1 + w) norms, a router preference.
  void plantedStructureShowsInQwen3Next() {
    TempDir tmp;
    SyntheticModelSpec s = next_spec({});
    s.super_weights.push_back(parse_planted_super_weight("layer=1,row=10,col=7,expert=2"));
    s.outliers.push_back(parse_planted_outlier("dim=5,gamma=30"));
    s.router_biases.push_back(parse_planted_router_bias("expert=2,value=20"));
    write_model(s, tmp.path());
    Model model(tmp.path(), options());
    const at::Tensor ids = random_ids(2, 12, 256, 6);
    Run run = run_model(model, ids);
    for (int64_t i = 0; i < s.layers; ++i) {
      for (HookKind kind : {HookKind::LnAttn, HookKind::LnMlp}) {
        const at::Tensor ln = run.hooks.at(hook_name(i, kind)).abs();
        QVERIFY(ln.select(2, 5).min().item<double>() > 15);
        QVERIFY(ln.narrow(2, 0, 5).max().item<double>() < 15);
      }
    }
    const at::Tensor in = run.hooks.at("layer_1_expert_2_down_in"), out = run.hooks.at("layer_1_expert_2_down_out");
    QCOMPARE(in.size(0), ids.numel());  // the router plant sends every token to expert 2
    QVERIFY(in.select(1, 7).abs().min().item<double>() > 50);
    QVERIFY(out.select(1, 10).abs().min().item<double>() > 100);
    QVERIFY(max_rel_error(run.logits, ReferenceTransformer(tmp.path()).forward(ids).logits) <= kF32Tolerance);
  }

  // Qwen3-Next-80B-A3B: 79.67 B parameters (published: 80 B), 3.87 B active with the embedding
  // and LM head, 3.25 B without them (published: 3 B, the "A3B"). Hand count: embedding + head
  // 2 x 151936 x 2048; per layer two norms, a MoE of 512 experts x 3 x 512 x 2048 plus router,
  // shared expert and its gate; 36 DeltaNet mixers of 33,718,464 and 12 gated attentions of
  // 27,263,488 (q_proj twice the heads for the gate); 10 of 512 experts active.
  void inspectCountsQwen3Next80bA3b() {
    TempDir tmp;
    write_file(tmp.file("config.json"), qwen3_next_80b_config().dump());
    OwbRun r = run_owb({"inspect", "--config-only", QString::fromStdString(tmp.path())});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    const json j = json::parse(r.out.toStdString());
    const int64_t total = j["total_params"].get<int64_t>(), active = j["active_params"].get<int64_t>();
    const int64_t embeddings = 2 * int64_t(151936) * 2048;
    qInfo() << "Qwen3-Next-80B-A3B total" << total / 1e9 << "B, active" << active / 1e9 << "B,"
            << (active - embeddings) / 1e9 << "B without embedding and LM head";
    QCOMPARE(total, int64_t(79674391296));
    QCOMPARE(active, int64_t(3874929408));
    QVERIFY(std::abs(total / 1e9 - 80.0) / 80.0 < 0.01);
    QVERIFY(std::abs((active - embeddings) / 1e9 - 3.0) / 3.0 < 0.1);
    QCOMPARE(j["family"].get<std::string>(), std::string("qwen3_next"));
    QCOMPARE(j["rope"]["partial_rotary_factor"].get<double>(), 0.25);
    QCOMPARE(j["linear_attention"]["layers"].size(), size_t(36));
    QCOMPARE(j["linear_attention"]["layers"][2].get<int64_t>(), int64_t(2));
    QCOMPARE(j["linear_attention"]["layers"][3].get<int64_t>(), int64_t(4));  // layer 3 attends fully
  }

  void configDefaultsAndLayerTypesFollowTransformers() {
    json c = qwen3_next_80b_config();
    c.erase("partial_rotary_factor");
    c.erase("head_dim");
    c.erase("full_attention_interval");
    const ModelConfig cfg = parse_model_config(c, "test");
    QCOMPARE(cfg.head_dim, int64_t(256));
    QCOMPARE(cfg.rope.partial_rotary_factor, 0.25);
    for (int64_t i = 0; i < 48; ++i) QCOMPARE(cfg.linear_attention.is_linear(i), (i + 1) % 4 != 0);
    c["layer_types"] = json::array();
    for (int i = 0; i < 48; ++i) c["layer_types"].push_back(i == 5 ? "full_attention" : "linear_attention");
    QVERIFY(!parse_model_config(c, "test").linear_attention.is_linear(5));
    QVERIFY(parse_model_config(c, "test").linear_attention.is_linear(3));
    c["layer_types"][0] = "sliding_attention";
    QVERIFY_THROWS_EXCEPTION(InputError, parse_model_config(c, "test"));
  }

  void makeTestModelWritesQwen3Next() {
    TempDir tmp;
    OwbRun made = run_owb({"make-test-model", "--arch", "qwen3_next", "--out", QString::fromStdString(tmp.path()), "--layers", "4",
                           "--config-patch", R"({"linear_num_value_heads": 2})"});
    QVERIFY2(made.exit_code == 0, qPrintable(made.err));
    OwbRun inspected = run_owb({"inspect", QString::fromStdString(tmp.path())});
    QVERIFY2(inspected.exit_code == 0, qPrintable(inspected.err));
    const json j = json::parse(inspected.out.toStdString());
    const ParameterCounts expected = count_parameters(load_model_config(tmp.path()));
    QCOMPARE(j["total_params"].get<int64_t>(), expected.total);
    QCOMPARE(j["active_params"].get<int64_t>(), expected.active);
    QCOMPARE(load_model_config(tmp.path()).linear_attention.num_value_heads, int64_t(2));
    const Checkpoint ck(tmp.path());  // the shared expert (width --intermediate) and its gate are there
    QCOMPARE(ck.info("model.layers.0.mlp.shared_expert.gate_proj.weight").shape, (std::vector<int64_t>{128, 64}));
    QCOMPARE(ck.info("model.layers.0.mlp.shared_expert_gate.weight").shape, (std::vector<int64_t>{1, 64}));
    QCOMPARE(ck.info("model.layers.0.linear_attn.conv1d.weight").shape, (std::vector<int64_t>{2 * 16 + 2 * 16, 1, 4}));
  }
};

QTEST_GUILESS_MAIN(Qwen3NextTest)
#include "test_qwen3_next.moc"
