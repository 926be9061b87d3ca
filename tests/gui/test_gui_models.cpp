// Reading run folders and the item models over them (owb_models), no widgets.
#include "gui_fixtures.h"

#include "heatmap_matrix.h"
#include "run_folder_reader.h"
#include "run_loader.h"
#include "run_store_model.h"
#include "systematic_outliers_model.h"
#include "workspace_scanner.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace owb::models;
using namespace owb::gui_test;

class GuiModelsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QLocale::setDefault(QLocale(QLocale::English)); }

  void heatmapCellsEqualLayerStatsFile() {
    QTemporaryDir tmp;
    const QString run = writeOutlierRun(tmp.path(), "exp/run_1");
    const ReadResult<LayerStats> stats = readLayerStats(run + "/layer_stats.json");
    QVERIFY2(stats.ok(), qPrintable(stats.error));
    HeatmapMatrix matrix;
    QAbstractItemModelTester tester(&matrix, QAbstractItemModelTester::FailureReportingMode::QtTest);
    matrix.setLayerStats(*stats.value);

    const LayerStatsFixture expected = smallLayerStats();
    QCOMPARE(matrix.hooks(), expected.hooks);
    QCOMPARE(matrix.rowCount(), expected.hooks.size());
    QCOMPARE(matrix.columnCount(), expected.hidden_size);
    QCOMPARE(matrix.threshold(), expected.threshold);
    for (int h = 0; h < expected.hooks.size(); ++h)
      for (int d = 0; d < expected.hidden_size; ++d) {
        QCOMPARE(matrix.value(h, d, HeatmapMatrix::Measure::MaxAbs), expected.max_abs[h][d]);
        QCOMPARE(matrix.value(h, d, HeatmapMatrix::Measure::HitShare), expected.hits[h][d] / expected.positions);
        QCOMPARE(matrix.data(matrix.index(h, d)).toDouble(), expected.max_abs[h][d]);
      }
    QCOMPARE(matrix.headerData(2, Qt::Vertical).toString(), QString("layer_1_ln_attn"));
  }

  void hitShareMeasureChangesTheCells() {
    QTemporaryDir tmp;
    const ReadResult<LayerStats> stats = readLayerStats(writeOutlierRun(tmp.path(), "r") + "/layer_stats.json");
    QVERIFY(stats.ok());
    HeatmapMatrix matrix;
    matrix.setLayerStats(*stats.value);
    QSignalSpy changed(&matrix, &QAbstractItemModel::dataChanged);
    matrix.setMeasure(HeatmapMatrix::Measure::HitShare);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(matrix.value(0, 3), 32.0 / 32.0);
    QCOMPARE(matrix.maxValue(), 1.0);
  }

  void layerStatsEventsAppendAndReplaceHooks() {
    HeatmapMatrix matrix;
    QAbstractItemModelTester tester(&matrix, QAbstractItemModelTester::FailureReportingMode::QtTest);
    matrix.updateHook("layer_0_ln_attn", {1, 2, 3}, {0, 1, 2}, 4);
    matrix.updateHook("layer_0_ln_mlp", {4, 5, 6}, {0, 0, 4}, 4);
    QCOMPARE(matrix.rowCount(), 2);
    matrix.updateHook("layer_0_ln_attn", {7, 8, 9}, {1, 1, 1}, 8);
    QCOMPARE(matrix.rowCount(), 2);
    QCOMPARE(matrix.value(0, 2), 9.0);
    QCOMPARE(matrix.value(0, 2, HeatmapMatrix::Measure::HitShare), 1.0 / 8.0);
    matrix.updateHook("layer_1_ln_attn", {1, 2}, {0, 0}, 4);  // wrong width: ignored
    QCOMPARE(matrix.rowCount(), 2);
  }

  void systematicRowsEqualExactList() {
    QTemporaryDir tmp;
    const ReadResult<OutlierResults> results =
        readFinalAnalysis(writeOutlierRun(tmp.path(), "r") + "/final_analysis_results.json");
    QVERIFY2(results.ok(), qPrintable(results.error));
    QCOMPARE(results.value->source, SystematicSource::Exact);
    QCOMPARE(results.value->model, QString("tiny-qwen"));
    QCOMPARE(results.value->threshold, 6.0);
    SystematicOutliersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(*results.value);

    const QJsonArray expected = exactSystematicList();
    QCOMPARE(model.rowCount(), expected.size());
    for (int row = 0; row < expected.size(); ++row) {
      const QJsonObject e = expected[row].toObject();
      const auto cell = [&](int column) { return model.data(model.index(row, column), SystematicOutliersModel::SortRole); };
      QCOMPARE(cell(SystematicOutliersModel::FeatureDimColumn).toInt(), e["feature_dim"].toInt());
      QCOMPARE(cell(SystematicOutliersModel::MaxMagnitudeColumn).toDouble(), e["max_magnitude"].toDouble());
      QCOMPARE(cell(SystematicOutliersModel::LayerPercentColumn).toDouble(), e["layer_percentage"].toDouble());
      QCOMPARE(cell(SystematicOutliersModel::SeqPercentColumn).toDouble(), e["seq_percentage"].toDouble());
      QCOMPARE(cell(SystematicOutliersModel::TotalOccurrencesColumn).toLongLong(), e["total_occurrences"].toInteger());
      QCOMPARE(cell(SystematicOutliersModel::LayersAffectedColumn).toInt(), e["layers_affected"].toArray().size());
    }
    QCOMPARE(model.data(model.index(1, SystematicOutliersModel::LayerPercentColumn)).toString(), QString("75.0"));
    QCOMPARE(model.dims(), (QVector<int>{3, 5}));
    QVERIFY(model.recordForDim(5));
    QCOMPARE(model.recordForDim(5)->example_values, (QVector<double>{11.0, -10.5, 9.5}));
    QVERIFY(!model.recordForDim(4));
  }

  void seedFolderOpensWithSeedKeysOnly() {
    QTemporaryDir tmp;
    const QString run = writeSeedRun(tmp.path() + "/remote_results", "olmoe_20250101_120000");
    const RunData data = readRunFolder(run);
    QVERIFY2(data.errors.isEmpty(), qPrintable(data.errors.join('\n')));
    QVERIFY(data.outliers);
    QVERIFY(!data.layer_stats);
    QVERIFY(!data.info);
    QCOMPARE(data.outliers->source, SystematicSource::SeedTopFeatures);
    QCOMPARE(data.outliers->model, QString("allenai/OLMoE-1B-7B-0924"));
    QCOMPARE(data.outliers->threshold, 6.0);
    QCOMPARE(data.outliers->seed_total_systematic, 5);
    SystematicOutliersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(*data.outliers);
    QCOMPARE(model.rowCount(), seedTopFeatures().size());
    QCOMPARE(model.data(model.index(0, 0)).toInt(), 5);
    QCOMPARE(model.recordForDim(5)->batches_qualified, 2);
    QVERIFY(!model.data(model.index(0, SystematicOutliersModel::LayerPercentColumn)).isValid());

    const WorkspaceScan scan = scanWorkspace(tmp.path());
    QCOMPARE(scan.runs.size(), 1);
    QCOMPARE(scan.runs[0].experiment, QString("remote_results"));
    QCOMPARE(scan.runs[0].systematic_count, 3);
    QVERIFY(scan.runs[0].status.isEmpty());
  }

  void fallsBackToAllSystematicOutliers() {
    QTemporaryDir tmp;
    QJsonObject seed{{"all_systematic_outliers", seedAllSystematicOutliers()}};
    writeJson(tmp.filePath("final_analysis_results.json"), seed);
    const ReadResult<OutlierResults> results = readFinalAnalysis(tmp.filePath("final_analysis_results.json"));
    QVERIFY2(results.ok(), qPrintable(results.error));
    QCOMPARE(results.value->source, SystematicSource::SeedAllBatches);
    QCOMPARE(results.value->systematic.size(), seedAllSystematicOutliers().size());
    QCOMPARE(results.value->systematic[0].batch_id, 1);
  }

  void malformedJsonIsAnErrorNamingTheFile() {
    QTemporaryDir tmp;
    writeBytes(tmp.filePath("run/final_analysis_results.json"), "{\"top_features\": [1, 2");
    writeBytes(tmp.filePath("run/layer_stats.json"), "not json at all");
    const RunData data = readRunFolder(tmp.filePath("run"));
    QVERIFY(!data.outliers);
    QVERIFY(!data.layer_stats);
    QCOMPARE(data.errors.size(), 2);
    QVERIFY2(data.errors.join('\n').contains("final_analysis_results.json: not valid JSON"), qPrintable(data.errors.join('\n')));
    QVERIFY2(data.errors.join('\n').contains("layer_stats.json: not valid JSON"), qPrintable(data.errors.join('\n')));
  }

  void wrongShapesAreErrorsNamingTheFile() {
    QTemporaryDir tmp;
    QJsonObject stats = layerStatsJson(smallLayerStats());
    QJsonArray rows = stats["hits"].toArray();
    rows.removeLast();
    stats["hits"] = rows;
    writeJson(tmp.filePath("layer_stats.json"), stats);
    ReadResult<LayerStats> read = readLayerStats(tmp.filePath("layer_stats.json"));
    QVERIFY(!read.ok());
    QVERIFY2(read.error.contains("layer_stats.json: 'hits' has 3 rows, expected 4"), qPrintable(read.error));

    writeJson(tmp.filePath("final_analysis_results.json"), QJsonObject{{"systematic_outliers", QJsonArray{QJsonObject{{"max_magnitude", 3}}}}});
    const ReadResult<OutlierResults> results = readFinalAnalysis(tmp.filePath("final_analysis_results.json"));
    QVERIFY(!results.ok());
    QVERIFY2(results.error.contains("final_analysis_results.json: systematic_outliers[0] has no valid feature_dim"),
             qPrintable(results.error));
    writeJson(tmp.filePath("final_analysis_results.json"), QJsonObject{{"run_config", QJsonObject{}}});
    QVERIFY(readFinalAnalysis(tmp.filePath("final_analysis_results.json")).error.contains("none of systematic_outliers"));
  }

  void missingFilesAreErrorsNamingTheFile() {
    QTemporaryDir tmp;
    const ReadResult<LayerStats> stats = readLayerStats(tmp.filePath("layer_stats.json"));
    QVERIFY(!stats.ok());
    QVERIFY2(stats.error.endsWith("layer_stats.json: file not found"), qPrintable(stats.error));
    const RunData empty = readRunFolder(tmp.path());
    QVERIFY(!empty.isRunFolder());
    QCOMPARE(empty.errors.size(), 1);
    QVERIFY(empty.errors[0].contains("not a run folder"));
    const RunData gone = readRunFolder(tmp.filePath("no_such_run"));
    QVERIFY(gone.errors.value(0).contains("folder not found"));
  }

  void pythonNaNLiteralsAreRead() {
    QTemporaryDir tmp;
    writeBytes(tmp.filePath("perplexity_results.json"),
               "{\"perplexity\": NaN, \"avg_loss\": Infinity, \"model\": \"NaN in a string\", \"total_tokens\": 3}");
    const ReadResult<PerplexityResults> p = readPerplexity(tmp.filePath("perplexity_results.json"));
    QVERIFY2(p.ok(), qPrintable(p.error));
    QVERIFY(std::isnan(p.value->perplexity));
    QCOMPARE(p.value->model, QString("NaN in a string"));
    QCOMPARE(p.value->total_tokens, 3);
  }

  void runStoreTreeGroupsRunsByExperiment() {
    QTemporaryDir tmp;
    writeOutlierRun(tmp.filePath("runs/qwen"), "outliers_20250101_120000");
    writePerplexityRun(tmp.filePath("runs/qwen"), "ppl_20250101_120500", 12.5);
    writeSeedRun(tmp.filePath("remote_results"), "olmoe_20240101_000000");
    writeBytes(tmp.filePath("runs/qwen/notes/readme.txt"), "not a run");
    writeJson(tmp.filePath("runs/failed/outliers_20250102_000000/run.json"),
              QJsonObject{{"status", "failed"}, {"mode", "outliers"}, {"error", "model: no such file"},
                          {"last_log", QJsonArray{"ERROR model: no such file"}}});
    const WorkspaceScan scan = scanWorkspace(tmp.path());
    QVERIFY(scan.errors.isEmpty());
    QCOMPARE(scan.runs.size(), 4);

    RunStoreModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setScan(scan);
    QCOMPARE(model.rowCount(), 3);  // "failed", "qwen", "remote_results"
    // A run that failed before writing results is listed, marked failed.
    const QModelIndex failed = model.index(0, 0, model.index(0, 0));
    QCOMPARE(failed.siblingAtColumn(RunStoreModel::StatusColumn).data().toString(), QString("failed"));
    QCOMPARE(failed.siblingAtColumn(RunStoreModel::KindColumn).data().toString(), QString("outliers"));
    QVERIFY(failed.data(Qt::ToolTipRole).toString().contains("Failed: model: no such file"));
    QVERIFY(failed.data(Qt::ForegroundRole).isValid());
    const QModelIndex qwen = model.index(1, 0);
    QCOMPARE(qwen.data().toString(), QString("qwen"));
    QCOMPARE(model.rowCount(qwen), 2);
    const QModelIndex outliers = model.index(0, 0, qwen);
    QCOMPARE(outliers.data().toString(), QString("outliers_20250101_120000"));
    QCOMPARE(outliers.siblingAtColumn(RunStoreModel::ModelColumn).data().toString(), QString("tiny-qwen"));
    QCOMPARE(outliers.siblingAtColumn(RunStoreModel::StatusColumn).data().toString(), QString("ok"));
    QCOMPARE(outliers.siblingAtColumn(RunStoreModel::KindColumn).data().toString(), QString("outliers"));
    QCOMPARE(outliers.siblingAtColumn(RunStoreModel::SystematicColumn).data().toString(), QString("2"));
    const QModelIndex ppl = model.index(1, 0, qwen);
    QCOMPARE(ppl.siblingAtColumn(RunStoreModel::KindColumn).data().toString(), QString("perplexity"));
    QCOMPARE(ppl.siblingAtColumn(RunStoreModel::PerplexityColumn).data(RunStoreModel::SortRole).toDouble(), 12.5);
    const QModelIndex seed = model.index(0, 0, model.index(2, 0));
    QCOMPARE(seed.siblingAtColumn(RunStoreModel::StatusColumn).data().toString(), QString("seed"));
    QCOMPARE(model.indexOfRun(seed.data(RunStoreModel::RunPathRole).toString()), seed);
    QCOMPARE(model.parent(seed), model.index(2, 0));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
  }

  void runLoaderDeliversOffTheCallingThread() {
    QTemporaryDir tmp;
    const QString run = writeOutlierRun(tmp.path(), "r");
    RunLoader loader;
    QSignalSpy loaded(&loader, &RunLoader::runLoaded);
    loader.loadRun(run);
    QCOMPARE(loaded.count(), 0);  // asynchronous: nothing before the event loop runs
    QVERIFY(loaded.wait(5000));
    const RunData data = loaded.at(0).at(0).value<RunData>();
    QVERIFY(data.layer_stats);
    QCOMPARE(data.path, run);

    QSignalSpy scanned(&loader, &RunLoader::workspaceScanned);
    loader.scanWorkspace(tmp.path());
    loader.scanWorkspace(tmp.path());  // supersedes the first: one delivery
    QVERIFY(scanned.wait(5000));
    QTest::qWait(100);
    QCOMPARE(scanned.count(), 1);
  }
};


QTEST_GUILESS_MAIN(GuiModelsTest)
#include "test_gui_models.moc"
