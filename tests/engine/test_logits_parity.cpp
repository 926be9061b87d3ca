// The engine's logits equal an independent float64 forward pass (tests/support/reference_transformer)
// for every family and feature: sliding windows, biases, QK norms, clipping, parallel residuals,
// tied and sharded checkpoints, every rope_scaling type, GQA and query tiling.
#include "errors.h"
#include "model.h"
#include "reference_transformer.h"
#include "test_support.h"

#include <QtTest>

#include <functional>
#include <map>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr double kF32Tolerance = 1e-4;
constexpr double kBf16Tolerance = 5e-2;

struct ParityCase {
  SyntheticModelSpec spec;
  json config_patch = json::object();
  int64_t batch = 2;
  int64_t positions = 12;
  int64_t query_tile = 256;
  at::ScalarType dtype = at::kFloat;
  // A config patch that switches the feature under test off: the reference must then give
  // visibly different logits, or the case would prove nothing.
  std::optional<json> feature_off;
};

SyntheticModelSpec spec_with(const std::string& arch, const std::function<void(SyntheticModelSpec&)>& edit = {}) {
  SyntheticModelSpec s = small_spec(arch);
  if (edit) edit(s);
  return s;
}

ParityCase bf16(ParityCase c) {
  c.spec.dtype = "bf16";
  c.dtype = at::kBFloat16;
  return c;
}

const std::map<std::string, ParityCase>& parity_cases() {
  static const std::map<std::string, ParityCase> cases = [] {
    std::map<std::string, ParityCase> m;
    json no_rope_scaling = {{"rope_scaling", nullptr}};
    m["llama"] = {spec_with("llama")};
    m["llama, multi-head (kv_heads = heads)"] = {spec_with("llama", [](auto& s) { s.kv_heads = 4; })};
    m["llama, GQA 4 query heads on 1 kv head"] = {spec_with("llama", [](auto& s) { s.kv_heads = 1; })};
    m["llama, 3 layers, 3 sequences"] = {spec_with("llama", [](auto& s) { s.layers = 3; }), json::object(), 3, 9};
    m["mistral, sliding window 4 < 12 positions"] = {spec_with("mistral", [](auto& s) { s.sliding_window = 4; })};
    m["mistral"].spec = spec_with("mistral");
    m["mistral, sliding window 4 < 12 positions"].feature_off = json{{"sliding_window", nullptr}};
    m["qwen2, qkv bias"] = {spec_with("qwen2")};
    // HF's Llama has no sliding attention at all; Qwen2 slides only when use_sliding_window is set.
    m["llama ignores a sliding_window key"] = {spec_with("llama"), json{{"sliding_window", 4}}};
    m["qwen2 without use_sliding_window ignores sliding_window"] = {spec_with("qwen2"),
                                                                    json{{"use_sliding_window", nullptr}, {"sliding_window", 3}}};
    m["qwen2, sliding window 3 from layer 1 on"] = {spec_with("qwen2", [](auto& s) { s.sliding_window = 3; }),
                                                    json{{"max_window_layers", 1}}};
    m["qwen2, sliding window 3 from layer 1 on"].feature_off = json{{"use_sliding_window", false}};
    m["qwen3, per-head q/k norm, head_dim 32 != hidden/heads"] = {spec_with("qwen3", [](auto& s) { s.head_dim = 32; })};
    m["olmo, non-parametric layer norm"] = {spec_with("olmo")};
    m["olmo, clip_qkv 0.3"] = {spec_with("olmo"), json{{"clip_qkv", 0.3}}};
    m["olmo, clip_qkv 0.3"].feature_off = json{{"clip_qkv", nullptr}};
    m["olmo2, post-norms and full-projection q/k norm"] = {spec_with("olmo2")};
    m["gpt_neox, parallel residual"] = {spec_with("gpt_neox")};
    m["gpt_neox, sequential residual"] = {spec_with("gpt_neox"), json{{"use_parallel_residual", false}}};
    m["gpt_neox, sequential residual"].feature_off = json{{"use_parallel_residual", true}};
    m["gpt_neox, rotary_pct 0.5"] = {spec_with("gpt_neox"), json{{"rotary_pct", 0.5}}};
    m["llama, tied embeddings"] = {spec_with("llama", [](auto& s) { s.tie_word_embeddings = true; })};
    m["gpt_neox, tied embeddings"] = {spec_with("gpt_neox", [](auto& s) { s.tie_word_embeddings = true; })};
    m["llama, sharded into 3 files"] = {spec_with("llama", [](auto& s) { s.shards = 3; })};
    m["rope linear, factor 2"] = {spec_with("llama"), json{{"rope_scaling", {{"rope_type", "linear"}, {"factor", 2.0}}}}};
    m["rope linear, legacy \"type\" key"] = {spec_with("llama"), json{{"rope_scaling", {{"type", "linear"}, {"factor", 3.0}}}}};
    m["rope dynamic, 24 positions > max_position_embeddings 16"] = {
        spec_with("llama"), json{{"max_position_embeddings", 16}, {"rope_scaling", {{"rope_type", "dynamic"}, {"factor", 2.0}}}}, 2, 24};
    m["rope dynamic, within max_position_embeddings"] = {
        spec_with("llama"), json{{"max_position_embeddings", 16}, {"rope_scaling", {{"rope_type", "dynamic"}, {"factor", 2.0}}}}, 2, 16};
    m["rope llama3"] = {spec_with("llama"),
                        json{{"rope_scaling", {{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 1.0},
                                               {"high_freq_factor", 4.0}, {"original_max_position_embeddings", 64}}}}};
    m["rope yarn, factor 4"] = {spec_with("llama"), json{{"rope_scaling", {{"rope_type", "yarn"}, {"factor", 4.0}}}}};
    m["rope yarn, original_max_position_embeddings, no truncation"] = {
        spec_with("qwen3"), json{{"max_position_embeddings", 4096},
                                 {"rope_scaling", {{"rope_type", "yarn"}, {"factor", 4.0}, {"original_max_position_embeddings", 1024},
                                                   {"truncate", false}}}}};
    m["rope yarn, explicit attention_factor"] = {
        spec_with("llama"), json{{"rope_scaling", {{"rope_type", "yarn"}, {"factor", 8.0}, {"attention_factor", 0.8},
                                                   {"beta_fast", 16}, {"beta_slow", 2}}}}};
    m["gpt_neox, partial rotary with rope yarn"] = {spec_with("gpt_neox"), json{{"rope_scaling", {{"rope_type", "yarn"}, {"factor", 4.0}}}}};
    for (const char* name : {"rope linear, factor 2", "rope linear, legacy \"type\" key", "rope dynamic, 24 positions > max_position_embeddings 16",
                             "rope llama3", "rope yarn, factor 4", "rope yarn, original_max_position_embeddings, no truncation",
                             "rope yarn, explicit attention_factor", "gpt_neox, partial rotary with rope yarn"})
      m[name].feature_off = no_rope_scaling;
    m["llama, query tile 5 < 23 positions"] = {spec_with("llama"), json::object(), 2, 23, 5};
    m["mistral, sliding window 4 across query tiles of 5"] = {spec_with("mistral", [](auto& s) { s.sliding_window = 4; }), json::object(), 2, 23, 5};
    m["mistral, sliding window 7 across query tiles of 3"] = {spec_with("mistral", [](auto& s) { s.sliding_window = 7; }), json::object(), 1, 20, 3};
    m["gpt_neox, query tile 5 < 23 positions"] = {spec_with("gpt_neox"), json::object(), 2, 23, 5};
    m["qwen3, GQA with query tile 4"] = {spec_with("qwen3", [](auto& s) { s.kv_heads = 1; }), json::object(), 2, 17, 4};
    m["one position"] = {spec_with("llama"), json::object(), 3, 1};
    return m;
  }();
  return cases;
}

