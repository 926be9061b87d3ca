// Hook points carry the values the reference computes, fire once per layer per batch, and
// streaming gives exactly what resident mode gives. Weight and activation interventions change
// the output and can be undone exactly.
#include "model.h"
#include "reference_transformer.h"
#include "test_support.h"

#include <QtTest>

#include <map>
#include <utility>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr double kF32Tolerance = 1e-4;
const HookKind kKinds[] = {HookKind::LnAttn, HookKind::LnMlp, HookKind::MlpDownIn, HookKind::MlpDownOut, HookKind::ResidPost};

// Everything one run produced: logits per batch and every hook tensor per (name, batch).
struct RunRecord {
  std::vector<at::Tensor> logits;
  std::map<std::pair<std::string, int64_t>, at::Tensor> hooks;
  std::map<std::pair<std::string, int64_t>, int> fired;
};

RunRecord record_run(Model& model, const std::vector<at::Tensor>& batches, const std::string& pattern = "*",
                     const Hooks& before = Hooks()) {
  RunRecord r;
  r.logits.resize(batches.size());
  Hooks hooks = before;
  hooks.add(pattern, [&](const HookSite& site, at::Tensor& x) {
    r.hooks[{site.name, site.batch_index}] = x.clone();
    ++r.fired[{site.name, site.batch_index}];
  });
  model.run(batches, hooks, [&](int64_t b, const at::Tensor& h) { r.logits[b] = model.logits(h); });
  return r;
}

at::Tensor reference_hook(const ReferenceLayerHooks& h, HookKind kind) {
  switch (kind) {
    case HookKind::LnAttn: return h.ln_attn;
    case HookKind::LnMlp: return h.ln_mlp;
    case HookKind::MlpDownIn: return h.mlp_down_in;
    case HookKind::MlpDownOut: return h.mlp_down_out;
    case HookKind::ResidPost: return h.resid_post;
  }
  return {};
}

EngineOptions options(bool streaming) {
  EngineOptions o;
  o.streaming = streaming;
  return o;
}

std::vector<at::Tensor> three_batches(int64_t vocab) {
  return {random_ids(2, 7, vocab, 21), random_ids(1, 12, vocab, 22), random_ids(3, 5, vocab, 23)};
}

void add_family_rows() {
  QTest::addColumn<QString>("arch");
  QTest::addColumn<QString>("patch");
  QTest::newRow("llama") << "llama" << "{}";
  QTest::newRow("mistral, sliding window 3") << "mistral" << R"({"sliding_window": 3})";
  QTest::newRow("qwen2") << "qwen2" << "{}";
  QTest::newRow("qwen3") << "qwen3" << "{}";
  QTest::newRow("olmo, clip_qkv 0.5") << "olmo" << R"({"clip_qkv": 0.5})";
  QTest::newRow("olmo2") << "olmo2" << "{}";
  QTest::newRow("gpt_neox, parallel residual") << "gpt_neox" << "{}";
  QTest::newRow("gpt_neox, sequential residual") << "gpt_neox" << R"({"use_parallel_residual": false})";
}

void write_family_model(const QString& arch, const QString& patch, const std::string& dir, int64_t layers = 2) {
  SyntheticModelSpec spec = small_spec(arch.toStdString());
  spec.layers = layers;
  write_model(spec, dir, json::parse(patch.toStdString()));
}

}  // namespace

class HooksAndInterventionsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void hookValuesMatchReference_data() { add_family_rows(); }
  void hookValuesMatchReference() {
    QFETCH(QString, arch);
    QFETCH(QString, patch);
    TempDir tmp;
    write_family_model(arch, patch, tmp.path());
    const at::Tensor ids = random_ids(2, 9, 256, 4);
    Model model(tmp.path(), EngineOptions());
    RunRecord run = record_run(model, {ids});
    ReferenceResult ref = ReferenceTransformer(tmp.path()).forward(ids);
    for (int64_t i = 0; i < model.config().num_hidden_layers; ++i)
      for (HookKind kind : kKinds) {
        const std::string name = hook_name(i, kind);
        const at::Tensor& got = run.hooks.at({name, 0});
        const double err = max_rel_error(got, reference_hook(ref.layers[i], kind));
        if (err > kF32Tolerance) qWarning() << name.c_str() << "relative error" << err;
        QVERIFY(err <= kF32Tolerance);
      }
  }

  void everyHookFiresOncePerLayerPerBatchWithItsShape_data() { add_family_rows(); }
  void everyHookFiresOncePerLayerPerBatchWithItsShape() {
    QFETCH(QString, arch);
    QFETCH(QString, patch);
    TempDir tmp;
    write_family_model(arch, patch, tmp.path(), 3);
    const std::vector<at::Tensor> batches = three_batches(256);
    Model model(tmp.path(), EngineOptions());
    const int64_t D = model.config().hidden_size, I = model.config().intermediate_size;
    std::map<std::pair<std::string, int64_t>, int> fired;
    int64_t expected_first_sequence[] = {0, 2, 3};
    Hooks hooks;
    hooks.add("*", [&](const HookSite& site, at::Tensor& x) {
      ++fired[{site.name, site.batch_index}];
      const at::Tensor& ids = batches.at(static_cast<size_t>(site.batch_index));
      const int64_t width = site.kind == HookKind::MlpDownIn ? I : D;
      QCOMPARE(x.sizes().vec(), (std::vector<int64_t>{ids.size(0), ids.size(1), width}));
      QCOMPARE(site.name, hook_name(site.layer, site.kind));
      QCOMPARE(site.first_sequence, expected_first_sequence[site.batch_index]);
    });
    model.run(batches, hooks);
    QCOMPARE(fired.size(), static_cast<size_t>(5 * 3 * batches.size()));
    for (const auto& name : all_hook_names(3))
      for (int64_t b = 0; b < static_cast<int64_t>(batches.size()); ++b) QCOMPARE(fired[std::make_pair(name, b)], 1);
  }

  void hookPatternsSelectOnlyMatchingPoints() {
    TempDir tmp;
    write_model(small_spec("llama"), tmp.path());
    Model model(tmp.path(), EngineOptions());
    RunRecord run = record_run(model, {random_ids(1, 4, 256, 1)}, "layer_*_ln_*");
    QCOMPARE(run.fired.size(), size_t{4});
    for (const auto& [key, n] : run.fired) QVERIFY(key.first.find("_ln_") != std::string::npos);
  }

  void streamingLogitsAndHooksAreBitIdenticalToResident_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<bool>("tied");
    QTest::newRow("llama") << "llama" << false;
    QTest::newRow("llama, tied embeddings") << "llama" << true;
    QTest::newRow("qwen3") << "qwen3" << false;
    QTest::newRow("olmo2") << "olmo2" << false;
    QTest::newRow("gpt_neox") << "gpt_neox" << false;
  }
  void streamingLogitsAndHooksAreBitIdenticalToResident() {
    QFETCH(QString, arch);
    QFETCH(bool, tied);
    TempDir tmp;
    SyntheticModelSpec spec = small_spec(arch.toStdString());
    spec.layers = 3;
    spec.tie_word_embeddings = tied;
    write_model(spec, tmp.path());
    const std::vector<at::Tensor> batches = three_batches(256);
    Model resident(tmp.path(), options(false));
    Model streaming(tmp.path(), options(true));
    RunRecord a = record_run(resident, batches), b = record_run(streaming, batches);
    QCOMPARE(b.hooks.size(), a.hooks.size());
    for (size_t i = 0; i < batches.size(); ++i) QVERIFY(at::equal(a.logits[i], b.logits[i]));
    for (const auto& [key, t] : a.hooks) {
      if (!at::equal(t, b.hooks.at(key))) qWarning() << "differs:" << key.first.c_str() << "batch" << key.second;
      QVERIFY(at::equal(t, b.hooks.at(key)));
    }
  }

  void weightEditChangesLogitsAndRestoreIsBitExact_data() {
    QTest::addColumn<bool>("streaming");
    QTest::newRow("resident") << false;
    QTest::newRow("streaming") << true;
  }
  void weightEditChangesLogitsAndRestoreIsBitExact() {
    QFETCH(bool, streaming);
    TempDir tmp;
    write_model(small_spec("llama"), tmp.path());
    const std::vector<at::Tensor> batches = {random_ids(2, 6, 256, 8), random_ids(1, 9, 256, 9)};
    const std::string down = "model.layers.1.mlp.down_proj.weight";
    Model model(tmp.path(), options(streaming));
    const double stored = model.checkpoint_weight(down, 3, 7);
    RunRecord before = record_run(model, batches, "layer_1_mlp_down_out");

    model.set_weight(down, 3, 7, stored + 4.0);
    RunRecord edited = record_run(model, batches, "layer_1_mlp_down_out");
    QCOMPARE(model.checkpoint_weight(down, 3, 7), stored);  // the checkpoint itself is untouched
    ReferenceTransformer ref(tmp.path());
    ref.set_weight(down, 3, 7, stored + 4.0);
    for (size_t b = 0; b < batches.size(); ++b) {
      QVERIFY(max_abs_error(edited.logits[b], before.logits[b]) > 1e-3);
      QVERIFY(max_rel_error(edited.logits[b], ref.forward(batches[b]).logits) <= kF32Tolerance);
      // Only output channel 3 of the down projection moves.
      at::Tensor delta = (edited.hooks.at({"layer_1_mlp_down_out", int64_t(b)}) - before.hooks.at({"layer_1_mlp_down_out", int64_t(b)})).abs();
      QVERIFY(delta.select(-1, 3).max().item<double>() > 1e-3);
      QCOMPARE(delta.index_fill(-1, at::tensor({int64_t(3)}), 0.0).max().item<double>(), 0.0);
    }

    model.restore_weights();
    RunRecord restored = record_run(model, batches, "layer_1_mlp_down_out");
    for (size_t b = 0; b < batches.size(); ++b) QVERIFY(at::equal(restored.logits[b], before.logits[b]));
  }

  void editsOfEmbeddingAndLmHeadAreRestoredToo_data() {
    QTest::addColumn<bool>("streaming");
    QTest::newRow("resident") << false;
    QTest::newRow("streaming") << true;
  }
  void editsOfEmbeddingAndLmHeadAreRestoredToo() {
    QFETCH(bool, streaming);
    TempDir tmp;
    write_model(small_spec("llama"), tmp.path());
    const at::Tensor ids = random_ids(2, 6, 256, 8);
    const int64_t token = ids[0][2].item<int64_t>();
    Model model(tmp.path(), options(streaming));
    RunRecord before = record_run(model, {ids}, "none");
    model.set_weight("model.embed_tokens.weight", token, 0, 25.0);
    model.set_weight("lm_head.weight", 17, 1, 9.0);
    RunRecord edited = record_run(model, {ids}, "none");
    QVERIFY(max_abs_error(edited.logits[0], before.logits[0]) > 1e-3);
    model.restore_weights();
    model.set_weight("lm_head.weight", 17, 1, 9.0);
    RunRecord head_only = record_run(model, {ids}, "none");
    at::Tensor delta = (head_only.logits[0] - before.logits[0]).abs();
    QVERIFY(delta.select(-1, 17).max().item<double>() > 1e-3);
    QCOMPARE(delta.index_fill(-1, at::tensor({int64_t(17)}), 0.0).max().item<double>(), 0.0);  // lm_head row 17 only
    model.restore_weights();
    QVERIFY(at::equal(record_run(model, {ids}, "none").logits[0], before.logits[0]));
  }

  // set_channel on mlp_down_out of layer 0 edits the tensor the residual adds: resid_post moves
  // by exactly minus the removed channel, and the logits change.
  void channelEditInHookPropagatesDownstream() {
    TempDir tmp;
    write_model(small_spec("qwen3"), tmp.path());
    const at::Tensor ids = random_ids(2, 8, 256, 3);
    Model model(tmp.path(), EngineOptions());
    RunRecord before = record_run(model, {ids});
    Hooks edit;
    edit.add("layer_0_mlp_down_out", set_channel(5, 0.0));
    RunRecord after = record_run(model, {ids}, "*", edit);
    QCOMPARE(after.hooks.at({"layer_0_mlp_down_out", 0}).select(-1, 5).abs().max().item<double>(), 0.0);
    at::Tensor expected = before.hooks.at({"layer_0_resid_post", 0}).clone();
    expected.select(-1, 5).sub_(before.hooks.at({"layer_0_mlp_down_out", 0}).select(-1, 5));
    QVERIFY(max_abs_error(after.hooks.at({"layer_0_resid_post", 0}), expected) <= 1e-5);
    QVERIFY(max_abs_error(after.logits[0], before.logits[0]) > 1e-3);
  }

  // set_element at one position changes that position and later ones, never earlier ones (causality).
  void elementEditAffectsOnlyItsPositionAndLater() {
    TempDir tmp;
    write_model(small_spec("llama"), tmp.path());
    const at::Tensor ids = random_ids(1, 10, 256, 3);
    Model model(tmp.path(), EngineOptions());
    RunRecord before = record_run(model, {ids}, "none");
    Hooks edit;
    edit.add("layer_0_ln_attn", set_element(4, 9, 50.0));
    RunRecord after = record_run(model, {ids}, "none", edit);
    QVERIFY(at::equal(after.logits[0].narrow(1, 0, 4), before.logits[0].narrow(1, 0, 4)));
    for (int64_t t = 4; t < 10; ++t) QVERIFY(max_abs_error(after.logits[0].select(1, t), before.logits[0].select(1, t)) > 1e-4);
  }

  void layerLimitRunsOnlyTheFirstLayers() {
    TempDir tmp;
    SyntheticModelSpec spec = small_spec("llama");
    spec.layers = 3;
    write_model(spec, tmp.path());
    const at::Tensor ids = random_ids(1, 5, 256, 3);
    Model full(tmp.path(), EngineOptions());
    EngineOptions limited_options;
    limited_options.layer_limit = 1;
    Model limited(tmp.path(), limited_options);
    RunRecord a = record_run(full, {ids}), b = record_run(limited, {ids});
    QCOMPARE(b.fired.size(), size_t{5});
    QVERIFY(at::equal(b.hooks.at({"layer_0_resid_post", 0}), a.hooks.at({"layer_0_resid_post", 0})));
  }
};

QTEST_GUILESS_MAIN(HooksAndInterventionsTest)
#include "test_hooks_and_interventions.moc"
