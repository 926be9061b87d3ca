// Super weights inside routed experts (moe_super_weight_detection.h) on olmoe checkpoints with a
// super weight planted in one expert's down projection (make-test-model --plant-super-weight
// ...,expert=E): found at exactly that layer, expert, row and col and nowhere else; nothing on an
// unplanted model; gone once the weight is zeroed; p_active equal to the routing counted here
// from the router logits (own top-k) and from the rows each expert actually received; skipped
// under a p_active floor above it; causal scores; and owb superweights writing the expert cards.
#include "analysis_fixtures.h"
#include "model.h"
#include "moe_super_weight_detection.h"

#include <QtTest>

#include <algorithm>
#include <fstream>
#include <map>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr int64_t kLayer = 1, kExpert = 2, kRow = 10, kCol = 7, kExperts = 4, kTopK = 2;
constexpr int64_t kSamples = 4, kLength = 32;

SyntheticModelSpec moe_spec(bool planted) {
  SyntheticModelSpec s = small_spec("olmoe");
  s.layers = 3;
  s.experts = kExperts;
  s.top_k = kTopK;
  s.tokenizer_path = fixture_tokenizer_dir();
  if (planted)
    s.super_weights.push_back(parse_planted_super_weight("layer=" + std::to_string(kLayer) + ",row=" + std::to_string(kRow) +
                                                         ",col=" + std::to_string(kCol) + ",expert=" + std::to_string(kExpert)));
  return s;
}

std::vector<ScoredWindow> samples() {
  std::vector<ScoredWindow> w;
  for (const auto& s : corpus_sequences(kSamples, kLength)) w.push_back({s, 1});
  return w;
}

MoeDetectionOptions options() {
  MoeDetectionOptions o;
  o.batch_size = 3;  // two batches of unequal size
  return o;
}

const std::string kPlantedTensor = "model.layers.1.mlp.experts.2.down_proj.weight";

}  // namespace

class MoeSuperWeightTest : public QObject {
  Q_OBJECT
  TempDir tmp_;
  std::string planted_, plain_;

 private Q_SLOTS:
  void initTestCase() {
    planted_ = tmp_.file("planted");
    plain_ = tmp_.file("plain");
    write_model(moe_spec(true), planted_);
    write_model(moe_spec(false), plain_);
  }

  void findsThePlantedExpertWeightAndNothingElse() {
    Model model(planted_, EngineOptions());
    MoeSuperWeightDetection d = detect_moe_super_weights(model, samples(), options());
    QCOMPARE(d.candidates.size(), size_t(1));
    const ExpertSuperWeight& w = d.candidates[0];
    QCOMPARE(w.layer, kLayer);
    QCOMPARE(w.expert, kExpert);
    QCOMPARE(w.row, kRow);
    QCOMPARE(w.col, kCol);
    QCOMPARE(w.tensor, kPlantedTensor);
    QCOMPARE(w.weight_value, 2.0);
    QCOMPARE(w.input_energy_rank, int64_t(0));
    QVERIFY2(w.co_spike_score > 0.99, qPrintable(QString::number(w.co_spike_score)));  // both spike on every routed token
    QVERIFY(w.max_abs_input > 50 && w.max_abs_output > 50);
    QVERIFY(!w.causal_score);
    qInfo() << "planted expert: p_active" << w.p_active << "S" << w.co_spike_score << "max |X|" << w.max_abs_input
            << "max |Y|" << w.max_abs_output;
  }

  void findsNothingOnAnUnplantedModel() {
    Model model(plain_, EngineOptions());
    MoeSuperWeightDetection d = detect_moe_super_weights(model, samples(), options());
    QCOMPARE(d.candidates.size(), size_t(0));
    QCOMPARE(d.experts.size(), size_t(3 * kExperts));
  }

  // Why the detector also asks for the dense method's magnitudes: S alone (the seed's test) is
  // high for ordinary channels too, and every expert of the unplanted model would report three.
  void coSpikeScoreAloneFlagsOrdinaryChannels() {
    Model model(plain_, EngineOptions());
    MoeDetectionOptions o = options();
    o.spike_threshold = 0;
    MoeSuperWeightDetection d = detect_moe_super_weights(model, samples(), o);
    QCOMPARE(d.candidates.size(), size_t(3 * 3 * kExperts));
    double lowest = 1;
    for (const auto& w : d.candidates) lowest = std::min(lowest, w.co_spike_score);
    qInfo() << "unplanted model, S alone: lowest kept S" << lowest << "highest" << d.candidates.front().co_spike_score;
    QVERIFY(lowest > 0.12);
  }

