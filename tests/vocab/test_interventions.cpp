// Interventional deltas, controls and the cascade on a planted super weight: metrics on a
// hand-made distribution, baselines and loss deltas against `owb forward` logits of the intact
// and a hand-edited checkpoint, the whole-neuron control against the column zeroed weight by
// weight, the random control's choice, and the cascade's last layer against the final logits.
#include "errors.h"
#include "interventional_deltas.h"
#include "logit_lens_cascade.h"
#include "model.h"
#include "super_weight_detection.h"
#include "token_class_enrichment.h"
#include "tokenizer.h"
#include "vocab_fixtures.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <set>

using namespace owb;
using namespace owb::test;

namespace {

const char* kDown1 = "model.layers.1.mlp.down_proj.weight";
constexpr int64_t kWindow = 32, kStride = 16;

// 96 tokens: windows at 0, 16, 32, 48, 64, all 32 long (the last ends at the stream's end).
std::vector<int32_t> stream_of_ids() {
  at::Tensor ids = random_ids(1, kWindow + 4 * kStride, 279, 5)[0];
  std::vector<int32_t> out;
  for (int64_t i = 0; i < ids.size(0); ++i) out.push_back(static_cast<int32_t>(ids[i].item<int64_t>()));
  return out;
}

// The four metrics from logits computed by `owb forward`, in float64, over each window's scored targets.
TokenMetrics independent_metrics(const at::Tensor& logits, const std::vector<ScoredWindow>& windows,
                                 const std::vector<int64_t>& stop) {
  double loss = 0, entropy = 0, margin = 0, mass = 0;
  int64_t n = 0;
  for (size_t w = 0; w < windows.size(); ++w) {
    at::Tensor logp = at::log_softmax(logits[static_cast<int64_t>(w)], -1);
    for (int64_t p = windows[w].score_from - 1; p + 1 < static_cast<int64_t>(windows[w].ids.size()); ++p, ++n) {
      at::Tensor lp = logp[p], prob = lp.exp();
      loss -= lp[windows[w].ids[p + 1]].item<double>();
      entropy -= (prob * lp).sum().item<double>();
      at::Tensor top = std::get<0>(prob.topk(2));
      margin += (top[0] - top[1]).item<double>();
      for (int64_t s : stop) mass += prob[s].item<double>();
    }
  }
  return {loss / n, entropy / n, margin / n, mass / n};
}

std::vector<std::vector<int32_t>> rows_of(const std::vector<ScoredWindow>& windows) {
  std::vector<std::vector<int32_t>> rows;
  for (const auto& w : windows) rows.push_back(w.ids);
  return rows;
}

bool close(double a, double b, double rel) { return std::abs(a - b) <= rel * std::max(1.0, std::abs(b)); }

}  // namespace

class VocabInterventionsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    model_ = tmp_.file("model");
    edited_ = tmp_.file("edited");
    write_super_weight_model(model_, 3, {"layer=1,row=3,col=7,value=2"});
    std::filesystem::copy(model_, edited_, std::filesystem::copy_options::recursive);
    set_in_file(edited_ + "/model.safetensors", kDown1, 3, 7, 0.0f);
    windows_ = analysis_windows(stream_of_ids(), kWindow, kStride, false);
    stop_ = stopword_token_ids(Tokenizer::from_file(model_));
  }

  void metricsOfAHandMadeDistribution() {
    // Row 0: p = (0.5, 0.3, 0.15, 0.05), target 1, stopwords {1, 3}; row 1: p = (0.25 x 4), target 0.
    at::Tensor logits = at::log(at::tensor(std::vector<double>{0.5, 0.3, 0.15, 0.05, 0.25, 0.25, 0.25, 0.25}, at::kDouble))
                            .view({2, 4}).to(at::kFloat);
    at::Tensor prob_sum;
    TokenMetricSums s = distribution_metric_sums(logits, at::tensor(std::vector<int64_t>{1, 0}), at::tensor(std::vector<int64_t>{1, 3}), &prob_sum);
    const double h0 = -(0.5 * std::log(0.5) + 0.3 * std::log(0.3) + 0.15 * std::log(0.15) + 0.05 * std::log(0.05));
    QCOMPARE(s.tokens, int64_t{2});
    QVERIFY(std::abs(s.loss - (-std::log(0.3) - std::log(0.25))) < 1e-6);
    QVERIFY(std::abs(s.entropy - (h0 + std::log(4.0))) < 1e-6);
    QVERIFY(std::abs(s.margin - 0.2) < 1e-6);
    QVERIFY(std::abs(s.stopword_mass - (0.35 + 0.5)) < 1e-6);
    QVERIFY(max_abs_error(prob_sum, at::tensor(std::vector<double>{0.75, 0.55, 0.4, 0.3}, at::kDouble)) < 1e-6);
    TokenMetrics m = mean_metrics(s);
    QVERIFY(std::abs(m.topk_margin - 0.1) < 1e-6);
  }

  void impossibleTokensAddNoEntropy() {
    at::Tensor logits = at::tensor(std::vector<float>{0.f, 0.f, -INFINITY, -INFINITY}).view({1, 4});
    TokenMetricSums s = distribution_metric_sums(logits, at::tensor(std::vector<int64_t>{0}), at::empty({0}, at::kLong));
    QVERIFY(std::abs(s.entropy - std::log(2.0)) < 1e-6);
    QCOMPARE(s.margin, 0.0);
    QCOMPARE(s.stopword_mass, 0.0);
  }

  void stopwordsAreSingleTokenFunctionWords() {
    Tokenizer tok = Tokenizer::from_file(model_);
    QVERIFY(!stop_.empty());
    for (int64_t id : stop_) {
      std::string text = tok.decode({static_cast<int32_t>(id)});
      QCOMPARE(tok.encode(text).size(), size_t{1});
      QVERIFY2(token_in_class(text, "function_words"), text.c_str());
    }
  }

  void dropFirstTokenScoresFromPositionTwo() {
    std::vector<int32_t> stream = stream_of_ids();
    std::vector<ScoredWindow> kept = analysis_windows(stream, kWindow, kWindow, false);
    std::vector<ScoredWindow> dropped = analysis_windows(stream, kWindow, kWindow, true);
    QCOMPARE(dropped.size(), kept.size());
    for (size_t w = 0; w < kept.size(); ++w) {
      QCOMPARE(kept[w].score_from, int64_t{1});
      QCOMPARE(dropped[w].score_from, int64_t{2});
    }
    // Overlapping windows: only the first one scored its first position.
    std::vector<ScoredWindow> overlapping = analysis_windows(stream, kWindow, kStride, true);
    QCOMPARE(overlapping[0].score_from, int64_t{2});
    QCOMPARE(overlapping[1].score_from, kWindow - kStride);
  }

  void baselinesEqualMetricsOfIndependentLogits() {
    QCOMPARE(windows_.size(), size_t{5});
    Model model(model_, EngineOptions());
    TokenMetrics got = mean_metrics(evaluate_pass(model, windows_, at::tensor(stop_), Hooks(), PassOptions()).total());
    TokenMetrics want = independent_metrics(forward_logits(model_, rows_of(windows_), tmp_), windows_, stop_);
    QVERIFY(close(got.loss, want.loss, 1e-5));
    QVERIFY(close(got.entropy, want.entropy, 1e-5));
    QVERIFY(std::abs(got.topk_margin - want.topk_margin) < 1e-6);
    QVERIFY(std::abs(got.stopword_mass - want.stopword_mass) < 1e-6);
  }

  void lossDeltaEqualsTheDifferenceOfTwoIndependentNlls() {
    Model model(model_, EngineOptions());
    at::Tensor stop = at::tensor(stop_);
    PassOptions o;
    o.batch_size = 2;
    PassResult intact = evaluate_pass(model, windows_, stop, Hooks(), o);
    PassResult zeroed = evaluate_with_weight_zeroed(model, kDown1, {3, 7}, windows_, stop, o);
    TokenMetrics delta = metric_delta(mean_metrics(zeroed.total()), mean_metrics(intact.total()));
    double nll_intact = independent_metrics(forward_logits(model_, rows_of(windows_), tmp_), windows_, stop_).loss;
    double nll_edited = independent_metrics(forward_logits(edited_, rows_of(windows_), tmp_), windows_, stop_).loss;
    qDebug() << "delta loss" << delta.loss << "independent" << nll_edited - nll_intact;
    QVERIFY(std::abs(nll_edited - nll_intact) > 1e-3);  // the intervention matters
    QVERIFY(std::abs(delta.loss - (nll_edited - nll_intact)) < 1e-5);  // fp32 logits on both sides
    // And the weights are back: a new pass gives the intact numbers exactly.
    TokenMetrics again = mean_metrics(evaluate_pass(model, windows_, stop, Hooks(), o).total());
    QCOMPARE(again.loss, mean_metrics(intact.total()).loss);
  }

  void perWindowDeltasSumToTheMeanDelta() {
    Model model(model_, EngineOptions());
    at::Tensor stop = at::tensor(stop_);
    PassResult intact = evaluate_pass(model, windows_, stop, Hooks(), PassOptions());
    PassResult zeroed = evaluate_with_weight_zeroed(model, kDown1, {3, 7}, windows_, stop, PassOptions());
    WindowDeltas d = window_deltas(zeroed, intact, &TokenMetricSums::entropy);
    QCOMPARE(d.sums.size(), windows_.size());
    QCOMPARE(d.tokens[0], double(kWindow - 1));
    QCOMPARE(d.tokens[1], double(kStride));
    double sum = 0, tokens = 0;
    for (size_t w = 0; w < d.sums.size(); ++w) sum += d.sums[w], tokens += d.tokens[w];
    TokenMetrics delta = metric_delta(mean_metrics(zeroed.total()), mean_metrics(intact.total()));
    QVERIFY(std::abs(sum / tokens - delta.entropy) < 1e-9);
  }

  void neuronControlEqualsTheColumnZeroedWeightByWeight() {
    Model model(model_, EngineOptions());
    at::Tensor stop = at::tensor(stop_);
    // Column 11 of layer 0: an ordinary dense column.
    PassResult hooked = evaluate_with_neuron_zeroed(model, 0, 11, windows_, stop, PassOptions());
    const std::string down0 = down_proj_tensor(model, 0);
    for (int64_t r = 0; r < model.config().hidden_size; ++r) model.set_weight(down0, r, 11, 0.0);
    PassResult by_hand = evaluate_pass(model, windows_, stop, Hooks(), PassOptions());
    model.restore_weights();
    TokenMetrics a = mean_metrics(hooked.total()), b = mean_metrics(by_hand.total());
    QVERIFY(std::abs(a.loss - b.loss) < 1e-6 && std::abs(a.entropy - b.entropy) < 1e-6);
    TokenMetrics intact = mean_metrics(evaluate_pass(model, windows_, stop, Hooks(), PassOptions()).total());
    QVERIFY(std::abs(a.loss - intact.loss) > 1e-7);
  }

  void randomControlNeverPicksASuperWeight() {
    // 2 x 2 with three coordinates excluded: the fourth, whatever the seed.
    for (uint64_t seed = 0; seed < 50; ++seed) {
      Coordinate c = random_control_coordinate(2, 2, {{0, 0}, {0, 1}, {1, 1}}, seed);
      QCOMPARE(c.row, int64_t{1});
      QCOMPARE(c.col, int64_t{0});
    }
    std::set<std::pair<int64_t, int64_t>> seen;
    for (uint64_t seed = 0; seed < 2000; ++seed) {
      Coordinate c = random_control_coordinate(3, 4, {{2, 1}}, seed);
      QVERIFY(!(c.row == 2 && c.col == 1));
      QVERIFY(c.row >= 0 && c.row < 3 && c.col >= 0 && c.col < 4);
      seen.insert({c.row, c.col});
    }
    QCOMPARE(seen.size(), size_t{11});  // every other coordinate is reachable
    QVERIFY_THROWS_EXCEPTION(InputError, random_control_coordinate(1, 1, {{0, 0}}, 1));
  }

  void randomControlIsReproducibleInItsSeed() {
    Coordinate a = random_control_coordinate(64, 128, {{3, 7}}, 42), b = random_control_coordinate(64, 128, {{3, 7}}, 42);
    QCOMPARE(a.row, b.row);
    QCOMPARE(a.col, b.col);
    int differ = 0;
    for (uint64_t s = 43; s < 48; ++s) {
      Coordinate c = random_control_coordinate(64, 128, {{3, 7}}, s);
      differ += c.row != a.row || c.col != a.col;
    }
    QVERIFY(differ >= 4);
  }

  void cascadeLastLayerEqualsTheFinalLogitsDelta() {
    Model model(model_, EngineOptions());
    at::Tensor stop = at::tensor(stop_);
    PassOptions o;
    o.batch_size = 3;  // windows split over batches of unequal size
    o.lens_layers = cascade_layers(model.config().num_hidden_layers, 1);
    PassResult intact = evaluate_pass(model, windows_, stop, Hooks(), o);
    PassResult zeroed = evaluate_with_weight_zeroed(model, kDown1, {3, 7}, windows_, stop, o);
    Cascade c = cascade_deltas(intact, zeroed);
    QCOMPARE(c.layers, (std::vector<int64_t>{0, 1, 2}));
    TokenMetrics delta = metric_delta(mean_metrics(zeroed.total()), mean_metrics(intact.total()));
    QVERIFY(std::abs(c.delta_entropy.back() - delta.entropy) < 1e-6);
    QVERIFY(std::abs(c.delta_margin.back() - delta.topk_margin) < 1e-6);
    QVERIFY(std::abs(c.delta_loss.back() - delta.loss) < 1e-6);
    QCOMPARE(intact.lens.back().tokens, intact.total().tokens);
    // Upstream of the edited layer nothing changes.
    QCOMPARE(c.delta_entropy[0], 0.0);
    QCOMPARE(c.delta_margin[0], 0.0);
    QVERIFY(std::abs(c.delta_entropy[1]) > 1e-6);
  }

  void cascadeLayersEveryKEndWithTheLast() {
    QCOMPARE(cascade_layers(10, 4), (std::vector<int64_t>{0, 4, 8, 9}));
    QCOMPARE(cascade_layers(9, 4), (std::vector<int64_t>{0, 4, 8}));
    QCOMPARE(cascade_layers(3, 1), (std::vector<int64_t>{0, 1, 2}));
  }

 private:
  TempDir tmp_;
  std::string model_, edited_;
  std::vector<ScoredWindow> windows_;
  std::vector<int64_t> stop_;
};

QTEST_GUILESS_MAIN(VocabInterventionsTest)
#include "test_interventions.moc"
