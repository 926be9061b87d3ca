// Router statistics (owb router) and the outlier analysis on MoE checkpoints: hand-computed
// statistics on given logits, a planted router preference showing up in the activation
// probabilities, the events, and `owb outliers` finding a planted outlier in an olmoe model.
#include "analysis_fixtures.h"
#include "router_statistics.h"

#include <QtTest>

#include <numeric>
#include <set>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr int64_t kSequences = 4, kLength = 32;

void make_model(const std::string& dir, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"make-test-model", "--arch", "olmoe", "--out", dir, "--layers", "3", "--experts", "8",
                                   "--top-k", "2", "--tokenizer", fixture_tokenizer_dir()};
  args.insert(args.end(), extra.begin(), extra.end());
  OwbRun r = run_owb(strings(args));
  if (r.exit_code != 0) throw std::runtime_error("make-test-model failed: " + r.err.toStdString());
}

QStringList job_args(const std::string& command, const std::string& model, const std::string& save_dir) {
  return {QString::fromStdString(command), "--model", QString::fromStdString(model), "--dataset",
          QString::fromStdString(corpus_path()), "--num-sequences", QString::number(kSequences), "--sequence-length",
          QString::number(kLength), "--batch-size", "3", "--dtype", "f32", "--save-dir", QString::fromStdString(save_dir)};
}

}  // namespace

class MoeRouterTest : public QObject {
  Q_OBJECT
  TempDir tmp_;
  std::string planted_;

 private Q_SLOTS:
  void initTestCase() {
    planted_ = tmp_.file("planted");
    make_model(planted_, {"--plant-router", "expert=5,value=8,layers=1-1"});
  }

  // 3 tokens, 4 experts, top-2 softmax without renormalisation; worked out by hand.
  void statisticsOfGivenLogitsMatchHandComputation() {
    MoeConfig moe;
    moe.num_experts = 4, moe.top_k = 2;
    RouterStatistics stats(moe, {0}, 1);
    // token 0 picks experts 0, 1; token 1 picks 2, 3; token 2 ties everywhere -> 0, 1.
    const double l = std::log(3.0);
    at::Tensor logits = at::tensor(std::vector<double>{l, l, 0.0, 0.0, 0.0, 0.0, l, l, 0.0, 0.0, 0.0, 0.0}, at::kDouble).view({1, 3, 4});
    stats.add(0, logits);
    LayerRouterStats s = stats.layer_stats(0);
    QCOMPARE(s.tokens, int64_t(3));
    QCOMPARE(s.routed, (std::vector<int64_t>{2, 2, 1, 1}));
    QCOMPARE(s.activation_probability[0], 2.0 / 3);
    QCOMPARE(s.activation_probability[3], 1.0 / 3);
    // Softmax of (ln 3, ln 3, 0, 0) = (3/8, 3/8, 1/8, 1/8); uniform = 1/4 each.
    QVERIFY(std::abs(s.mean_gate_weight[0] - (3.0 / 8 + 1.0 / 4) / 2) < 1e-6);
    QVERIFY(std::abs(s.mean_gate_weight[2] - 3.0 / 8) < 1e-6);
    // Load shares (1/3, 1/3, 1/6, 1/6).
    const double h = -(2 * (1.0 / 3) * std::log(1.0 / 3) + 2 * (1.0 / 6) * std::log(1.0 / 6));
    QVERIFY(std::abs(s.load_entropy - h) < 1e-9);
    QVERIFY(std::abs(s.load_entropy_normalized - h / std::log(4.0)) < 1e-9);
    QCOMPARE(s.top_pairs.size(), size_t(2));
    QCOMPARE(s.top_pairs[0].a, int64_t(0));
    QCOMPARE(s.top_pairs[0].b, int64_t(1));
    QCOMPARE(s.top_pairs[0].tokens, int64_t(2));
    QCOMPARE(s.top_pairs[1].a, int64_t(2));
  }

  void plantedRouterPreferenceShowsInActivationProbability() {
    const std::string dir = run_owb_job(job_args("router", planted_, tmp_.file("runs")));
    json stats = read_json(dir + "/router_stats.json");
    QCOMPARE(stats["format"].get<std::string>(), std::string("owb.router_stats"));
    QCOMPARE(stats["layers"].size(), size_t(3));
    for (const auto& layer : stats["layers"]) {
      const auto p = layer["activation_probability"].get<std::vector<double>>();
      QCOMPARE(layer["tokens"].get<int64_t>(), kSequences * kLength);
      QVERIFY(std::abs(std::accumulate(p.begin(), p.end(), 0.0) - 2.0) < 1e-9);  // top-2: shares sum to k
      const double entropy = layer["load_balance_entropy_normalized"].get<double>();
      QVERIFY(entropy > 0 && entropy <= 1.0);
      qInfo() << "layer" << layer["layer"].get<int>() << "expert 5 routed for" << p[5] << "of tokens, entropy" << entropy;
      if (layer["layer"] == 1) {
        QVERIFY(p[5] == 1.0);  // every token
        const auto pair = layer["top_pairs"][0]["experts"].get<std::vector<int64_t>>();
        QVERIFY(pair[0] == 5 || pair[1] == 5);
        QVERIFY(layer["mean_gate_weight"][5].get<double>() > 0.9);
      } else {
        QVERIFY(p[5] < 0.7);  // unplanted layers route as random weights do
      }
    }
    json run = read_json(dir + "/run.json");
    QCOMPARE(run["status"].get<std::string>(), std::string("ok"));
    QCOMPARE(run["mode"].get<std::string>(), std::string("router"));
  }

  void routerStatsArriveAsEventsOnePerLayer() {
    OwbRun r = run_owb(job_args("router", planted_, tmp_.file("runs_events")) << "--events");
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    std::set<int64_t> layers;
    for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts)) {
      json e = json::parse(line.toStdString());
      if (e["event"] == "router_stats") {
        QCOMPARE(e["v"].get<int>(), 1);
        QCOMPARE(e["activation_probability"].size(), size_t(8));
        layers.insert(e["layer"].get<int64_t>());
      }
    }
    QCOMPARE(layers, (std::set<int64_t>{0, 1, 2}));
  }

  void routerRefusesDenseModels() {
    const std::string dense = tmp_.file("dense");
    write_planted_model(dense, 2, {});
    OwbRun r = run_owb(job_args("router", dense, tmp_.file("runs_dense")));
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("no experts"), qPrintable(r.err));
  }

  // The outlier analysis runs unchanged on an MoE checkpoint: ln_mlp is the router's input norm.
  void outlierAnalysisFindsPlantedDimensionInOlmoe() {
    const std::string model = tmp_.file("olmoe_outlier");
    make_model(model, {"--plant-outlier", "dim=7,gamma=20"});
    const std::string dir = run_owb_job(job_args("outliers", model, tmp_.file("runs_outliers")));
    json results = read_json(dir + "/final_analysis_results.json");
    std::set<int64_t> dims;
    for (const auto& r : results["systematic_outliers"]) dims.insert(r["feature_dim"].get<int64_t>());
    QCOMPARE(dims, std::set<int64_t>{7});
    QCOMPARE(results["systematic_outliers"][0]["layer_percentage"].get<double>(), 1.0);
    QVERIFY(results["model_info"]["active_params"].get<int64_t>() < results["model_info"]["total_params"].get<int64_t>());
  }
};

QTEST_GUILESS_MAIN(MoeRouterTest)
#include "test_moe_router.moc"