  void zeroingThePlantedWeightRemovesIt() {
    Model model(planted_, EngineOptions());
    model.set_weight(kPlantedTensor, kRow, kCol, 0.0);
    QCOMPARE(detect_moe_super_weights(model, samples(), options()).candidates.size(), size_t(0));
  }

  // p_active = tokens routed to the expert / tokens, counted here from the router logits with a
  // top-k of our own, and from the rows the expert hooks received in the forward pass.
  void pActiveIsTheShareOfTokensRoutedToTheExpert() {
    Model model(planted_, EngineOptions());
    const auto windows = samples();
    MoeSuperWeightDetection d = detect_moe_super_weights(model, windows, options());
    std::map<std::pair<int64_t, int64_t>, int64_t> by_logits, by_rows;
    int64_t tokens = 0;
    Hooks hooks;
    hooks.add("layer_*_router_logits", [&](const HookSite& site, at::Tensor& x) {
      at::Tensor logits = x.reshape({-1, kExperts}).to(at::kDouble);
      if (site.layer == 0) tokens += logits.size(0);
      for (int64_t t = 0; t < logits.size(0); ++t) {
        std::vector<std::pair<double, int64_t>> order;
        for (int64_t e = 0; e < kExperts; ++e) order.emplace_back(-logits[t][e].item<double>(), e);  // softmax keeps the order
        std::sort(order.begin(), order.end());
        for (int64_t k = 0; k < kTopK; ++k) ++by_logits[{site.layer, order[k].second}];
      }
    });
    hooks.add("layer_*_expert_*_down_in", [&](const HookSite& site, at::Tensor& x) { by_rows[{site.layer, site.expert}] += x.size(0); });
    std::vector<at::Tensor> batches;
    for (const auto& w : windows) batches.push_back(at::tensor(std::vector<int64_t>(w.ids.begin(), w.ids.end()), at::kLong).view({1, -1}));
    model.run(batches, hooks);
    QCOMPARE(tokens, kSamples * kLength);
    QCOMPARE(d.tokens, tokens);
    for (const ExpertActivity& a : d.experts) {
      const int64_t counted = by_logits[{a.layer, a.expert}], received = by_rows[{a.layer, a.expert}];
      QCOMPARE(a.routed_tokens, counted);
      QCOMPARE(received, counted);
      QCOMPARE(a.p_active, static_cast<double>(counted) / tokens);  // no extra division by the samples
      QVERIFY(a.analysed);
    }
  }

  void expertsBelowTheFloorAreSkipped() {
    Model model(planted_, EngineOptions());
    MoeDetectionOptions o = options();
    MoeSuperWeightDetection probe = detect_moe_super_weights(model, samples(), o);
    o.p_active_floor = probe.candidates.at(0).p_active + 1e-9;
    MoeSuperWeightDetection d = detect_moe_super_weights(model, samples(), o);
    QCOMPARE(d.candidates.size(), size_t(0));
    for (const ExpertActivity& a : d.experts)
      if (a.layer == kLayer && a.expert == kExpert) QVERIFY(!a.analysed);
  }

  // The causal score is the signed loss change when zeroed, times p_active, measured here
  // independently with the weight zeroed.
  void causalScoreIsTheLossChangeTimesPActive() {
    Model model(planted_, EngineOptions());
    const auto windows = samples();
    MoeDetectionOptions o = options();
    o.causal_scoring = true;
    MoeSuperWeightDetection d = detect_moe_super_weights(model, windows, o);
    QCOMPARE(d.candidates.size(), size_t(1));
    const ExpertSuperWeight& w = d.candidates[0];
    QVERIFY(w.loss_delta && w.causal_score && d.baseline);
    model.set_weight(kPlantedTensor, kRow, kCol, 0.0);
    const double zeroed = evaluate_nll(model, windows, 4, Hooks()).mean();
    model.restore_weights();
    const double intact = evaluate_nll(model, windows, 4, Hooks()).mean();
    QVERIFY(std::abs(*w.loss_delta - (zeroed - intact)) < 1e-6);
    QVERIFY(std::abs(*w.causal_score - (zeroed - intact) * w.p_active) < 1e-6);
    qInfo() << "loss intact" << intact << "zeroed" << zeroed;
  }