const std::map<std::string, ParityCase>& bf16_cases() {
  static const std::map<std::string, ParityCase> cases = [] {
    std::map<std::string, ParityCase> m;
    for (const char* arch : {"llama", "mistral", "qwen2", "qwen3", "olmo", "olmo2", "gpt_neox"}) m[arch] = bf16({spec_with(arch)});
    m["olmo, clip_qkv 0.3"] = bf16({spec_with("olmo"), json{{"clip_qkv", 0.3}}});
    m["mistral, sliding window 4 across query tiles of 5"] =
        bf16({spec_with("mistral", [](auto& s) { s.sliding_window = 4; }), json::object(), 2, 23, 5});
    m["rope yarn, factor 4"] = bf16({spec_with("llama"), json{{"rope_scaling", {{"rope_type", "yarn"}, {"factor", 4.0}}}}});
    return m;
  }();
  return cases;
}

at::Tensor engine_logits(const std::string& dir, const ParityCase& c, const at::Tensor& ids) {
  EngineOptions opt;
  opt.dtype = c.dtype;
  opt.query_tile = c.query_tile;
  Model model(dir, opt);
  at::Tensor logits;
  model.run({ids}, Hooks(), [&](int64_t, const at::Tensor& h) { logits = model.logits(h); });
  return logits;
}

