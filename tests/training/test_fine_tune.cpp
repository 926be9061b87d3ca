// The training path: gradients are right (finite differences of the independent float64
// reference), fine-tuning lowers the training loss, effective ranks of constructed spectra
// are exact, the catalyst generator finds sequences the model predicts worse than random ones.
#include "adamw.h"
#include "catalyst.h"
#include "effective_rank.h"
#include "errors.h"
#include "fine_tune.h"
#include "reference_transformer.h"
#include "test_support.h"
#include "trainable_model.h"

#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace owb;
using namespace owb::test;

namespace {

// Mean next-token loss of ids in float64 from the reference's logits.
double reference_loss(const ReferenceTransformer& ref, const at::Tensor& ids) {
  at::Tensor logits = ref.forward(ids).logits;  // [B, T, V] fp64
  const int64_t T = ids.size(1), V = logits.size(2);
  at::Tensor logp = at::log_softmax(logits.narrow(1, 0, T - 1), -1).reshape({-1, V});
  at::Tensor wanted = ids.narrow(1, 1, T - 1).reshape({-1, 1});
  return -logp.gather(1, wanted).mean().item<double>();
}

at::Tensor grad_of(const TrainableModel& m, const std::string& name) {
  for (const auto& p : m.parameters())
    if (p.name == name) return p.value.grad();
  throw std::runtime_error("no parameter " + name);
}

}  // namespace

class FineTuneTest : public QObject {
  Q_OBJECT

 private:
  // Central differences of the float64 reference at a few coordinates against the engine's
  // layer-wise backward (fp32).
  void checkGradients(const std::string& arch, const std::vector<std::pair<std::string, std::pair<int64_t, int64_t>>>& coords) {
    TempDir dir;
    write_model(small_spec(arch), dir.path());
    at::Tensor ids = random_ids(2, 12, 256, 7);
    TrainableModel model(dir.path(), TrainOptions{});
    double loss = model.backward_lm_loss(ids);
    ReferenceTransformer ref(dir.path());
    QVERIFY(std::abs(loss - reference_loss(ref, ids)) < 1e-5);
    Checkpoint ckpt(dir.path());
    for (const auto& [name, rc] : coords) {
      const auto [row, col] = rc;
      const double w = ckpt.view(name).to(at::kDouble)[row][col].item<double>(), h = 1e-4;
      ReferenceTransformer plus(dir.path()), minus(dir.path());
      plus.set_weight(name, row, col, w + h);
      minus.set_weight(name, row, col, w - h);
      double numeric = (reference_loss(plus, ids) - reference_loss(minus, ids)) / (2 * h);
      double analytic = grad_of(model, name)[row][col].item<double>();
      QVERIFY2(std::abs(numeric - analytic) < 1e-4 + 1e-3 * std::abs(numeric),
               qPrintable(QString::fromStdString(name) + QString(": numeric %1 analytic %2").arg(numeric).arg(analytic)));
    }
  }

 private slots:
  void llamaGradientsMatchFiniteDifferencesOfTheFloat64Reference() {
    checkGradients("llama", {{"model.layers.0.self_attn.q_proj.weight", {3, 5}},
                             {"model.layers.1.mlp.down_proj.weight", {10, 20}},
                             {"model.embed_tokens.weight", {17, 4}},
                             {"lm_head.weight", {9, 33}}});
  }

  void gptNeoxGradientsMatchFiniteDifferencesOfTheFloat64Reference() {
    checkGradients("gpt_neox", {{"gpt_neox.layers.0.attention.query_key_value.weight", {40, 7}},
                                {"gpt_neox.layers.1.mlp.dense_4h_to_h.weight", {2, 100}},
                                {"embed_out.weight", {30, 1}}});
  }

  void moeGradientsReachTheRoutedExpertsAndTheRouter() {
    checkGradients("olmoe", {{"model.layers.0.mlp.experts.1.down_proj.weight", {5, 3}},
                             {"model.layers.1.mlp.experts.0.gate_proj.weight", {7, 9}},
                             {"model.layers.0.mlp.gate.weight", {2, 11}}});
  }

