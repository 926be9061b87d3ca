// Incremental decoding with the KV cache equals recomputing the whole sequence: for every family
// (sliding windows, partial rotary, QK norms before rotary, attention sinks, MoE blocks,
// Qwen3-Next's recurrent Gated DeltaNet state), the logits of a prefill followed by single-token
// and multi-token steps equal the full forward's logits at those positions, and greedy generation
// with the cache picks the same tokens as a loop that reruns the whole sequence for every new token.
#include "blocks.h"
#include "errors.h"
#include "greedy_generation.h"
#include "model.h"
#include "test_support.h"
#include "tokenizer.h"

#include <QtTest>

#include <functional>
#include <map>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

// fp32 on both sides; the cached path multiplies the same numbers in other shapes, so only
// rounding differs.
constexpr double kF32RelTolerance = 5e-6;

struct CacheCase {
  SyntheticModelSpec spec;
  json config_patch = json::object();
  int64_t query_tile = 256;
};

SyntheticModelSpec spec_with(const std::string& arch, const std::function<void(SyntheticModelSpec&)>& edit = {}) {
  SyntheticModelSpec s = small_spec(arch);
  if (edit) edit(s);
  return s;
}

const std::map<std::string, CacheCase>& cache_cases() {
  static const std::map<std::string, CacheCase> cases = [] {
    std::map<std::string, CacheCase> m;
    m["llama"] = {spec_with("llama")};
    m["llama, GQA 4 query heads on 1 kv head, query tile 3"] = {spec_with("llama", [](auto& s) { s.kv_heads = 1; }),
                                                                json::object(), 3};
    m["mistral, sliding window 4"] = {spec_with("mistral", [](auto& s) { s.sliding_window = 4; })};
    m["qwen2, qkv bias, sliding window 3 from layer 1"] = {spec_with("qwen2", [](auto& s) { s.sliding_window = 3; }),
                                                           json{{"max_window_layers", 1}}};
    m["qwen3, per-head QK norm before rotary"] = {spec_with("qwen3", [](auto& s) { s.head_dim = 32; })};
    m["olmo, clip_qkv"] = {spec_with("olmo"), json{{"clip_qkv", 0.3}}};
    m["olmo2, full-projection QK norm"] = {spec_with("olmo2")};
    m["gpt_neox, partial rotary 0.25, parallel residual"] = {spec_with("gpt_neox")};
    m["rope yarn factor 4"] = {spec_with("llama"), json{{"rope_scaling", {{"rope_type", "yarn"}, {"factor", 4.0}}}}};
    m["rope llama3"] = {spec_with("llama"), json{{"rope_scaling", {{"rope_type", "llama3"}, {"factor", 8.0},
                                                                    {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0},
                                                                    {"original_max_position_embeddings", 8}}}}};
    m["olmoe"] = {spec_with("olmoe")};
    m["mixtral, sliding window 4"] = {spec_with("mixtral"), json{{"sliding_window", 4}}};
    m["qwen2_moe, shared expert"] = {spec_with("qwen2_moe")};
    m["qwen3_moe"] = {spec_with("qwen3_moe")};
    m["glm4_moe, partial rotary, grouped sigmoid routing"] = {spec_with("glm4_moe")};
    m["gpt_oss, sinks, alternating window 4, yarn"] = {spec_with("gpt_oss")};
    m["gpt_oss, unquantised experts"] = {spec_with("gpt_oss", [](auto& s) { s.gpt_oss_unquantized = true; })};
    // Gated DeltaNet layers carry conv inputs and recurrent state instead of keys.
    m["qwen3_next, DeltaNet and gated attention"] = {spec_with("qwen3_next", [](auto& s) { s.layers = 4; })};
    return m;
  }();
  return cases;
}

void add_case_rows() {
  QTest::addColumn<QString>("name");
  for (const auto& [name, c] : cache_cases()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
}

EngineOptions options(int64_t query_tile) {
  EngineOptions o;
  o.query_tile = query_tile;
  return o;
}

// The full forward's logits [B, T, V].
at::Tensor full_logits(Model& model, const at::Tensor& ids) {
  at::Tensor out;
  model.run({ids}, Hooks(), [&](int64_t, const at::Tensor& h) { out = model.logits(h); });
  return out;
}

// Greedy decoding by recomputing the whole sequence for every new token.
std::vector<int32_t> greedy_by_recomputing(Model& model, std::vector<int32_t> ids, int64_t steps) {
  std::vector<int32_t> generated;
  for (int64_t s = 0; s < steps; ++s) {
    std::vector<int64_t> ids64(ids.begin(), ids.end());
    at::Tensor logits = full_logits(model, at::tensor(ids64, at::kLong).view({1, -1}));
    int32_t next = static_cast<int32_t>(logits[0][-1].argmax().item<int64_t>());
    generated.push_back(next);
    ids.push_back(next);
  }
  return generated;
}

std::string case_dir(const TempDir& tmp, const CacheCase& c, const std::string& tokenizer = "") {
  SyntheticModelSpec spec = c.spec;
  spec.tokenizer_path = tokenizer;
  write_model(spec, tmp.file("model"), c.config_patch);
  return tmp.file("model");
}

}  // namespace

class KvCacheTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void prefillAndStepsEqualTheFullForward_data() { add_case_rows(); }
  void prefillAndStepsEqualTheFullForward() {
    QFETCH(QString, name);
    const CacheCase& c = cache_cases().at(name.toStdString());
    TempDir tmp;
    Model model(case_dir(tmp, c), options(c.query_tile));
    const int64_t prefill = 7, single_steps = 5, chunk = 3, T = prefill + single_steps + chunk;
    at::Tensor ids = random_ids(2, T, model.config().vocab_size, 5);
    at::Tensor full = full_logits(model, ids);  // [2, T, V]
    KvCache cache;
    double worst = max_rel_error(model.forward_cached(ids.narrow(1, 0, prefill), cache), full.select(1, prefill - 1));
    QCOMPARE(cache.length(), prefill);
    for (int64_t p = prefill; p < prefill + single_steps; ++p)
      worst = std::max(worst, max_rel_error(model.forward_cached(ids.narrow(1, p, 1), cache), full.select(1, p)));
    // A multi-token step: its queries start at the cached length among the keys.
    const int64_t p = prefill + single_steps;
    at::Tensor chunk_logits = model.forward_cached(ids.narrow(1, p, chunk), cache, Hooks(), /*all_positions=*/true);
    worst = std::max(worst, max_rel_error(chunk_logits, full.narrow(1, p, chunk)));
    QCOMPARE(cache.length(), T);
    qInfo() << name << "worst relative error" << worst;
    QVERIFY2(worst < kF32RelTolerance, qPrintable(name + ": " + QString::number(worst)));
  }

  // Rotary offsets matter: were the cached step run at position 0, its logits would differ.
  void aStepWithoutItsCacheGivesOtherLogits() {
    TempDir tmp;
    Model model(case_dir(tmp, cache_cases().at("llama")), options(256));
    at::Tensor ids = random_ids(1, 6, model.config().vocab_size, 5);
    at::Tensor full = full_logits(model, ids);
    KvCache fresh;
    QVERIFY(max_rel_error(model.forward_cached(ids.narrow(1, 5, 1), fresh), full.select(1, 5)) > 1e-2);
  }

  void greedyWithTheCacheEqualsRecomputing_data() { add_case_rows(); }
  void greedyWithTheCacheEqualsRecomputing() {
    QFETCH(QString, name);
    const CacheCase& c = cache_cases().at(name.toStdString());
    TempDir tmp;
    const std::string dir = case_dir(tmp, c, std::string(OWB_SOURCE_DIR) + "/tests/tokenizer/fixtures/model_dir");
    Model model(dir, options(c.query_tile));
    Tokenizer tok = Tokenizer::from_file(dir);
    std::vector<int32_t> prompt = tok.encode("Question: how many apples?\nAnswer:");
    const int64_t steps = 12;
    GenerationOptions o;
    o.max_new_tokens = steps;
    o.stop_at_eos = false;
    Generation g = greedy_generate(model, tok, prompt, o);
    QCOMPARE(g.stop_reason, std::string("max_new_tokens"));
    QCOMPARE(g.tokens, greedy_by_recomputing(model, prompt, steps));
    QCOMPARE(g.text, tok.decode(g.tokens, true));
  }

  // The attention block itself, on both of its paths: the fused CPU softmax, and the ATen one
  // (taken on GPUs, and on the CPU when autograd needs gradients). Queries offset by P among the
  // keys equal the last rows of the full attention, with windows and sinks.
  void attentionWithAQueryOffsetEqualsTheFullAttentionsLastRows_data() {
    QTest::addColumn<int64_t>("window");
    QTest::addColumn<bool>("sinks");
    QTest::addColumn<bool>("aten_path");
    for (bool aten : {false, true})
      for (int64_t window : {0, 3})
        for (bool sinks : {false, true})
          QTest::newRow(QString("%1, window %2%3").arg(aten ? "ATen" : "fused").arg(window).arg(sinks ? ", sinks" : "").toUtf8())
              << window << sinks << aten;
  }
  void attentionWithAQueryOffsetEqualsTheFullAttentionsLastRows() {
    QFETCH(int64_t, window);
    QFETCH(bool, sinks);
    QFETCH(bool, aten_path);
    at::manual_seed(3);
    const int64_t B = 2, H = 4, K = 2, T = 9, E = 8, P = 6;
    at::Tensor q = at::randn({B, H, T, E}), k = at::randn({B, K, T, E}), v = at::randn({B, K, T, E});
    AttentionOptions opt;
    opt.window = window;
    opt.query_tile = 2;
    if (sinks) opt.sinks = at::randn({H});
    at::Tensor full = causal_attention(q, k, v, opt).detach();  // [B, T, H*E]
    at::Tensor tail = q.narrow(2, P, T - P).clone();
    if (aten_path) tail.requires_grad_(true);  // fused kernels step aside for autograd
    opt.query_offset = P;
    at::Tensor cached = causal_attention(tail, k, v, opt).detach();
    QVERIFY(max_abs_error(cached, full.narrow(1, P, T - P)) < 1e-5);
    opt.query_offset = P - 1;  // keys must cover exactly the cached and the new positions
    QVERIFY_EXCEPTION_THROWN(causal_attention(tail, k, v, opt), InputError);
  }

  void streamingModelsRefuseIncrementalDecoding() {
    TempDir tmp;
    EngineOptions o;
    o.streaming = true;
    Model model(case_dir(tmp, cache_cases().at("llama")), o);
    KvCache cache;
    QVERIFY_EXCEPTION_THROWN(model.forward_cached(random_ids(1, 3, 256, 1), cache), InputError);
  }
};

QTEST_GUILESS_MAIN(KvCacheTest)
#include "test_kv_cache.moc"
