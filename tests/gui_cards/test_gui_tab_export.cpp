// Export from the Super weights and Compare tabs: the cards as CSV / JSON (every card, the
// analysis' numbers exactly), the detection plot and the compare profile as PNG / SVG at the asked
// size, the compare table and config diff as CSV / JSON; File > Export… preselects the current
// tab's targets; the headless export writes the cards and detection plots too. The super-weight
// runs are made by the real `owb superweights` and `owb vocab` on a planted checkpoint.
#include "compare_view.h"
#include "comparison_rows.h"
#include "export_dialog.h"
#include "export_tab_targets.h"
#include "export_workspace.h"
#include "main_window.h"
#include "super_weight_cards_model.h"
#include "super_weight_export.h"
#include "super_weight_grid.h"
#include "super_weight_runs.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using owb::models::SuperWeightCardsModel;
using owb::widgets::ExportTarget;
using owb::widgets::ImageExportOptions;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeJson(const QString& path, const QJsonObject& o) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(QJsonDocument(o).toJson());
}

// CSV without quoted fields (what these tests write): header -> values, per row.
QVector<QMap<QString, QString>> readCsv(const QString& path) {
  const QList<QByteArray> lines = readAll(path).trimmed().split('\n');
  QVector<QMap<QString, QString>> rows;
  if (lines.isEmpty()) return rows;
  const QStringList header = QString::fromUtf8(lines[0]).split(',');
  for (int i = 1; i < lines.size(); ++i) {
    const QStringList cells = QString::fromUtf8(lines[i]).split(',');
    QMap<QString, QString> row;
    for (int c = 0; c < header.size(); ++c) row.insert(header[c], cells.value(c));
    rows << row;
  }
  return rows;
}

const ExportTarget* targetNamed(const QVector<ExportTarget>& targets, const QString& start) {
  for (const ExportTarget& t : targets)
    if (t.label.startsWith(start)) return &t;
  return nullptr;
}

// A minimal outlier run for the Compare tab: the lists calculate_metrics reads, a config and layer_stats.
QString writeOutlierRun(const QString& folder, const QString& model, double threshold, int unique) {
  QJsonArray exact;
  for (int i = 0; i < unique; ++i)
    exact << QJsonObject{{"feature_dim", i}, {"max_magnitude", 10.0}, {"layer_percentage", 0.5}, {"seq_percentage", 0.25},
                         {"total_occurrences", 5}, {"layers_affected", QJsonArray{"layer_0_ln_attn"}}, {"example_values", QJsonArray{10.0}}};
  writeJson(folder + "/final_analysis_results.json",
            {{"model", model}, {"all_systematic_outliers", exact}, {"systematic_outliers", exact}, {"top_features", exact},
             {"model_info", QJsonObject{{"total_params", 1.5e9}, {"active_params", 1.5e9}, {"model_type", "llama"}}}});
  writeJson(folder + "/config.json", {{"model", QJsonObject{{"name", model}}},
                                      {"analysis", QJsonObject{{"magnitude_threshold", threshold}}}});
  writeJson(folder + "/layer_stats.json",
            {{"format", "owb.layer_stats"}, {"model", model}, {"threshold", threshold}, {"hidden_size", 2}, {"sequences", 1},
             {"sequence_length", 10}, {"positions", 10}, {"hooks", QJsonArray{"layer_0_ln_attn", "layer_1_ln_attn"}},
             {"max_abs", QJsonArray{QJsonArray{1.0, 9.0}, QJsonArray{1.0, 8.0}}},
             {"hits", QJsonArray{QJsonArray{0.0, 5.0}, QJsonArray{0.0, 10.0}}}});
  return QFileInfo(folder).absoluteFilePath();
}

}  // namespace

class GuiTabExportTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString sw_run_;
  QString vocab_run_;

  bool loadCards(SuperWeightCardsModel& model) {
    QSignalSpy loaded(&model, &SuperWeightCardsModel::cardsLoaded);
    model.loadFolders({sw_run_, vocab_run_});
    return loaded.wait(20000);
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English));
    const SuperWeightRuns runs = makeSuperWeightRuns(dir_, /*vocab_cascade=*/false);
    QVERIFY2(runs.error.isEmpty(), qPrintable(runs.error));
    sw_run_ = runs.sw_run;
    vocab_run_ = runs.vocab_run;
  }

  void superWeightCardsExportAsCsvAndJsonWithTheirNumbers() {
    SuperWeightCardsModel model;
    QVERIFY(loadCards(model));
    QCOMPARE(model.rowCount(), 2);
    owb::widgets::SuperWeightGrid grid;
    grid.setModel(&model);
    const QVector<ExportTarget> targets = owb::widgets::superWeightExportTargets(&grid);
    const ExportTarget* cards = targetNamed(targets, "Super-weight cards");
    QVERIFY(cards && cards->available && !cards->is_plot);
    QTemporaryDir out;
    QString error;
    QVERIFY2(cards->save(out.filePath("cards.csv"), ImageExportOptions(), &error), qPrintable(error));
    QVERIFY2(cards->save(out.filePath("cards.json"), ImageExportOptions(), &error), qPrintable(error));
    QVERIFY(!cards->save(out.filePath("cards.txt"), ImageExportOptions(), &error));
    QVERIFY2(error.contains(".csv or .json"), qPrintable(error));

    const QVector<QMap<QString, QString>> rows = readCsv(out.filePath("cards.csv"));
    QCOMPARE(rows.size(), 2);
    const QJsonArray json = QJsonDocument::fromJson(readAll(out.filePath("cards.json"))).array();
    QCOMPARE(json.size(), 2);
    for (int i = 0; i < 2; ++i) {
      const owb::models::SuperWeightCard* card = model.cardAt(i);
      QCOMPARE(rows[i]["layer"].toInt(), card->layer);
      QCOMPARE(rows[i]["row"].toInt(), card->row);
      QCOMPARE(rows[i]["col"].toInt(), card->col);
      QCOMPARE(rows[i]["value"].toDouble(), card->value);
      QCOMPARE(rows[i]["perplexity_ratio"].toDouble(), card->perplexity_ratio);  // shortest round-trip: exact
      QCOMPARE(rows[i]["delta_loss"].toDouble(), card->deltas.value("loss"));
      QCOMPARE(rows[i]["bootstrap_loss_ci_low"].toDouble(), card->bootstrap.value("loss").low);
      const QJsonObject o = json[i].toObject();
      QCOMPARE(o.value("layer").toInt(), card->layer);
      QCOMPARE(o.value("zeroed_perplexity").toDouble(), card->zeroed_perplexity);
      QCOMPARE(o.value("tokens_up").toArray().size(), card->tokens_up.size());
    }
    QCOMPARE(rows[0]["layer"], QString("1"));
    QCOMPARE(rows[0]["row"], QString("3"));
    QCOMPARE(rows[0]["col"], QString("7"));
    QCOMPARE(rows[0]["value"], QString("2"));
    QCOMPARE(rows[1]["value"], QString("-1.5"));
  }

  void detectionPlotExportsAsPngAndSvgOfTheSelectedCard() {
    SuperWeightCardsModel model;
    QVERIFY(loadCards(model));
    owb::widgets::SuperWeightGrid no_cards;  // nothing to export before cards are loaded
    for (const ExportTarget& target : owb::widgets::superWeightExportTargets(&no_cards)) QVERIFY(!target.available);
    owb::widgets::SuperWeightGrid grid;
    grid.resize(1200, 800);
    grid.setModel(&model);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QVERIFY(grid.selectCard(model.cardAt(1)->key()));
    const QVector<ExportTarget> targets = owb::widgets::superWeightExportTargets(&grid);
    const ExportTarget* plot = targetNamed(targets, "Super-weight detection plot");
    QVERIFY(plot && plot->available && plot->is_plot);
    QCOMPARE(plot->default_name, QString("planted_layer2_detection_iterations.png"));
    QTemporaryDir out;
    ImageExportOptions options;
    options.size_px = QSize(900, 600);
    QString error;
    QVERIFY2(plot->save(out.filePath("detection.png"), options, &error), qPrintable(error));
    QCOMPARE(QImage(out.filePath("detection.png")).size(), QSize(900, 600));
    QVERIFY2(plot->save(out.filePath("detection.svg"), options, &error), qPrintable(error));
    QVERIFY(readAll(out.filePath("detection.svg")).contains("<svg"));
  }

  void compareTablesAndProfileExport() {
    QTemporaryDir ws;
    const QString a = writeOutlierRun(ws.filePath("runs/a"), "org/model-a", 6.0, 3);
    const QString b = writeOutlierRun(ws.filePath("runs/b"), "org/model-b", 5.0, 1);
    owb::widgets::CompareView view;
    view.resize(1200, 800);
    view.show();
    QVERIFY(!targetNamed(owb::widgets::compareExportTargets(&view), "Compare table")->available);
    QSignalSpy shown(&view, &owb::widgets::CompareView::runsShown);
    view.setRuns({a, b});
    QVERIFY(shown.wait(10000));
    const QVector<ExportTarget> targets = owb::widgets::compareExportTargets(&view);
    QTemporaryDir out;
    QString error;
    const ExportTarget* table = targetNamed(targets, "Compare table");
    QVERIFY(table && table->available);
    QVERIFY2(table->save(out.filePath("compare.csv"), ImageExportOptions(), &error), qPrintable(error));
    const QVector<QMap<QString, QString>> rows = readCsv(out.filePath("compare.csv"));
    QCOMPARE(rows.size(), 2);  // one row per run, comparison.csv's keys
    QCOMPARE(readAll(out.filePath("compare.csv")).split('\n').first(), owb::models::comparisonKeys().join(',').toUtf8());
    QCOMPARE(rows[0]["model"], QString("org/model-a"));
    QCOMPARE(rows[0]["unique_systematic"], QString("3"));
    QCOMPARE(rows[1]["model"], QString("org/model-b"));
    QCOMPARE(rows[1]["unique_systematic"], QString("1"));
    QVERIFY2(table->save(out.filePath("compare.json"), ImageExportOptions(), &error), qPrintable(error));
    QCOMPARE(QJsonDocument::fromJson(readAll(out.filePath("compare.json"))).array().size(), 2);

    const ExportTarget* diff = targetNamed(targets, "Compare config differences");
    QVERIFY(diff && diff->available);
    QVERIFY2(diff->save(out.filePath("diff.csv"), ImageExportOptions(), &error), qPrintable(error));
    const QVector<QMap<QString, QString>> diff_rows = readCsv(out.filePath("diff.csv"));
    QCOMPARE(diff_rows.size(), 2);  // the keys that differ
    QCOMPARE(diff_rows[0]["config.json key"], QString("analysis.magnitude_threshold"));
    QCOMPARE(diff_rows[0]["a"], QString("6"));
    QCOMPARE(diff_rows[0]["b"], QString("5"));
    QCOMPARE(diff_rows[1]["config.json key"], QString("model.name"));

    const ExportTarget* profile = targetNamed(targets, "Compare profile of dim 1");
    QVERIFY(profile && profile->available && profile->is_plot);
    ImageExportOptions options;
    options.size_px = QSize(800, 500);
    QVERIFY2(profile->save(out.filePath("profile.png"), options, &error), qPrintable(error));
    QCOMPARE(QImage(out.filePath("profile.png")).size(), QSize(800, 500));
    QVERIFY2(profile->save(out.filePath("profile.svg"), options, &error), qPrintable(error));
    QVERIFY(readAll(out.filePath("profile.svg")).contains("<svg"));
  }

  void exportDialogPreselectsTheCurrentTabsTarget() {
    QCoreApplication::setOrganizationName("OutlierWorkbenchTests");
    QCoreApplication::setApplicationName("gui_tab_export");
    QSettings().clear();
    owb::gui::MainWindow window;
    window.show();
    QSignalSpy opened(&window, &owb::gui::MainWindow::workspaceOpened);
    QSignalSpy cards(window.superWeightCards(), &SuperWeightCardsModel::cardsLoaded);
    window.openWorkspace(dir_.filePath("ws"));
    QVERIFY(opened.wait(20000));
    QVERIFY(cards.count() > 0 || cards.wait(20000));
    const auto chosenTarget = [&window](QWidget* tab) {
      window.tabs()->setCurrentWidget(tab);
      QString label;
      QTimer::singleShot(0, &window, [&label] {
        for (QWidget* w : QApplication::topLevelWidgets())
          if (auto* dialog = qobject_cast<owb::widgets::ExportDialog*>(w)) {
            label = dialog->findChild<QComboBox*>()->currentText();
            dialog->reject();
          }
      });
      window.exportDialog();
      return label;
    };
    QCOMPARE(chosenTarget(window.superWeightGrid()), QString("Super-weight cards (CSV, JSON)"));
    QSignalSpy compared(window.compareView(), &owb::widgets::CompareView::runsShown);
    window.selectRuns({sw_run_, vocab_run_});
    QVERIFY(compared.wait(20000));
    QCOMPARE(chosenTarget(window.compareView()), QString("Compare table (CSV, JSON)"));
  }

  void headlessExportWritesCardsAndDetectionPlots() {
    QTemporaryDir out;
    ImageExportOptions options;
    options.size_px = QSize(640, 400);
    const owb::widgets::WorkspaceExport result = owb::widgets::exportWorkspace(dir_.filePath("ws"), out.path(), options);
    QVERIFY2(result.ok(), qPrintable(result.errors.join('\n')));
    QVERIFY(result.written.contains(out.filePath("super_weights.csv")));
    QCOMPARE(readCsv(out.filePath("super_weights.csv")).size(), 2);
    QCOMPARE(QJsonDocument::fromJson(readAll(out.filePath("super_weights.json"))).array().size(), 2);
    const QString plot = out.filePath("super_weights/planted_detection_iterations.png");
    QVERIFY2(result.written.contains(plot), qPrintable(result.written.join('\n')));
    QCOMPARE(QImage(plot).size(), QSize(640, 400));
  }
};

QTEST_MAIN(GuiTabExportTest)
#include "test_gui_tab_export.moc"
