// Super-weight cards and the Compare tab: the cards model over folders written by the real
// `owb superweights` and `owb vocab` (run as processes on a checkpoint with planted super
// weights), malformed analysis files, the card grid and detection plot, the compare table and
// the config diff over hand-written outlier runs.
#include "compare_runs.h"
#include "compare_table_model.h"
#include "compare_view.h"
#include "main_window.h"
#include "super_weight_card.h"
#include "super_weight_cards_model.h"
#include "super_weight_detection_plot.h"
#include "super_weight_grid.h"
#include "super_weight_runs.h"
#include "workspace_scanner.h"

#include <qcustomplot.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using owb::models::CompareTableModel;
using owb::models::SuperWeightCard;
using owb::models::SuperWeightCardsModel;

namespace {

void writeJson(const QString& path, const QJsonObject& o) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(QJsonDocument(o).toJson());
}

void writeBytes(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

// Loads `folders` into a fresh cards model and waits for it.
bool load(SuperWeightCardsModel& model, const QStringList& folders) {
  QSignalSpy loaded(&model, &SuperWeightCardsModel::cardsLoaded);
  model.loadFolders(folders);
  return loaded.wait(20000);
}

QJsonObject systematicRecord(int dim, double layer_pct, double seq_pct) {
  return QJsonObject{{"feature_dim", dim}, {"max_magnitude", 10.0}, {"layer_percentage", layer_pct}, {"seq_percentage", seq_pct},
                     {"total_occurrences", 5}, {"layers_affected", QJsonArray{"layer_0_ln_attn"}}, {"example_values", QJsonArray{10.0}}};
}

// An outlier run: final_analysis_results.json (the lists calculate_metrics reads), config.json,
// layer_stats.json (2 layers x 2 hooks x 4 dims, hits of dim 2 chosen per hook).
QString writeOutlierRun(const QString& folder, const QString& model, double threshold, const QString& dataset,
                        const QVector<QPair<double, double>>& all_batches, int unique, const QVector<double>& dim2_hits) {
  QJsonArray all, exact;
  for (const auto& [layer, seq] : all_batches) all << systematicRecord(2, layer, seq);
  for (int i = 0; i < unique; ++i) exact << systematicRecord(i, 0.5, 0.5);
  writeJson(folder + "/final_analysis_results.json",
            {{"model", model}, {"all_systematic_outliers", all}, {"systematic_outliers", exact}, {"top_features", exact},
             {"model_info", QJsonObject{{"total_params", 1.5e9}, {"active_params", 1.5e9}, {"model_type", "llama"}}}});
  writeJson(folder + "/config.json",
            {{"model", QJsonObject{{"name", model}, {"torch_dtype", "bfloat16"}}},
             {"analysis", QJsonObject{{"magnitude_threshold", threshold}, {"min_layer_percentage", 0.25}}},
             {"dataset", QJsonObject{{"name", dataset}, {"num_sequences", 4}}}});
  const QStringList hooks{"layer_0_ln_attn", "layer_0_ln_mlp", "layer_1_ln_attn", "layer_1_ln_mlp"};
  QJsonArray max_abs, hits;
  for (int h = 0; h < hooks.size(); ++h) {
    max_abs << QJsonArray{1.0, 1.0, 9.0, 1.0};
    hits << QJsonArray{0.0, 0.0, dim2_hits[h], 0.0};
  }
  writeJson(folder + "/layer_stats.json", {{"format", "owb.layer_stats"}, {"model", model}, {"threshold", threshold},
                                           {"hidden_size", 4}, {"sequences", 2}, {"sequence_length", 10}, {"positions", 20},
                                           {"hooks", QJsonArray::fromStringList(hooks)}, {"max_abs", max_abs}, {"hits", hits}});
  return QFileInfo(folder).absoluteFilePath();
}

}  // namespace

class GuiCardsTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString sw_run_;     // owb superweights: <results>/<model>
  QString vocab_run_;  // owb vocab: <output>/<model>
  QString analysis_;   // its data/analysis_<ts>.json

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English));
    const SuperWeightRuns runs = makeSuperWeightRuns(dir_, /*vocab_cascade=*/true);
    QVERIFY2(runs.error.isEmpty(), qPrintable(runs.error));
    sw_run_ = runs.sw_run;
    vocab_run_ = runs.vocab_run;
    analysis_ = owb::models::latestSuperWeightAnalysis(sw_run_);
    QVERIFY2(!analysis_.isEmpty(), "owb superweights wrote no data/analysis_*.json");
  }

  void scannerListsSuperWeightAndVocabFolders() {
    const owb::models::WorkspaceScan scan = owb::models::scanWorkspace(dir_.filePath("ws"));
    QCOMPARE(scan.runs.size(), 2);
    for (const owb::models::RunSummary& run : scan.runs) {
      QVERIFY(run.errors.isEmpty());
      QCOMPARE(run.model, dir_.filePath("models/planted"));
    }
    QCOMPARE(scan.runs[0].path, sw_run_);
    QVERIFY(scan.runs[0].has_super_weights);
    QCOMPARE(scan.runs[0].mode, QString("superweights"));
    QCOMPARE(scan.runs[1].path, vocab_run_);
    QVERIFY(scan.runs[1].has_vocab);
  }

  void cardsModelPassesTheModelTester() {
    SuperWeightCardsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(load(model, {sw_run_, vocab_run_}));
    QVERIFY(model.rowCount() > 0);
    for (int c = 0; c < SuperWeightCardsModel::ColumnCount; ++c) {
      model.sort(c, Qt::DescendingOrder);
      model.sort(c, Qt::AscendingOrder);
    }
    model.clear();
    QCOMPARE(model.rowCount(), 0);
  }

  void oneCardPerDetectedWeightWithTheAnalysisValues() {
    SuperWeightCardsModel model;
    QVERIFY(load(model, {sw_run_}));
    QVERIFY2(model.loadErrors().isEmpty(), qPrintable(model.loadErrors().join('\n')));
    const QJsonObject root = readJson(analysis_);
    const QJsonArray weights = root.value("super_weights").toArray();
    const QJsonArray individual = root.value("perplexity").toObject().value("individual").toArray();
    QCOMPARE(weights.size(), 2);  // both planted weights found
    QCOMPARE(model.rowCount(), weights.size());
    for (int i = 0; i < weights.size(); ++i) {
      const QJsonObject w = weights[i].toObject();
      const SuperWeightCard* card = model.cardAt(i);  // file order before any sort
      QCOMPARE(card->layer, w.value("layer").toInt());
      QCOMPARE(card->row, w.value("row").toInt());
      QCOMPARE(card->col, w.value("col").toInt());
      QCOMPARE(card->value, w.value("weight_value").toDouble());
      QCOMPARE(card->tensor, w.value("tensor").toString());
      QCOMPARE(card->perplexity_ratio, individual[i].toObject().value("perplexity_ratio").toDouble());
      QCOMPARE(card->delta_perplexity, individual[i].toObject().value("delta_perplexity").toDouble());
      QCOMPARE(card->model, root.value("model").toString());
    }
    QVERIFY(model.cardAt(0)->layer == 1 && model.cardAt(0)->row == 3 && model.cardAt(0)->col == 7 && model.cardAt(0)->value == 2.0);
    QVERIFY(model.cardAt(1)->layer == 2 && model.cardAt(1)->row == 10 && model.cardAt(1)->col == 9 && model.cardAt(1)->value == -1.5);
  }

  void vocabCardsMergeIntoTheDetectedWeights() {
    SuperWeightCardsModel model;
    QVERIFY(load(model, {sw_run_, vocab_run_}));
    QVERIFY2(model.loadErrors().isEmpty(), qPrintable(model.loadErrors().join('\n')));
    QCOMPARE(model.rowCount(), 2);  // one card per (model, layer, row, col), not one per file
    QFile jsonl(vocab_run_ + "/metrics/super_weights/super_weights.jsonl");
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    for (int i = 0; i < 2; ++i) {
      const SuperWeightCard* card = model.cardAt(i);
      QVERIFY(card->hasAnalysis() && card->hasVocab());
      const QJsonObject line = QJsonDocument::fromJson(jsonl.readLine()).object();
      QCOMPARE(card->deltas.value("loss"), line.value("deltas").toObject().value("loss").toDouble());
      QCOMPARE(card->bootstrap.value("loss").low, line.value("bootstrap").toObject().value("loss").toObject().value("ci_2.5").toDouble());
      QCOMPARE(card->cascade_layers.size(), line.value("cascade").toObject().value("layers").toArray().size());
      QVERIFY(card->tokens_from_neuron);
      QCOMPARE(card->tokens_up.size(), 5);
    }
  }

  void malformedAnalysisGivesAMessageNotACrash() {
    QTemporaryDir ws;
    writeBytes(ws.filePath("broken_json/data/analysis_20250101_000000.json"), "{\"super_weights\": [ {\"layer\": 1,");
    writeJson(ws.filePath("no_row/data/analysis_20250101_000000.json"),
              {{"model", "m"}, {"super_weights", QJsonArray{QJsonObject{{"layer", 1}, {"col", 2}, {"weight_value", 3.0}}}}});
    writeBytes(ws.filePath("bad_vocab/metrics/super_weights/super_weights.jsonl"), "{\"layer\": 1, \"row\": 2, \"col\": 3}\nnot json\n");
    const owb::models::WorkspaceScan scan = owb::models::scanWorkspace(ws.path());
    QCOMPARE(scan.runs.size(), 3);  // seed-layout folders without run.json are run folders too
    SuperWeightCardsModel model;
    QStringList folders;
    for (const auto& run : scan.runs) folders << run.path;
    QVERIFY(load(model, folders));
    QCOMPARE(model.rowCount(), 0);
    const QStringList errors = model.loadErrors();
    QCOMPARE(errors.size(), 3);
    QVERIFY2(errors.join('\n').contains("analysis_20250101_000000.json: not valid JSON"), qPrintable(errors.join('\n')));
    QVERIFY2(errors.join('\n').contains("super_weights[0] has no valid 'row'"), qPrintable(errors.join('\n')));
    QVERIFY2(errors.join('\n').contains("super_weights.jsonl: line 2 is not a JSON object"), qPrintable(errors.join('\n')));
    owb::widgets::SuperWeightGrid grid;
    grid.setModel(&model);
    QVERIFY(grid.cardWidgets().isEmpty());
    QVERIFY2(grid.messageText().contains("super_weights[0] has no valid 'row'"), qPrintable(grid.messageText()));
  }

  void expertCardsAtTheSameCoordinateStayApart() {
    // MoE detection: two experts of one layer can hold a super weight at the same [row, col].
    QTemporaryDir ws;
    writeBytes(ws.filePath("moe/metrics/super_weights/super_weights.jsonl"),
               "{\"model\": \"m\", \"layer\": 1, \"row\": 2, \"col\": 3, \"expert\": 0,"
               " \"tensor\": \"model.layers.1.mlp.experts.0.down_proj.weight\"}\n"
               "{\"model\": \"m\", \"layer\": 1, \"row\": 2, \"col\": 3, \"expert\": 5,"
               " \"tensor\": \"model.layers.1.mlp.experts.5.down_proj.weight\"}\n");
    const owb::models::SuperWeightSet set = owb::models::loadSuperWeightFolders({ws.filePath("moe")});
    QCOMPARE(set.cards.size(), 2);
    QCOMPARE(set.cards[0].expert + set.cards[1].expert, 5);
    owb::widgets::SuperWeightCardWidget card(set.cards[1]);
    QVERIFY2(card.text().contains("experts.5.down_proj"), qPrintable(card.text()));
  }

  void gridSortsByLayerValueAndPerplexityRatio() {
    owb::models::SuperWeightSet set;
    const auto card = [](int layer, double value, double ratio) {
      SuperWeightCard c;
      c.model = "m";
      c.layer = layer, c.row = layer, c.col = 1, c.value = value, c.perplexity_ratio = ratio;
      c.analysis_file = "a.json";
      return c;
    };
    set.cards << card(5, 0.5, 1.1) << card(1, -3.0, 9.0) << card(3, 2.0, owb::models::kNoSuperWeightValue);
    SuperWeightCardsModel model;
    model.setSet(set);
    owb::widgets::SuperWeightGrid grid;
    grid.resize(1200, 800);
    grid.setModel(&model);
    const auto layers = [&grid, &model] {
      QList<int> out;
      for (auto* w : grid.cardWidgets())
        for (int r = 0; r < model.rowCount(); ++r)
          if (model.cardAt(r)->key() == w->key()) out << model.cardAt(r)->layer;
      return out;
    };
    QCOMPARE(layers(), (QList<int>{1, 3, 5}));  // default: layer ascending
    grid.sortBy(SuperWeightCardsModel::ValueColumn, Qt::DescendingOrder);
    QCOMPARE(layers(), (QList<int>{1, 3, 5}));  // |value| 3, 2, 0.5
    grid.sortBy(SuperWeightCardsModel::PerplexityRatioColumn, Qt::DescendingOrder);
    QCOMPARE(layers(), (QList<int>{1, 5, 3}));  // missing ratio last
    grid.sortBy(SuperWeightCardsModel::LayerColumn, Qt::DescendingOrder);
    QCOMPARE(layers(), (QList<int>{5, 3, 1}));
  }

  void cardAndDetailShowTheNumbersAndTheDetectionStars() {
    SuperWeightCardsModel model;
    QVERIFY(load(model, {sw_run_, vocab_run_}));
    owb::widgets::SuperWeightGrid grid;
    grid.resize(1400, 900);
    grid.setModel(&model);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QCOMPARE(grid.cardWidgets().size(), 2);
    owb::widgets::SuperWeightCardWidget* second = grid.cardWidgets()[1];
    QTest::mouseClick(second, Qt::LeftButton);
    QCOMPARE(grid.selectedKey(), second->key());
    QVERIFY(second->isSelected() && !grid.cardWidgets()[0]->isSelected());
    const SuperWeightCard* card = model.cardAt(1);
    QVERIFY2(second->text().contains(QLocale().toString(card->perplexity_ratio, 'g', 4)), qPrintable(second->text()));
    QVERIFY2(second->text().contains("Layer 2"), qPrintable(second->text()));
    QVERIFY(grid.detailText().contains(QLocale().toString(card->perplexity_ratio, 'g', 6)));
    // One star on |input| and one on |output| per found weight, over all passes.
    QCOMPARE(grid.detectionPlot()->starCount(), 2 * model.rowCount());
  }

  void compareTableHasTheRunsValuesAndTheConfigDiffItsDifferingKeys() {
    QTemporaryDir ws;
    const QString a = writeOutlierRun(ws.filePath("runs/a"), "org/model-a", 6.0, "wiki",
                                      {{0.5, 0.1}, {1.0, 0.3}, {0.75, 0.2}}, 2, {20, 10, 0, 5});
    const QString b = writeOutlierRun(ws.filePath("runs/b"), "org/model-b", 5.0, "wiki",
                                      {{0.25, 0.5}}, 1, {0, 0, 20, 20});
    writeJson(ws.filePath("runs/ppl/perplexity_results.json"), {{"model", "org/model-b"}, {"perplexity", 12.5}});
    owb::widgets::CompareView view;
    QSignalSpy shown(&view, &owb::widgets::CompareView::runsShown);
    view.setRuns({a, b}, {ws.filePath("runs/ppl")});
    QVERIFY(shown.wait(10000));
    QAbstractItemModelTester tester(view.tableModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const CompareTableModel* t = view.tableModel();
    QCOMPARE(t->columnCount(), 2);
    const auto value = [t](int metric, int run) { return t->index(metric, run).data(CompareTableModel::ValueRole); };
    QCOMPARE(value(CompareTableModel::ModelRow, 0).toString(), QString("org/model-a"));
    QCOMPARE(value(CompareTableModel::UniqueSystematicRow, 0).toLongLong(), 2);
    QCOMPARE(value(CompareTableModel::NumOutliersRow, 0).toLongLong(), 3);
    QCOMPARE(value(CompareTableModel::MeanLayerRow, 0).toDouble(), 75.0);    // mean(0.5, 1, 0.75)
    QCOMPARE(value(CompareTableModel::MedianLayerRow, 0).toDouble(), 75.0);
    QVERIFY(std::abs(value(CompareTableModel::MeanSeqRow, 0).toDouble() - 20.0) < 1e-12);
    QCOMPARE(value(CompareTableModel::TotalParamsRow, 0).toDouble(), 1.5);
    QVERIFY(std::isnan(value(CompareTableModel::PerplexityRow, 0).toDouble()));
    QCOMPARE(value(CompareTableModel::UniqueSystematicRow, 1).toLongLong(), 1);
    QCOMPARE(value(CompareTableModel::MedianSeqRow, 1).toDouble(), 50.0);
    QCOMPARE(value(CompareTableModel::PerplexityRow, 1).toDouble(), 12.5);  // matched by model
    QCOMPARE(t->index(CompareTableModel::PerplexityRow, 1).data().toString(), QString("12.500"));
    // Exactly the keys that differ; identical ones only on request, after them.
    const owb::models::ConfigDiffModel* diff = view.diffModel();
    QCOMPARE(diff->differingKeys(), (QStringList{"analysis.magnitude_threshold", "model.name"}));
    QCOMPARE(diff->rowCount(), 2);
    QCOMPARE(diff->index(0, 1).data().toString(), QString("6"));
    QCOMPARE(diff->index(0, 2).data().toString(), QString("5"));
    QVERIFY(diff->index(0, 0).data(Qt::BackgroundRole).isValid());
    const_cast<owb::models::ConfigDiffModel*>(diff)->setShowAll(true);
    QCOMPARE(diff->rowCount(), 6);
    QVERIFY(!diff->index(2, 0).data(Qt::BackgroundRole).isValid());
    // Profiles: dim 2's hit share per layer (max over the layer's hooks), one line per run.
    QCOMPARE(view.dim(), 2);
    QCOMPARE(view.profilePlot()->graphCount(), 2);
    QCOMPARE(view.profilePlot()->graph(0)->data()->at(0)->value, 1.0);   // max(20, 10) / 20
    QCOMPARE(view.profilePlot()->graph(0)->data()->at(1)->value, 0.25);  // max(0, 5) / 20
    QCOMPARE(view.profilePlot()->graph(1)->data()->at(1)->value, 1.0);
  }

  void mainWindowFillsTheSuperWeightsTabAndComparesSelectedRuns() {
    QCoreApplication::setOrganizationName("OutlierWorkbenchTests");
    QCoreApplication::setApplicationName("gui_cards");
    QSettings().clear();
    owb::gui::MainWindow window;
    window.show();
    QSignalSpy opened(&window, &owb::gui::MainWindow::workspaceOpened);
    QSignalSpy cards(window.superWeightCards(), &SuperWeightCardsModel::cardsLoaded);
    window.openWorkspace(dir_.filePath("ws"));
    QVERIFY(opened.wait(20000));
    QVERIFY(cards.count() > 0 || cards.wait(20000));
    QCOMPARE(window.superWeightCards()->rowCount(), 2);
    QCOMPARE(window.superWeightGrid()->cardWidgets().size(), 2);
    QSignalSpy compared(window.compareView(), &owb::widgets::CompareView::runsShown);
    window.selectRuns({sw_run_, vocab_run_});
    QVERIFY(compared.wait(20000));
    QCOMPARE(window.compareView()->tableModel()->columnCount(), 2);
  }
};

QTEST_MAIN(GuiCardsTest)
#include "test_gui_cards.moc"