void check_parity(const ParityCase& c, double tolerance) {
  TempDir tmp;
  write_model(c.spec, tmp.path(), c.config_patch);
  const at::Tensor ids = random_ids(c.batch, c.positions, c.spec.vocab, 11);
  const at::Tensor expected = ReferenceTransformer(tmp.path()).forward(ids).logits;
  const at::Tensor actual = engine_logits(tmp.path(), c, ids);
  QCOMPARE(actual.scalar_type(), at::kFloat);
  QCOMPARE(actual.sizes().vec(), expected.sizes().vec());
  QVERIFY(at::isfinite(actual).all().item<bool>());
  const double err = max_rel_error(actual, expected);
  if (err > tolerance) qWarning() << "max relative error" << err << "tolerance" << tolerance;
  QVERIFY(err <= tolerance);
  if (c.feature_off) {
    patch_config(tmp.path(), *c.feature_off);
    const double effect = max_rel_error(ReferenceTransformer(tmp.path()).forward(ids).logits, expected);
    if (effect < 1e-3) qWarning() << "switching the feature off changes the logits by only" << effect;
    QVERIFY(effect >= 1e-3);
  }
}

}  // namespace

class LogitsParityTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void f32LogitsMatchFloat64Reference_data() {
    QTest::addColumn<QString>("name");
    for (const auto& [name, c] : parity_cases()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }
  void f32LogitsMatchFloat64Reference() {
    QFETCH(QString, name);
    check_parity(parity_cases().at(name.toStdString()), kF32Tolerance);
  }

  void bf16LogitsStayCloseToFloat64Reference_data() {
    QTest::addColumn<QString>("name");
    for (const auto& [name, c] : bf16_cases()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }
  void bf16LogitsStayCloseToFloat64Reference() {
    QFETCH(QString, name);
    check_parity(bf16_cases().at(name.toStdString()), kBf16Tolerance);
  }

  // Half precision: either computed (close to the reference) or refused up front with an
  // InputError naming the dtype; never an internal error from deep inside a matmul.
  void f16IsComputedOrRefusedClearly() {
    TempDir tmp;
    write_model(small_spec("llama"), tmp.path());
    const at::Tensor ids = random_ids(2, 6, 256, 3);
    ParityCase c{small_spec("llama")};
    c.dtype = at::kHalf;
    try {
      at::Tensor logits = engine_logits(tmp.path(), c, ids);
      QVERIFY(max_rel_error(logits, ReferenceTransformer(tmp.path()).forward(ids).logits) <= kBf16Tolerance);
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("f16") != std::string::npos, e.what());
    } catch (const std::exception& e) {
      QFAIL((std::string("not an owb::InputError: ") + e.what()).substr(0, 300).c_str());
    }
  }

  // Batches of different shapes in one run: each batch's logits match the reference on its own,
  // also when dynamic rope makes the rotary tables depend on each batch's length.
  void batchesOfDifferentShapesEachMatchReference() {
    TempDir tmp;
    write_model(small_spec("qwen2"), tmp.path(),
                json{{"max_position_embeddings", 10}, {"rope_scaling", {{"rope_type", "dynamic"}, {"factor", 2.0}}}});
    std::vector<at::Tensor> batches = {random_ids(2, 7, 256, 1), random_ids(1, 13, 256, 2), random_ids(3, 4, 256, 3)};
    EngineOptions opt;
    opt.query_tile = 5;
    Model model(tmp.path(), opt);
    std::vector<at::Tensor> logits(batches.size());
    model.run(batches, Hooks(), [&](int64_t b, const at::Tensor& h) { logits[b] = model.logits(h); });
    ReferenceTransformer ref(tmp.path());
    for (size_t b = 0; b < batches.size(); ++b) {
      QVERIFY(logits[b].defined());
      QVERIFY(max_rel_error(logits[b], ref.forward(batches[b]).logits) <= kF32Tolerance);
    }
  }

  void nonPositiveQueryTileIsRejected() {
    TempDir tmp;
    write_model(small_spec("llama"), tmp.path());
    for (int64_t tile : {0, -3}) {
      EngineOptions opt;
      opt.query_tile = tile;
      QVERIFY_THROWS_EXCEPTION(InputError, Model(tmp.path(), opt));
    }
  }

  // Query tiling is an implementation detail: the tile size changes the logits by rounding only.
  void queryTileSizeDoesNotChangeLogits() {
    TempDir tmp;
    write_model(spec_with("mistral", [](auto& s) { s.sliding_window = 6; }), tmp.path());
    const at::Tensor ids = random_ids(2, 30, 256, 5);
    ParityCase whole{small_spec("mistral")};
    ParityCase tiled = whole;
    tiled.query_tile = 7;
    QVERIFY(max_rel_error(engine_logits(tmp.path(), tiled, ids), engine_logits(tmp.path(), whole, ids)) <= 1e-6);
  }
};

QTEST_GUILESS_MAIN(LogitsParityTest)
#include "test_logits_parity.moc"
