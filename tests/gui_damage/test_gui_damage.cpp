// The Damage tab over the standard synthetic table (damage_fixtures.h): 70m / 160m / 410m, five runs
// each, 70m run 5 planted in rank_reduction, 160m run 2 in perplexity_increase, a control group for
// 410m, and one failed run folder. Expected values are worked out in tests/damage_report.
// test_support.h (ATen) before any Qt header: ATen uses the name `slots`.
#include "test_support.h"

#include "damage_fixtures.h"
#include "damage_summary_model.h"
#include "damage_view.h"
#include "main_window.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QtTest>

#include <cmath>

using owb::models::DamageSummaryModel;
using namespace owb::test;

namespace {

constexpr double kT4 = 2.7764451051977987;  // t_{0.975, 4}

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

struct Table {
  TempDir tmp;
  std::string root = tmp.file("results");
  Table() { write_standard_damage_table(root); }
  QString dir() const { return QString::fromStdString(root); }
};

bool loadInto(DamageSummaryModel& model, const QString& dir) {
  QSignalSpy loaded(&model, &DamageSummaryModel::summaryLoaded);
  model.loadResultsDir(dir);
  return loaded.wait(10000);
}

double cell(const DamageSummaryModel& model, int row, int column) {
  return model.data(model.index(row, column), DamageSummaryModel::SortRole).toDouble();
}

QVector<QPointF> points(const QCPGraph* graph) {
  QVector<QPointF> out;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) out << QPointF(it->key, it->value);
  return out;
}

}  // namespace

class GuiDamageTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QLocale::setDefault(QLocale::c());
    QStandardPaths::setTestModeEnabled(true);  // QSettings away from the user's
    QCoreApplication::setOrganizationName("OutlierWorkbenchTests");
  }

  // Rows by model size, then run: 70m runs 1..5, 160m, 410m; the failed folder is a warning.
  void modelListsOneRowPerRun() {
    Table t;
    DamageSummaryModel model;
    QVERIFY(loadInto(model, t.dir()));
    QCOMPARE(model.rowCount(), 15);
    QCOMPARE(model.data(model.index(0, DamageSummaryModel::ModelColumn)).toString(), QString("70m"));
    QCOMPARE(cell(model, 4, DamageSummaryModel::RankReductionColumn), 80.0);
    QCOMPARE(cell(model, 4, DamageSummaryModel::RunColumn), 5.0);
    QCOMPARE(model.data(model.index(4, DamageSummaryModel::SeedColumn)).toInt(), 47);
    QCOMPARE(cell(model, 5, DamageSummaryModel::RankReductionColumn), -20.0);
    QCOMPARE(model.data(model.index(0, DamageSummaryModel::ParamsColumn)).toString(), QString("70M"));
    QCOMPARE(cell(model, 12, DamageSummaryModel::ControlRankReductionColumn), 3.0);  // 410m run 3
    QVERIFY(model.data(model.index(0, DamageSummaryModel::ControlRankReductionColumn)).toString().isEmpty());
    QVERIFY(model.error().isEmpty());
    QCOMPARE(model.warnings().size(), 1);
    QVERIFY(model.warnings().first().contains(kFailedRunFolder));
    QCOMPARE(model.report().models.size(), std::size_t(3));
  }

  void filterMarksRemovedRuns() {
    Table t;
    DamageSummaryModel model;
    QVERIFY(loadInto(model, t.dir()));
    owb::ScalingLawOptions options;
    options.filter = owb::OutlierFilter::Iqr;
    model.setOptions(options);
    for (int row = 0; row < model.rowCount(); ++row)
      QCOMPARE(model.data(model.index(row, 0), DamageSummaryModel::RemovedRole).toBool(), row == 4);
    QCOMPARE(model.data(model.index(4, DamageSummaryModel::FilterColumn)).toString(), QString("removed"));
    QVERIFY(near(model.report().stat(model.report().models[0], owb::DamageMetric::RankReduction).mean, 33.0));
  }

  void malformedResultsShowTheFile() {
    Table t;
    const std::string file = damage_run_folder(t.root, "70m", "pythia-70m", 2) + "/results.json";
    write_file(file, "{");
    DamageSummaryModel model;
    owb::widgets::DamageView view(&model);
    QSignalSpy loaded(&model, &DamageSummaryModel::summaryLoaded);
    view.setResultsDir(t.dir());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY2(model.error().contains(QString::fromStdString(file)), qPrintable(model.error()));
    QVERIFY2(view.message().contains(QString::fromStdString(file)), qPrintable(view.message()));
    QVERIFY(view.meansGraph()->data()->isEmpty());
  }

  void emptyFolderSaysSo() {
    TempDir tmp;
    DamageSummaryModel model;
    owb::widgets::DamageView view(&model);
    QVERIFY(view.message().contains("Open a folder"));
    QSignalSpy loaded(&model, &DamageSummaryModel::summaryLoaded);
    view.setResultsDir(QString::fromStdString(tmp.path()));
    QVERIFY(loaded.wait(10000));
    QVERIFY2(view.message().contains("No damage runs"), qPrintable(view.message()));
  }

  // One point per model at (total parameters, mean |rank reduction|): 42.4, 24, 14 (no filter);
  // 410m's interval is 14 -/+ t4 sqrt(0.5); the power law over the three means.
  void plotShowsOneMeanPerModelWithItsInterval() {
    Table t;
    DamageSummaryModel model;
    owb::widgets::DamageView view(&model);
    QSignalSpy loaded(&model, &DamageSummaryModel::summaryLoaded);
    view.setResultsDir(t.dir());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(points(view.meansGraph()), QVector<QPointF>({{7e7, 42.4}, {1.6e8, 24.0}, {4.1e8, 14.0}}));
    QCOMPARE(view.errorBars()->dataCount(), 3);
    QVERIFY(near(view.errorBars()->data()->at(2).errorPlus, kT4 * std::sqrt(0.5)));
    QVERIFY(near(view.errorBars()->data()->at(2).errorMinus, kT4 * std::sqrt(0.5)));
    const owb::PowerLawFit& fit = model.report().fit(owb::DamageMetric::RankReduction);
    const auto curve = points(view.fitGraph());
    QVERIFY(curve.size() > 10);
    QVERIFY(near(curve.first().y(), fit.at(7e7)));
    QVERIFY(near(curve.last().x(), 4.1e8));
    QVERIFY2(view.fitGraph()->name().contains("R²"), qPrintable(view.fitGraph()->name()));
    QVERIFY(view.plot()->xAxis->scaleType() == QCPAxis::stLogarithmic);
    QCOMPARE(view.table()->model()->rowCount(), 15);
    QVERIFY(view.message().contains(kFailedRunFolder));
    QVERIFY(view.findChild<QPushButton*>("openDamageFolder"));
  }

  // Perplexity increase: means 12, 11.6, 4; with IQR on it, 160m run 2 (25) goes: mean 8.25.
  void metricAndFilterChoicesRedrawThePlot() {
    Table t;
    DamageSummaryModel model;
    owb::widgets::DamageView view(&model);
    QSignalSpy loaded(&model, &DamageSummaryModel::summaryLoaded);
    view.setResultsDir(t.dir());
    QVERIFY(loaded.wait(10000));
    view.setMetric(owb::DamageMetric::PerplexityIncrease);
    QCOMPARE(points(view.meansGraph()), QVector<QPointF>({{7e7, 12.0}, {1.6e8, 11.6}, {4.1e8, 4.0}}));
    auto* filter = view.findChild<QComboBox*>("damageFilter");
    QVERIFY(filter);
    filter->setCurrentIndex(filter->findData(static_cast<int>(owb::OutlierFilter::Iqr)));
    QVERIFY(near(points(view.meansGraph())[1].y(), 8.25));
    QCOMPARE(model.options().filter_metric, owb::DamageMetric::PerplexityIncrease);
    QVERIFY(model.data(model.index(6, 0), DamageSummaryModel::RemovedRole).toBool());  // 160m run 2
  }

  void mainWindowHasADamageTab() {
    owb::gui::MainWindow window;
    auto* tabs = window.findChild<QTabWidget*>();
    QVERIFY(tabs);
    int found = -1;
    for (int i = 0; i < tabs->count(); ++i)
      if (tabs->tabText(i) == "&Damage") found = i;
    QVERIFY(found >= 0);
    QVERIFY(qobject_cast<owb::widgets::DamageView*>(tabs->widget(found)));
  }

  void openingAWorkspaceShowsItsDamageFolder() {
    TempDir ws;
    write_standard_damage_table(ws.file("damage"));
    owb::gui::MainWindow window;
    auto* view = window.findChild<owb::widgets::DamageView*>("damageTab");
    QVERIFY(view);
    window.openWorkspace(QString::fromStdString(ws.path()));
    QTRY_VERIFY_WITH_TIMEOUT(view->table()->model()->rowCount() > 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(points(view->meansGraph()).size(), 3, 10000);  // 70m, 160m, 410m
  }
};

QTEST_MAIN(GuiDamageTest)
#include "test_gui_damage.moc"
