// The outlier statistics on activations written by hand, so every percentage, count and
// example value can be worked out on paper (the numbers in the comments).
#include "errors.h"
#include "outlier_collector.h"
#include "threshold_scan.h"
#include "test_support.h"

#include <QtTest>

using namespace owb;

namespace {

// Two layers -> four hook tensors in forward order: 0 = layer_0_ln_attn, 1 = layer_0_ln_mlp,
// 2 = layer_1_ln_attn, 3 = layer_1_ln_mlp. Two sequences of 10 positions, hidden size 8.
constexpr int64_t kT = 10, kD = 8;

struct Hit {
  int64_t hook, sequence, position, dim;
  double value;
};

// Fires the four hook tensors of each batch, with the hits placed in otherwise small activations.
void feed(OutlierCollector& c, const std::vector<int64_t>& batch_rows, const std::vector<Hit>& hits) {
  Hooks hooks;
  c.subscribe(hooks);
  int64_t first = 0;
  for (size_t b = 0; b < batch_rows.size(); ++b) {
    for (int64_t hook = 0; hook < 4; ++hook) {
      at::Tensor x = at::full({batch_rows[b], kT, kD}, 0.5);
      for (const Hit& h : hits)
        if (h.hook == hook && h.sequence >= first && h.sequence < first + batch_rows[b])
          x[h.sequence - first][h.position][h.dim] = h.value;
      HookKind kind = hook % 2 ? HookKind::LnMlp : HookKind::LnAttn;
      std::string name = hook_name(hook / 2, kind);
      HookSite site{name, hook / 2, kind, static_cast<int64_t>(b), first};
      hooks.fire(site, x);
    }
    first += batch_rows[b];
  }
}

// Dim 3: hook 0 at (seq 0, pos 0) = 7, hook 1 at (0, 1) = -8, hook 2 at (1, 1) = 9.
// Dim 6: hook 3 at (1, 4) = 6 exactly (the threshold counts: |x| >= 6).
// Dim 2: 5.99 at hook 0 (just under the threshold: never a hit).
std::vector<Hit> hand_hits() {
  return {{0, 0, 0, 3, 7.0}, {1, 0, 1, 3, -8.0}, {2, 1, 1, 3, 9.0}, {3, 1, 4, 6, 6.0}, {0, 0, 5, 2, 5.99}};
}

OutlierCollector make_collector(const std::vector<int64_t>& rows, OutlierCriteria criteria = {}) {
  return OutlierCollector({{0, 1}, kD, rows, kT}, criteria);
}

}  // namespace

class OutlierPercentagesTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void wholeRunPercentagesUseHookTensorsAndSequencePositionPairs() {
    OutlierCollector c = make_collector({1, 1});
    feed(c, {1, 1}, hand_hits());
    auto dim3 = c.describe_over_run(3);
    QVERIFY(dim3.has_value());
    QCOMPARE(dim3->layer_percentage, 3.0 / 4.0);   // hooks 0, 1, 2 of 4
    QCOMPARE(dim3->seq_percentage, 3.0 / 20.0);    // (0,0), (0,1), (1,1) of 2 x 10 pairs
    QCOMPARE(dim3->total_occurrences, int64_t{3});
    QCOMPARE(dim3->max_magnitude, 9.0);
    QCOMPARE(dim3->example_values, (std::vector<double>{7.0, -8.0, 9.0}));  // hook, then sequence, then position
    QCOMPARE(dim3->layers_affected, (std::vector<std::string>{"layer_0_ln_attn", "layer_0_ln_mlp", "layer_1_ln_attn"}));
    auto dim6 = c.describe_over_run(6);
    QVERIFY(dim6.has_value());
    QCOMPARE(dim6->layer_percentage, 1.0 / 4.0);
    QCOMPARE(dim6->seq_percentage, 1.0 / 20.0);
    QVERIFY(!c.describe_over_run(2).has_value());  // 5.99 < 6
    QVERIFY(!c.describe_over_run(0).has_value());
  }

  void batchScopePoolsPositionsOverTheBatchAsTheSeedDid() {
    std::vector<BatchOutliers> batches;
    OutlierCriteria loose{6.0, 0.0, 0.0};  // keep every dim with a hit, to see its batch numbers
    OutlierCollector c = make_collector({2}, loose);
    c.on_batch_complete = [&](const BatchOutliers& b) { batches.push_back(b); };
    feed(c, {2}, hand_hits());
    QCOMPARE(batches.size(), size_t{1});
    const BatchOutliers& b = batches[0];
    QCOMPARE(b.batch_id, int64_t{1});
    QCOMPARE(b.total_outlier_features, int64_t{2});
    QCOMPARE(b.systematic.size(), size_t{2});
    const OutlierRecord& dim3 = b.systematic[0];  // sorted by max magnitude: 9 before 6
    QCOMPARE(dim3.feature_dim, int64_t{3});
    // Positions pooled over the batch's two sequences: {0, 1} of 10 (position 1 is hit in both).
    QCOMPARE(dim3.seq_percentage, 2.0 / 10.0);
    QCOMPARE(dim3.layer_percentage, 3.0 / 4.0);
    QCOMPARE(b.systematic[1].feature_dim, int64_t{6});
    // Per-tensor summary: hook 0 has one element >= 6 (7.0) of 2 x 10 x 8, max |x| 7.
    QCOMPARE(b.tensors[0].num_outliers, int64_t{1});
    QCOMPARE(b.tensors[0].max_magnitude, 7.0);
    QCOMPARE(b.tensors[0].shape, (std::vector<int64_t>{2, kT, kD}));
  }

  void criteriaAreInclusiveThresholdsOnBothPercentages() {
    // Dim 3 has layer 0.75 and seq 0.15 over the run.
    OutlierCollector exact = make_collector({1, 1}, {6.0, 0.75, 0.15});
    feed(exact, {1, 1}, hand_hits());
    std::vector<OutlierRecord> kept = exact.systematic_over_run();
    QCOMPARE(kept.size(), size_t{1});
    QCOMPARE(kept[0].feature_dim, int64_t{3});
    OutlierCollector stricter = make_collector({1, 1}, {6.0, 0.76, 0.15});
    feed(stricter, {1, 1}, hand_hits());
    QVERIFY(stricter.systematic_over_run().empty());
    OutlierCollector higher = make_collector({1, 1}, {8.5, 0.0, 0.0});  // only the 9.0 hit remains
    feed(higher, {1, 1}, hand_hits());
    kept = higher.systematic_over_run();
    QCOMPARE(kept.size(), size_t{1});
    QCOMPARE(kept[0].total_occurrences, int64_t{1});
  }

  void heatmapHoldsMaxAbsAndHitCountsPerHookAndDim() {
    OutlierCollector c = make_collector({1, 1});
    feed(c, {1, 1}, hand_hits());
    const HeatmapMatrix& h = c.heatmap();
    QCOMPARE(h.max_abs[1][3], 8.0f);
    QCOMPARE(h.hits[1][3], int64_t{1});
    QCOMPARE(h.max_abs[0][2], 5.99f);
    QCOMPARE(h.hits[0][2], int64_t{0});
    QCOMPARE(h.max_abs[3][6], 6.0f);
    QCOMPARE(h.hits[3][6], int64_t{1});
    QCOMPARE(h.max_abs[2][0], 0.5f);
    QCOMPARE(h.batches_done, (std::vector<int64_t>{2, 2, 2, 2}));
  }

  void batchesCompleteOnceAndInOrderOfTheirLastHook() {
    std::vector<int64_t> completed;
    OutlierCollector c = make_collector({1, 1});
    c.on_batch_complete = [&](const BatchOutliers& b) { completed.push_back(b.batch_id); };
    feed(c, {1, 1}, hand_hits());
    QCOMPARE(completed, (std::vector<int64_t>{1, 2}));
  }

  void fusedScanAgreesWithTheAtenPath() {
    at::manual_seed(3);
    at::Tensor x = at::randn({3, 50, 16}) * 4;  // ~13 % of |x| >= 6
    ThresholdScan fast = scan_threshold(x, 6.0);
    ThresholdScan fast_bf16 = scan_threshold(x.to(at::kBFloat16), 6.0);
    ThresholdScan aten = scan_threshold(x.to(at::kDouble), 6.0);  // no fused loop for float64
    QVERIFY(!fast.hits.empty());
    QCOMPARE(fast.count, aten.count);
    QCOMPARE(fast.peak, aten.peak);
    QCOMPARE(fast.hits.size(), aten.hits.size());
    for (size_t k = 0; k < fast.hits.size(); ++k) {
      QCOMPARE(fast.hits[k].row, aten.hits[k].row);
      QCOMPARE(fast.hits[k].dim, aten.hits[k].dim);
      QCOMPARE(fast.hits[k].value, aten.hits[k].value);
    }
    at::Tensor bf = x.to(at::kBFloat16).to(at::kDouble);
    ThresholdScan aten_bf16 = scan_threshold(bf, 6.0);
    QCOMPARE(fast_bf16.count, aten_bf16.count);
    x[1][2][3] = std::numeric_limits<double>::infinity();
    QVERIFY(!scan_threshold(x, 6.0).finite);
    QVERIFY(!scan_threshold(x.to(at::kDouble), 6.0).finite);
  }

  void nonFiniteActivationIsAnErrorNamingTheHook() {
    OutlierCollector c = make_collector({1});
    Hooks hooks;
    c.subscribe(hooks);
    at::Tensor x = at::zeros({1, kT, kD});
    x[0][2][1] = std::numeric_limits<double>::quiet_NaN();
    std::string name = hook_name(1, HookKind::LnMlp);
    HookSite site{name, 1, HookKind::LnMlp, 0, 0};
    try {
      hooks.fire(site, x);
      QFAIL("expected an error");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("layer_1_ln_mlp") != std::string::npos, e.what());
    }
  }
};

QTEST_GUILESS_MAIN(OutlierPercentagesTest)
#include "test_outlier_percentages.moc"