  void superweightsCommandWritesExpertCards() {
    const std::string out = tmp_.file("sw");
    OwbRun r = run_owb({"superweights", "--models", QString::fromStdString(planted_), "--skip-perplexity", "--dataset",
                        QString::fromStdString(corpus_path()), "--router-analysis-samples", QString::number(kSamples),
                        "--sequence-length", QString::number(kLength), "--dtype", "float32", "--enable-causal-scoring",
                        "--results-dir", QString::fromStdString(out)});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    json all = read_json(r.out.trimmed().split('\n').last().toStdString());
    json model = all["models"][planted_];
    QCOMPARE(model["moe_detection"]["candidates"].size(), size_t(1));
    QCOMPARE(model["moe_detection"]["samples"].get<int64_t>(), kSamples);
    QCOMPARE(model["moe_detection"]["experts"].size(), size_t(3 * kExperts));
    json sw = model["super_weights"].at(0);
    QCOMPARE(sw["expert"].get<int64_t>(), kExpert);
    QCOMPARE(sw["tensor"].get<std::string>(), kPlantedTensor);
    std::ifstream in(out + "/planted/metrics/super_weights/super_weights.jsonl");
    std::string line;
    std::vector<json> cards;
    while (std::getline(in, line))
      if (!line.empty()) cards.push_back(json::parse(line));
    QCOMPARE(cards.size(), size_t(1));
    for (const char* key : {"model", "tensor", "layer", "row", "col", "baselines", "deltas", "controls", "cascade", "bootstrap",
                            "expert", "p_active", "co_spike_score", "causal_score"})
      QVERIFY2(cards[0].contains(key), key);
    QCOMPARE(cards[0]["layer"].get<int64_t>(), kLayer);
    QCOMPARE(cards[0]["row"].get<int64_t>(), kRow);
    QCOMPARE(cards[0]["col"].get<int64_t>(), kCol);
    QCOMPARE(cards[0]["expert"].get<int64_t>(), kExpert);
    QVERIFY(cards[0]["deltas"]["loss"].is_number());
  }

  // gpt-oss with unquantised experts: the stacked down_proj is edited and reported under the
  // per-expert name, [row, col] of expert 2's [D, I] matrix (stored at down_proj[2][col][row]).
  void findsThePlantedWeightInAnUnquantisedGptOssExpert() {
    SyntheticModelSpec s = moe_spec(true);
    s.arch = "gpt_oss";
    s.gpt_oss_unquantized = true;
    const std::string dir = tmp_.file("gpt_oss");
    write_model(s, dir);
    Model model(dir, EngineOptions());
    QVERIFY(supports_moe_super_weight_detection(model));
    MoeSuperWeightDetection d = detect_moe_super_weights(model, samples(), options());
    QCOMPARE(d.candidates.size(), size_t(1));
    const ExpertSuperWeight& w = d.candidates[0];
    QCOMPARE(w.layer, kLayer);
    QCOMPARE(w.expert, kExpert);
    QCOMPARE(w.row, kRow);
    QCOMPARE(w.col, kCol);
    QCOMPARE(w.tensor, kPlantedTensor);
    QCOMPARE(w.weight_value, 2.0);
    qInfo() << "gpt-oss planted expert: max |X|" << w.max_abs_input << "max |Y|" << w.max_abs_output << "S" << w.co_spike_score;
    model.set_weight(w.tensor, w.row, w.col, 0.0);
    QCOMPARE(detect_moe_super_weights(model, samples(), options()).candidates.size(), size_t(0));
  }

  void plantingNeedsAnExpertOnMoeLayers() {
    OwbRun r = run_owb({"make-test-model", "--arch", "olmoe", "--out", QString::fromStdString(tmp_.file("bad")),
                        "--plant-super-weight", "layer=0,row=1,col=2"});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("expert=E"), qPrintable(r.err));
    OwbRun ok = run_owb({"make-test-model", "--arch", "mixtral", "--out", QString::fromStdString(tmp_.file("mixtral")),
                         "--plant-super-weight", "layer=0,row=1,col=2,expert=3"});
    QVERIFY2(ok.exit_code == 0, qPrintable(ok.err));
  }
};

QTEST_GUILESS_MAIN(MoeSuperWeightTest)
#include "test_moe_super_weights.moc"