  void savedWeightsReloadAsTheSameModel() {
    TempDir dir;
    write_model(small_spec("llama"), dir.file("base"));
    TrainableModel model(dir.file("base"), TrainOptions{});
    at::Tensor batch = random_ids(2, 12, 256, 9);
    FineTuneSettings s;
    s.steps = 3;
    s.adamw.lr = 1e-2;
    fine_tune(model, [&](int64_t) { return batch; }, s);
    model.save(dir.file("tuned"));
    TrainableModel reloaded(dir.file("tuned"), TrainOptions{});
    at::Tensor a = model.logits(model.residual_stream(batch).back());
    at::Tensor b = reloaded.logits(reloaded.residual_stream(batch).back());
    QCOMPARE(max_abs_error(a, b), 0.0);
    // ... and the analyses' engine reads it too: the tuned weights differ from the base ones.
    Checkpoint base(dir.file("base")), tuned(dir.file("tuned"));
    QVERIFY(max_abs_error(tuned.view("model.layers.0.mlp.up_proj.weight"), base.view("model.layers.0.mlp.up_proj.weight")) > 1e-3);
  }

  void layerWiseBackwardEqualsOneFullGraph() {
    TempDir dir;
    write_model(small_spec("qwen3"), dir.path());
    // 600 positions: the layer-wise head takes its loss in three chunks of 256.
    at::Tensor ids = random_ids(2, 600, 256, 4);
    TrainableModel a(dir.path(), TrainOptions{}), b(dir.path(), TrainOptions{});
    QVERIFY(std::abs(a.backward_lm_loss(ids) - b.backward_lm_loss_full_graph(ids)) < 1e-6);
    for (size_t i = 0; i < a.parameters().size(); ++i)
      QVERIFY2(max_abs_error(a.parameters()[i].value.grad(), b.parameters()[i].value.grad()) < 1e-6,
               a.parameters()[i].name.c_str());
  }

  void offloadedTrainingStateGivesTheSameTrainingAndLeavesNoFiles() {
    TempDir dir;
    write_model(small_spec("gpt_neox"), dir.file("m"));
    at::Tensor batch = random_ids(2, 16, 256, 6);
    FineTuneSettings s;
    s.steps = 4;
    s.adamw.lr = 1e-2;
    TrainableModel in_memory(dir.file("m"), TrainOptions{});
    FineTuneResult a = fine_tune(in_memory, [&](int64_t) { return batch; }, s);
    TrainOptions o;
    o.offload_dir = dir.file("offload");
    {
      TrainableModel offloaded(dir.file("m"), o);
      QVERIFY(!std::filesystem::is_empty(o.offload_dir));  // masters and gradients are files
      FineTuneResult b = fine_tune(offloaded, [&](int64_t) { return batch; }, s);
      QCOMPARE(b.losses, a.losses);
      for (size_t i = 0; i < in_memory.parameters().size(); ++i)
        QCOMPARE(max_abs_error(offloaded.parameters()[i].value, in_memory.parameters()[i].value), 0.0);
    }
    QVERIFY(std::filesystem::is_empty(o.offload_dir));
  }

  void fineTuningLowersTheTrainingLoss() {
    TempDir dir;
    write_model(small_spec("llama"), dir.path());
    TrainableModel model(dir.path(), TrainOptions{});
    at::Tensor batch = random_ids(4, 16, 256, 3);
    FineTuneSettings s;
    s.steps = 30;
    s.adamw.lr = 3e-3;
    FineTuneResult r = fine_tune(model, [&](int64_t) { return batch; }, s);
    QCOMPARE(static_cast<int64_t>(r.losses.size()), int64_t{30});
    QVERIFY2(r.losses.back() < 0.5 * r.losses.front(), qPrintable(QString("%1 -> %2").arg(r.losses.front()).arg(r.losses.back())));
    QCOMPARE(r.skipped_steps, int64_t{0});
  }

