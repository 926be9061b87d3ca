// owb outliers end to end on checkpoints with planted structure (make-test-model): the analysis
// must report exactly what was planted, and thresholds, batch size and streaming must act on
// the outcome exactly as the definitions say.
//
// The model: 8 layers (16 hook tensors), hidden 64, the fixture tokenizer; plants:
//   dim 5  in every layer, every token            -> systematic (layer 100 %, seq 100 %)
//   dim 9  in layer 3 only                        -> an outlier in 2 of 16 tensors: not systematic
//   dim 17 in every layer, tokens of a 5 % share of ids  -> hits at < 6 % of positions: not systematic
#include "analysis_fixtures.h"

#include <QtTest>

#include <set>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr int64_t kLayers = 8, kSequences = 6, kLength = 64, kPositions = kSequences * kLength;
const char* kWeakShare = "0.05";

std::set<int64_t> systematic_dims(const json& final_results) {
  std::set<int64_t> dims;
  for (const auto& r : final_results["systematic_outliers"]) dims.insert(r["feature_dim"].get<int64_t>());
  return dims;
}

}  // namespace

class PlantedOutliersTest : public QObject {
  Q_OBJECT
  TempDir tmp_;
  std::string model_;
  int64_t weak_positions_ = 0;  // positions whose token carries the dim-17 plant, counted here

  // Batches (of `batch_size` sequences) in which the weak dim passes the seed's per-batch test.
  int64_t batches_where_weak_dim_qualifies(int64_t batch_size) {
    auto sequences = corpus_sequences(kSequences, kLength);
    int64_t qualifying = 0;
    for (int64_t first = 0; first < kSequences; first += batch_size) {
      std::set<int64_t> positions;
      for (int64_t s = first; s < first + batch_size; ++s)
        for (int64_t t = 0; t < kLength; ++t)
          if (token_carries_plant(sequences[s][t], std::stod(kWeakShare))) positions.insert(t);
      qualifying += static_cast<double>(positions.size()) / kLength >= 0.06 ? 1 : 0;
    }
    return qualifying;
  }

  std::string run(const QStringList& extra) {
    QStringList args = {"outliers", "--model", QString::fromStdString(model_), "--dataset",
                        QString::fromStdString(corpus_path()), "--num-sequences", QString::number(kSequences),
                        "--sequence-length", QString::number(kLength), "--dtype", "f32", "--save-dir",
                        QString::fromStdString(tmp_.file("runs"))};
    return run_owb_job(args + extra);
  }

 private Q_SLOTS:
  void initTestCase() {
    model_ = tmp_.file("model");
    write_planted_model(model_, kLayers, {"dim=5,gamma=20", "dim=9,gamma=20,layers=3-3",
                                          std::string("dim=17,gamma=20,share=") + kWeakShare});
    for (const auto& seq : corpus_sequences(kSequences, kLength))
      for (int32_t id : seq) weak_positions_ += token_carries_plant(id, std::stod(kWeakShare)) ? 1 : 0;
    qDebug() << "dim 17 is planted at" << weak_positions_ << "of" << kPositions << "positions";
    // The weak plant must really be weak and present, or the tests below prove nothing.
    QVERIFY(weak_positions_ > 0);
    QVERIFY(static_cast<double>(weak_positions_) / kPositions < 0.06);
  }

  void findsExactlyThePlantedSystematicDimension() {
    std::string dir = run({"--batch-size", "2"});
    json results = read_json(dir + "/final_analysis_results.json");
    QCOMPARE(systematic_dims(results), std::set<int64_t>{5});
    const json& dim5 = results["systematic_outliers"][0];
    QCOMPARE(dim5["layer_percentage"].get<double>(), 1.0);
    QCOMPARE(dim5["seq_percentage"].get<double>(), 1.0);
    QCOMPARE(dim5["total_occurrences"].get<int64_t>(), 2 * kLayers * kPositions);
    QCOMPARE(dim5["layers_affected"].size(), size_t(2 * kLayers));
    QVERIFY(dim5["max_magnitude"].get<double>() > 6.0);
    QCOMPARE(dim5["example_values"].size(), size_t{5});
    // Seed-compatible per-batch fields (3 batches of 2 sequences): dim 5 qualifies in every batch;
    // dim 17 wherever its hits, pooled over the batch's two sequences, cover >= 6 % of the 64
    // positions (worked out here from the token ids).
    const int64_t weak_batches = batches_where_weak_dim_qualifies(2);
    qDebug() << "dim 17 qualifies in" << weak_batches << "of 3 batches";
    QCOMPARE(results["all_systematic_outliers"].size(), size_t(3 + weak_batches));
    QCOMPARE(results["analysis_summary"]["total_systematic_outliers"].get<int64_t>(), 3 + weak_batches);
    QCOMPARE(results["top_features"].size(), size_t(weak_batches ? 2 : 1));
    QCOMPARE(results["top_features"][0]["feature_dim"].get<int64_t>(), int64_t{5});
    QCOMPARE(results["top_features"][0]["occurrences"].get<int64_t>(), int64_t{3});
    for (const auto& r : results["all_systematic_outliers"])
      if (r["feature_dim"] == 5) QCOMPARE(r["layer_percentage"].get<double>(), 1.0);
  }

