// The statistics of `owb vocab` against hand and float64 computations: a neuron's vocabulary
// effect (direct and cosine) recomputed in plain loops from the checkpoint's tensors, moments by
// hand, top tokens and labels, token-class enrichment on a hand-made vocabulary, and the
// percentile bootstrap (contains its estimate, narrows with more windows, seeded).
#include "bootstrap.h"
#include "model.h"
#include "token_class_enrichment.h"
#include "tokenizer.h"
#include "vocab_fixtures.h"
#include "vocabulary_effects.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace owb;
using namespace owb::test;

namespace {

const char* kDown1 = "model.layers.1.mlp.down_proj.weight";
const char* kDown0 = "model.layers.0.mlp.down_proj.weight";

// effect[v] = sum_d W_U[v, d] g[d] W_down[d, c], in plain float64 loops.
std::vector<double> loop_effect(const at::Tensor& wu, const at::Tensor& g, const at::Tensor& down, int64_t c, bool cosine) {
  const int64_t V = wu.size(0), D = wu.size(1);
  std::vector<double> dir(D);
  double dir_norm = 0;
  for (int64_t d = 0; d < D; ++d) {
    dir[d] = g[d].item<double>() * down[d][c].item<double>();
    dir_norm += dir[d] * dir[d];
  }
  auto acc = wu.accessor<double, 2>();
  std::vector<double> out(V);
  for (int64_t v = 0; v < V; ++v) {
    double dot = 0, row_norm = 0;
    for (int64_t d = 0; d < D; ++d) dot += acc[v][d] * dir[d], row_norm += acc[v][d] * acc[v][d];
    out[v] = cosine ? dot / std::sqrt(row_norm * dir_norm) : dot;
  }
  return out;
}

double max_diff(const at::Tensor& t, const std::vector<double>& expected) {
  double m = 0;
  for (size_t v = 0; v < expected.size(); ++v) m = std::max(m, std::abs(t[v].item<double>() - expected[v]));
  return m;
}

Moments hand_moments(const std::vector<double>& x) {
  double mean = 0;
  for (double v : x) mean += v;
  mean /= x.size();
  double m2 = 0, m3 = 0, m4 = 0;
  for (double v : x) m2 += std::pow(v - mean, 2), m3 += std::pow(v - mean, 3), m4 += std::pow(v - mean, 4);
  m2 /= x.size(), m3 /= x.size(), m4 /= x.size();
  return {m2, m3 / std::pow(m2, 1.5), m4 / (m2 * m2) - 3};
}

std::vector<double> noisy_deltas(size_t n, uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> noise(0.3, 1.0);
  std::vector<double> out(n);
  for (double& v : out) v = noise(gen);
  return out;
}

}  // namespace

class VocabStatisticsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    write_super_weight_model(tmp_.file("model"), 3, {"layer=1,row=3,col=7,value=2"});
    write_super_weight_model(tmp_.file("tied"), 2, {"layer=1,row=3,col=7,value=2"}, /*tie=*/true);
  }

  void vocabularyEffectEqualsFloat64LoopsOverTheCheckpoint_data() {
    QTest::addColumn<int>("layer");
    QTest::addColumn<int>("col");
    QTest::newRow("planted super-weight column") << 1 << 7;
    QTest::newRow("dense random column") << 0 << 11;
  }
  void vocabularyEffectEqualsFloat64LoopsOverTheCheckpoint() {
    QFETCH(int, layer);
    QFETCH(int, col);
    const std::string dir = tmp_.file("model");
    Model model(dir, EngineOptions());
    Tokenizer tok = Tokenizer::from_file(dir);
    NeuronVocabularyEffect n = analyse_neuron_vocabulary(model, read_unembedding(model), tok, layer, col, 10, true);
    at::Tensor wu = checkpoint_tensor_f64(dir, "lm_head.weight"), g = checkpoint_tensor_f64(dir, "model.norm.weight");
    at::Tensor down = checkpoint_tensor_f64(dir, layer == 1 ? kDown1 : kDown0);
    QCOMPARE(n.effect.size(0), wu.size(0));
    QVERIFY(max_diff(n.effect, loop_effect(wu, g, down, col, false)) < 1e-12);
    QVERIFY(max_diff(*n.cosine, loop_effect(wu, g, down, col, true)) < 1e-12);
  }

  void tiedModelReadsTheEmbeddingAsUnembedding() {
    const std::string dir = tmp_.file("tied");
    Model model(dir, EngineOptions());
    Unembedding u = read_unembedding(model);
    QCOMPARE(u.tensor, std::string("model.embed_tokens.weight"));
    at::Tensor effect = direct_vocabulary_effect(model, u, checkpoint_tensor_f64(dir, kDown1).select(1, 7));
    std::vector<double> expected = loop_effect(checkpoint_tensor_f64(dir, "model.embed_tokens.weight"),
                                               checkpoint_tensor_f64(dir, "model.norm.weight"),
                                               checkpoint_tensor_f64(dir, kDown1), 7, false);
    QVERIFY(max_diff(effect, expected) < 1e-12);
  }

  void momentsAreScipyDefaultsComputedByHand() {
    // x = 1, 2, 3, 4, 10: mean 4, m2 = 10, m3 = 36, m4 = 278.8.
    Moments m = distribution_moments(at::tensor(std::vector<double>{1, 2, 3, 4, 10}, at::kDouble));
    QVERIFY(std::abs(m.var - 10.0) < 1e-12);
    QVERIFY(std::abs(m.skew - 36.0 / std::pow(10.0, 1.5)) < 1e-12);
    QVERIFY(std::abs(m.kurt - (278.8 / 100.0 - 3.0)) < 1e-12);
  }

  void momentsOfTheEffectEqualFloat64Moments() {
    const std::string dir = tmp_.file("model");
    Model model(dir, EngineOptions());
    NeuronVocabularyEffect n = analyse_neuron_vocabulary(model, read_unembedding(model), Tokenizer::from_file(dir), 0, 11, 5, false);
    std::vector<double> e = loop_effect(checkpoint_tensor_f64(dir, "lm_head.weight"), checkpoint_tensor_f64(dir, "model.norm.weight"),
                                        checkpoint_tensor_f64(dir, kDown0), 11, false);
    Moments expected = hand_moments(e);
    QVERIFY(std::abs(n.moments.var - expected.var) < 1e-12 * std::max(1.0, expected.var));
    QVERIFY(std::abs(n.moments.skew - expected.skew) < 1e-9);
    QVERIFY(std::abs(n.moments.kurt - expected.kurt) < 1e-9);
    QVERIFY(!n.moments_cos.has_value());
  }

  void constantDistributionHasUndefinedSkewAndKurtosis() {
    Moments m = distribution_moments(at::full({5}, 2.0, at::kDouble));
    QCOMPARE(m.var, 0.0);
    QVERIFY(std::isnan(m.skew) && std::isnan(m.kurt));
  }

  void topTokensAreTheExtremesWithTheirVocabularyStrings() {
    const std::string dir = tmp_.file("model");
    Model model(dir, EngineOptions());
    Tokenizer tok = Tokenizer::from_file(dir);
    NeuronVocabularyEffect n = analyse_neuron_vocabulary(model, read_unembedding(model), tok, 1, 7, 5, false);
    at::Tensor sorted = std::get<0>(n.effect.sort(0, /*descending=*/true));
    QCOMPARE(n.top_up.size(), size_t{5});
    QCOMPARE(n.top_down.size(), size_t{5});
    for (size_t i = 0; i < 5; ++i) {
      QCOMPARE(n.top_up[i].effect, sorted[static_cast<int64_t>(i)].item<double>());
      QCOMPARE(n.top_down[i].effect, sorted[sorted.size(0) - 1 - static_cast<int64_t>(i)].item<double>());
      QCOMPARE(n.effect[n.top_up[i].id].item<double>(), n.top_up[i].effect);
      QCOMPARE(n.top_up[i].tok, tok.id_to_token(static_cast<int32_t>(n.top_up[i].id)));
      QCOMPARE(n.top_up[i].str, tok.decode({static_cast<int32_t>(n.top_up[i].id)}));
    }
  }

  void labelNamesHeavyTailedPromotersAndSuppressors() {
    QCOMPARE(neuron_label({1.0, 2.0, 25.0}), std::string("prediction"));
    QCOMPARE(neuron_label({1.0, -2.0, 25.0}), std::string("suppression"));
    QCOMPARE(neuron_label({1.0, 2.0, 1.0}), std::string("none"));
  }

  void tokenClassesOfSingleTokens() {
    QVERIFY(token_in_class(" 1999", "digits_years") && !token_in_class("19a", "digits_years"));
    QVERIFY(token_in_class("(", "parentheses_brackets") && token_in_class("])", "parentheses_brackets"));
    QVERIFY(token_in_class(" ,", "punctuation") && !token_in_class(" a,", "punctuation"));
    QVERIFY(token_in_class(" The", "function_words") && !token_in_class(" cat", "function_words"));
    QVERIFY(token_in_class(" Paris", "capitalized") && !token_in_class("USA", "capitalized"));
    QVERIFY(token_in_class("\n", "whitespace_newline") && token_in_class("  ", "whitespace_newline") &&
            token_in_class(".\n", "whitespace_newline") && !token_in_class(" a", "whitespace_newline"));
  }

  void enrichmentOnAHandMadeVocabulary() {
    // 10 tokens: 2 digits, 2 brackets (also punctuation), 1 more punctuation, 2 function words,
    // 2 capitalized, 1 newline.
    std::vector<std::string> vocab = {"1999", " 2020", "(", ")", ".", " the", " of", " Paris", " London", "\n"};
    std::vector<ClassEnrichment> e = token_class_enrichment(vocab, {0, 1, 2, 7});  // 2 digits, 1 bracket, 1 capital
    QCOMPARE(e.size(), token_class_names().size());
    auto get = [&](const std::string& c) {
      return *std::find_if(e.begin(), e.end(), [&](const ClassEnrichment& x) { return x.token_class == c; });
    };
    QVERIFY(std::abs(get("digits_years").score - (2.0 / 4 - 2.0 / 10)) < 1e-15);
    QCOMPARE(get("digits_years").examples, (std::vector<std::string>{"1999", "2020"}));
    QVERIFY(std::abs(get("parentheses_brackets").score - (1.0 / 4 - 2.0 / 10)) < 1e-15);
    QVERIFY(std::abs(get("punctuation").score - (1.0 / 4 - 3.0 / 10)) < 1e-15);
    QVERIFY(std::abs(get("function_words").score - (0.0 - 2.0 / 10)) < 1e-15);
    QVERIFY(get("function_words").examples.empty());
    QVERIFY(std::abs(get("capitalized").score - (1.0 / 4 - 2.0 / 10)) < 1e-15);
    QCOMPARE(get("capitalized").examples, (std::vector<std::string>{"Paris"}));
    QVERIFY(std::abs(get("whitespace_newline").score - (0.0 - 1.0 / 10)) < 1e-15);
  }

  void percentileInterpolatesLikeNumpy() {
    QCOMPARE(percentile({4, 1, 3, 2}, 0.5), 2.5);
    QCOMPARE(percentile({1, 2, 3, 4, 5}, 0.975), 4.9);
    QCOMPARE(percentile({7}, 0.025), 7.0);
  }

  void bootstrapEstimateIsTheTokenWeightedMean() {
    BootstrapInterval b = bootstrap_weighted_mean({2.0, 9.0}, {1.0, 3.0}, 50, 1);
    QCOMPARE(b.mean, 11.0 / 4.0);
  }

  void bootstrapIntervalContainsThePointEstimate() {
    for (uint64_t seed : {1u, 2u, 3u}) {
      std::vector<double> d = noisy_deltas(60, seed);
      BootstrapInterval b = bootstrap_weighted_mean(d, std::vector<double>(d.size(), 1.0), 500, 42);
      QVERIFY(b.ci_low < b.mean && b.mean < b.ci_high);
    }
  }

  void bootstrapIntervalNarrowsWithMoreWindows() {
    std::vector<double> few = noisy_deltas(20, 5), many = noisy_deltas(500, 5);
    BootstrapInterval a = bootstrap_weighted_mean(few, std::vector<double>(few.size(), 1.0), 1000, 42);
    BootstrapInterval b = bootstrap_weighted_mean(many, std::vector<double>(many.size(), 1.0), 1000, 42);
    qDebug() << "width with 20 windows" << a.ci_high - a.ci_low << "with 500" << b.ci_high - b.ci_low;
    QVERIFY(b.ci_high - b.ci_low < 0.5 * (a.ci_high - a.ci_low));  // ~ 1/sqrt(25) = 0.2 expected
  }

  void bootstrapIsReproducibleInItsSeed() {
    std::vector<double> d = noisy_deltas(40, 9), w(40, 1.0);
    BootstrapInterval a = bootstrap_weighted_mean(d, w, 300, 42), b = bootstrap_weighted_mean(d, w, 300, 42);
    BootstrapInterval c = bootstrap_weighted_mean(d, w, 300, 43);
    QCOMPARE(a.ci_low, b.ci_low);
    QCOMPARE(a.ci_high, b.ci_high);
    QVERIFY(a.ci_low != c.ci_low || a.ci_high != c.ci_high);
  }

  void seededRngIsSpecifiedSplitMix64() {
    // First output of SplitMix64 seeded with 0 (Steele et al.; also Java's SplittableRandom).
    SeededRng r(0);
    QCOMPARE(r.next(), uint64_t{0xE220A8397B1DCDAFull});
    SeededRng s(7);
    for (int i = 0; i < 1000; ++i) QVERIFY(s.below(3) < 3);
  }

 private:
  TempDir tmp_;
};

QTEST_GUILESS_MAIN(VocabStatisticsTest)
#include "test_statistics.moc"