  void bf16MixedPrecisionKeepsFp32MastersAndLearns() {
    TempDir dir;
    write_model(small_spec("gpt_neox"), dir.path());
    TrainOptions o;
    o.compute_dtype = at::kBFloat16;
    TrainableModel model(dir.path(), o);
    for (const auto& p : model.parameters()) QCOMPARE(p.value.scalar_type(), at::kFloat);
    at::Tensor batch = random_ids(2, 16, 256, 5);
    FineTuneSettings s;
    s.steps = 20;
    s.adamw.lr = 3e-3;
    FineTuneResult r = fine_tune(model, [&](int64_t) { return batch; }, s);
    QVERIFY(r.losses.back() < 0.7 * r.losses.front());
  }

  void adamWFirstStepMovesEachWeightByTheLearningRate() {
    // With bias correction, step 1 is -lr * g / (|g| + eps) - lr * wd * w.
    at::Tensor w = at::tensor({1.0f, -2.0f, 0.5f}).requires_grad_(true);
    w.mutable_grad() = at::tensor({0.3f, -0.1f, 0.0f});
    AdamWSettings s;
    s.lr = 0.01;
    s.weight_decay = 0.1;
    AdamW opt({w}, s);
    opt.step();
    at::Tensor expected = at::tensor({1.0 - 0.01 * 0.1 * 1.0 - 0.01, -2.0 + 0.01 * 0.1 * 2.0 + 0.01, 0.5 - 0.01 * 0.1 * 0.5});
    QVERIFY(max_abs_error(w.detach(), expected) < 1e-6);
  }

  void effectiveRankOfKnownSpectraIsExact() {
    // k equal singular values: erank = k.
    QVERIFY(std::abs(effective_rank(at::eye(5, at::kDouble)) - 5.0) < 1e-12);
    // Rank one: erank = 1.
    at::Tensor u = at::randn({8, 1}, at::kDouble), v = at::randn({1, 6}, at::kDouble);
    QVERIFY(std::abs(effective_rank(at::matmul(u, v)) - 1.0) < 1e-9);
    // Singular values 3 and 1 in rotated bases: p = (3/4, 1/4), erank = exp(H(p)).
    at::Tensor q1 = std::get<0>(at::linalg_qr(at::randn({4, 4}, at::kDouble)));
    at::Tensor q2 = std::get<0>(at::linalg_qr(at::randn({3, 3}, at::kDouble)));
    at::Tensor sigma = at::zeros({4, 3}, at::kDouble);
    sigma[0][0] = 3.0;
    sigma[1][1] = 1.0;
    double expected = std::exp(-(0.75 * std::log(0.75) + 0.25 * std::log(0.25)));
    QVERIFY(std::abs(effective_rank(at::matmul(at::matmul(q1, sigma), q2)) - expected) < 1e-9);
  }

  void centringRemovesACommonOffset() {
    // Rows = a shared offset + noise in 2 dims: uncentred the offset dominates, centred it is gone.
    at::Tensor rows = at::zeros({200, 4}, at::kDouble);
    rows.select(1, 0).fill_(100.0);
    rows.narrow(1, 1, 2).copy_(at::randn({200, 2}, at::kDouble));
    double uncentred = hidden_state_effective_rank(rows, false), centred = hidden_state_effective_rank(rows, true);
    QVERIFY(uncentred < 1.5);
    QVERIFY(centred > 1.8 && centred <= 3.0 + 1e-9);
  }

  void effectiveRankRejectsBadMatrices() {
    QVERIFY_EXCEPTION_THROWN(effective_rank(at::zeros({3, 3})), InputError);
    QVERIFY_EXCEPTION_THROWN(effective_rank(at::ones({3})), InputError);
  }

  void catalystIsHarderToPredictThanItsRandomStartAndReproducible() {
    TempDir dir;
    write_model(small_spec("llama"), dir.path());
    TrainableModel model(dir.path(), TrainOptions{});
    CatalystSettings s;
    s.length = 16;
    s.steps = 10;
    s.seed = 11;
    Catalyst a = generate_catalyst(model, s);
    QCOMPARE(static_cast<int64_t>(a.ids.size()), int64_t{16});
    QVERIFY(a.loss >= a.initial_loss);
    Catalyst b = generate_catalyst(model, s);
    QCOMPARE(a.ids, b.ids);
    for (int32_t id : a.ids) QVERIFY(id >= 0 && id < 256);
  }
};

QTEST_GUILESS_MAIN(FineTuneTest)
#include "test_fine_tune.moc"