  void heatmapCountsEveryPlantedHitAndNoOther() {
    std::string dir = run({"--batch-size", "3"});
    json stats = read_json(dir + "/layer_stats.json");
    QCOMPARE(stats["hooks"].size(), size_t(2 * kLayers));
    QCOMPARE(stats["positions"].get<int64_t>(), kPositions);
    for (size_t h = 0; h < stats["hooks"].size(); ++h) {
      const std::string hook = stats["hooks"][h];
      const bool layer3 = hook.rfind("layer_3_", 0) == 0;
      for (int64_t d = 0; d < 64; ++d) {
        int64_t expected = d == 5 ? kPositions : d == 9 ? (layer3 ? kPositions : 0) : d == 17 ? weak_positions_ : 0;
        QVERIFY2(stats["hits"][h][d].get<int64_t>() == expected,
                 (hook + " dim " + std::to_string(d) + ": " + stats["hits"][h][d].dump()).c_str());
      }
    }
  }

  void thresholdFlagsChangeTheOutcome_data() {
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("defaults") << QStringList{} << QList<int>{5};
    QTest::newRow("min layer 10 %: the one-layer dim qualifies (2/16)") << QStringList{"--min-layer-percentage", "0.1"}
                                                                         << QList<int>{5, 9};
    QTest::newRow("min layer 13 %: it does not") << QStringList{"--min-layer-percentage", "0.13"} << QList<int>{5};
    QTest::newRow("min seq 0.1 %: the weak dim qualifies") << QStringList{"--min-seq-percentage", "0.001"}
                                                          << QList<int>{5, 17};
    QTest::newRow("threshold 40: nothing") << QStringList{"--magnitude-threshold", "40"} << QList<int>{};
    QTest::newRow("layer 3 alone: both full dims at 100 %") << QStringList{"--layers", "3"} << QList<int>{5, 9};
  }
  void thresholdFlagsChangeTheOutcome() {
    QFETCH(QStringList, flags);
    QFETCH(QList<int>, expected);
    json results = read_json(run(flags) + "/final_analysis_results.json");
    std::set<int64_t> want(expected.begin(), expected.end());
    QCOMPARE(systematic_dims(results), want);
  }

  void resultsAreBatchSizeAndStreamingInvariant() {
    std::vector<QStringList> variants = {{"--batch-size", "1"}, {"--batch-size", "4"}, {"--batch-size", "6"},
                                         {"--batch-size", "2", "--streaming"}};
    json reference_results, reference_stats;
    for (const QStringList& flags : variants) {
      std::string dir = run(flags + QStringList{"--min-seq-percentage", "0.001", "--min-layer-percentage", "0.1"});
      json results = read_json(dir + "/final_analysis_results.json")["systematic_outliers"];
      json stats = read_json(dir + "/layer_stats.json");
      if (reference_results.is_null()) {
        reference_results = results, reference_stats = stats;
        QCOMPARE(results.size(), size_t{3});
        continue;
      }
      QCOMPARE(results.size(), reference_results.size());
      for (size_t i = 0; i < results.size(); ++i) {
        for (const char* key : {"feature_dim", "layer_percentage", "seq_percentage", "total_occurrences", "layers_affected"})
          QVERIFY2(results[i][key] == reference_results[i][key], (flags.join(' ').toStdString() + ": " + key).c_str());
        QVERIFY(std::abs(results[i]["max_magnitude"].get<double>() - reference_results[i]["max_magnitude"].get<double>()) < 1e-4);
      }
      QVERIFY2(stats["hits"] == reference_stats["hits"], flags.join(' ').toUtf8());
    }
  }

  void writesTheSeedFilesAndRunRecord() {
    std::string dir = run({"--batch-size", "3"});
    json results = read_json(dir + "/final_analysis_results.json");
    for (const char* key : {"analysis_summary", "run_config", "top_features", "all_systematic_outliers", "batch_results",
                            "model", "thresholds", "systematic_outliers", "summary", "denominators", "model_info"})
      QVERIFY2(results.contains(key), key);
    for (const char* key : {"model", "dataset", "num_sequences", "sequence_length", "batch_size", "threshold", "layers",
                            "shard_range_inclusive", "experiment_name"})
      QVERIFY2(results["run_config"].contains(key), key);
    QCOMPARE(results["batch_results"].size(), size_t{2});
    QCOMPARE(read_json(dir + "/batch_001_results.json"), results["batch_results"][0]);
    QCOMPARE(read_json(dir + "/batch_002_results.json"), results["batch_results"][1]);
    const json& summary = results["batch_results"][0]["outlier_summary"];
    QCOMPARE(summary["total_outlier_features"].get<int64_t>(), int64_t{3});  // dims 5, 9, 17 are hit
    QCOMPARE(summary["layer_stats"]["layer_0_ln_attn"]["shape"], json({3, kLength, 64}));
    QCOMPARE(results["model_info"]["layers"].get<int64_t>(), kLayers);
    QCOMPARE(read_json(dir + "/config.json")["analysis"]["batch_size"].get<int64_t>(), int64_t{3});
    QCOMPARE(read_json(dir + "/run.json")["status"].get<std::string>(), std::string("ok"));
    QVERIFY(QFile::exists(QString::fromStdString(dir + "/outlier_analysis.log")));
  }
};

QTEST_GUILESS_MAIN(PlantedOutliersTest)
#include "test_planted_outliers.moc"
