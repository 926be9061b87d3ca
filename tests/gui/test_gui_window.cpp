// The real main window, offscreen: open a workspace, select runs, drive the heatmap.
#include "gui_fixtures.h"

#include "dim_profile_panel.h"
#include "heatmap_matrix.h"
#include "heatmap_view.h"
#include "main_window.h"
#include "run_store_model.h"
#include "systematic_outliers_model.h"
#include "systematic_table_view.h"

#include <qcustomplot.h>

#include <QAction>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace owb::gui_test;
using owb::gui::MainWindow;
using owb::models::RunStoreModel;

class GuiWindowTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir workspace_;
  QString outlier_run_;
  QString seed_run_;
  QString broken_run_;

  // A shown window with the fixture workspace open.
  void openFixture(MainWindow& window) {
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &MainWindow::workspaceOpened);
    window.openWorkspace(workspace_.path());
    QCOMPARE(window.runStore()->runCount(), 0);  // scanning is asynchronous
    QVERIFY(opened.wait(10000));
    QCOMPARE(window.runStore()->runCount(), 4);
  }

  // Selects `path` the way a user does (the tree's current index) and waits until it is shown.
  void showRun(MainWindow& window, const QString& path) {
    QSignalSpy shown(&window, &MainWindow::runShown);
    const QModelIndex index = window.runStore()->indexOfRun(path);
    QVERIFY(index.isValid());
    window.runTree()->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    // Reading happens on a worker thread: nothing is filled before the event loop runs.
    QVERIFY(window.heatmapMatrix()->isEmpty());
    QVERIFY(shown.wait(10000));
    QCOMPARE(shown.at(0).at(0).toString(), path);
  }

  QPoint pixelOfCell(owb::widgets::HeatmapView* view, int row, int column) {
    view->plot()->replot();
    return QPoint(int(view->plot()->xAxis->coordToPixel(column)), int(view->plot()->yAxis->coordToPixel(row)));
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("OutlierWorkbenchTests");
    QCoreApplication::setApplicationName("gui_window");
    QSettings().clear();
    QLocale::setDefault(QLocale(QLocale::English));
    outlier_run_ = writeOutlierRun(workspace_.filePath("runs/qwen"), "outliers_20250101_120000");
    writePerplexityRun(workspace_.filePath("runs/qwen"), "ppl_20250101_120500", 12.5);
    seed_run_ = writeSeedRun(workspace_.filePath("remote_results"), "olmoe_20240101_000000");
    broken_run_ = QFileInfo(workspace_.filePath("runs/broken/run_1")).absoluteFilePath();
    writeBytes(broken_run_ + "/layer_stats.json", "{\"hooks\": [\"layer_0_ln_attn\"], \"max_abs\": [[1, 2]");
  }

  void opensWorkspaceAndListsRunsInTree() {
    MainWindow window;
    openFixture(window);
    QCOMPARE(window.runTree()->model(), window.runStore());
    QStringList experiments;
    for (int row = 0; row < window.runStore()->rowCount(); ++row) experiments << window.runStore()->index(row, 0).data().toString();
    QCOMPARE(experiments, (QStringList{"broken", "qwen", "remote_results"}));
    QVERIFY(window.runTree()->isExpanded(window.runStore()->index(1, 0)));
    QCOMPARE(MainWindow::recentWorkspaces().value(0), QFileInfo(workspace_.path()).absoluteFilePath());
  }

  void selectingRunFillsHeatmapWithFileValues() {
    MainWindow window;
    openFixture(window);
    showRun(window, outlier_run_);
    auto* view = window.heatmapView();
    QTRY_VERIFY(view->isShowingPlot());
    const LayerStatsFixture expected = smallLayerStats();
    QCOMPARE(view->visibleDims().size(), expected.hidden_size);
    QCOMPARE(view->colorMap()->data()->keySize(), expected.hidden_size);
    QCOMPARE(view->colorMap()->data()->valueSize(), expected.hooks.size());
    for (int h = 0; h < expected.hooks.size(); ++h)
      for (int d = 0; d < expected.hidden_size; ++d) QCOMPARE(view->plottedValue(h, d), expected.max_abs[h][d]);
    QCOMPARE(window.systematicModel()->rowCount(), 2);
    QVERIFY(view->toolTipForCell(2, 3).startsWith("layer_1_ln_attn\ndim 3\nmax |x| = 22"));
  }

  void clickingCellSelectsDimensionEverywhere() {
    MainWindow window;
    openFixture(window);
    showRun(window, outlier_run_);
    auto* view = window.heatmapView();
    QTRY_VERIFY(view->isShowingPlot());
    QSignalSpy selected(view, &owb::widgets::HeatmapView::dimensionSelected);
    const QPoint pixel = pixelOfCell(view, 1, 5);
    int row = -1, column = -1;
    QVERIFY(view->cellAt(pixel, &row, &column));
    QCOMPARE(row, 1);
    QCOMPARE(column, 5);
    QTest::mouseClick(view->plot(), Qt::LeftButton, Qt::NoModifier, pixel);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toInt(), 5);
    QCOMPARE(view->profilePanel()->dim(), 5);
    QVERIFY(view->profilePanel()->recordText().contains("Systematic"));
    const QModelIndex current = window.systematicView()->table()->currentIndex();
    QCOMPARE(current.data(owb::models::SystematicOutliersModel::FeatureDimRole).toInt(), 5);
    // Profile plot: max |x| of dim 5 per layer, one line per hook kind (ln_attn first).
    QCPGraph* attn = view->profilePanel()->plot()->graph(0);
    QCOMPARE(attn->name(), QString("ln_attn"));
    QCOMPARE(attn->dataCount(), 2);
    QCOMPARE(attn->data()->at(1)->key, 1.0);
    QCOMPARE(attn->data()->at(1)->value, smallLayerStats().max_abs[2][5]);

    // And back: a row of the table selects the dim in the heatmap.
    window.systematicView()->table()->setCurrentIndex(window.systematicView()->table()->model()->index(0, 0));
    QCOMPARE(view->selectedDim(), 3);
  }

  void systematicOnlyAndLogScaleRedraw() {
    MainWindow window;
    openFixture(window);
    showRun(window, outlier_run_);
    auto* view = window.heatmapView();
    QTRY_VERIFY(view->isShowingPlot());
    view->setSystematicOnly(true);
    QCOMPARE(view->visibleDims(), (QVector<int>{3, 5}));
    QCOMPARE(view->plottedValue(0, 0), smallLayerStats().max_abs[0][3]);
    QCOMPARE(view->plottedValue(1, 1), smallLayerStats().max_abs[1][5]);
    view->setSystematicOnly(false);
    window.heatmapMatrix()->setMeasure(owb::models::HeatmapMatrix::Measure::HitShare);
    view->setLogScale(true);
    QTRY_COMPARE(view->plottedValue(0, 3), 1.0);
    for (int d = 0; d < 8; ++d) QVERIFY(view->plottedValue(1, d) > 0);  // zero hits clamped for the log scale
  }

  void seedRunFillsSystematicTableAndExplainsMissingHeatmap() {
    MainWindow window;
    openFixture(window);
    showRun(window, seed_run_);
    QCOMPARE(window.systematicModel()->rowCount(), seedTopFeatures().size());
    QCOMPARE(window.systematicModel()->source(), owb::models::SystematicSource::SeedTopFeatures);
    QVERIFY(!window.heatmapView()->isShowingPlot());
    QVERIFY(window.heatmapView()->messageText().contains("no layer_stats.json"));
  }

  void brokenRunShowsErrorAndWindowStaysUsable() {
    MainWindow window;
    openFixture(window);
    showRun(window, broken_run_);
    QVERIFY(!window.heatmapView()->isShowingPlot());
    QVERIFY2(window.heatmapView()->messageText().contains("layer_stats.json: not valid JSON"),
             qPrintable(window.heatmapView()->messageText()));
    showRun(window, outlier_run_);
    QTRY_VERIFY(window.heatmapView()->isShowingPlot());
  }

  void rescanKeepsTheSelectedRun() {
    MainWindow window;
    openFixture(window);
    showRun(window, outlier_run_);
    QSignalSpy shown(&window, &MainWindow::runShown);
    window.rescan();
    QVERIFY(shown.wait(10000));
    QCOMPARE(window.currentRunPath(), outlier_run_);
    QTRY_VERIFY(window.heatmapView()->isShowingPlot());
  }

  void wideMatrixKeepsSingleOutlierColumnVisible() {
    // More dims than pixels: cells are max-binned, so one outlier column still shows.
    owb::models::HeatmapMatrix matrix;
    owb::models::SystematicOutliersModel systematic;
    QVector<double> max_abs(5000, 1.0), hits(5000, 0.0);
    max_abs[1234] = 50.0;
    hits[1234] = 7;
    matrix.updateHook("layer_0_ln_attn", max_abs, hits, 10);
    owb::widgets::HeatmapView view;
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setModels(&matrix, &systematic);
    QTRY_VERIFY(view.isShowingPlot());
    QCOMPARE(view.plottedValue(0, 1234), 50.0);
    QVERIFY(view.colorMap()->data()->keySize() < 5000);
    // Hovering along the row reaches dim 1234 (its bin stands for its brightest column, the
    // others for their first), never its left neighbour, and every cell is reachable (the
    // last, partial one may be narrower than a pixel).
    view.plot()->replot();
    QTest::qWait(20);  // a refill for the laid-out width
    const QRect area = view.plot()->axisRect()->rect();
    const int y = int(view.plot()->yAxis->coordToPixel(0));
    QSet<int> reached;
    for (int x = area.left(); x <= area.right(); ++x) {
      int row = -1, column = -1;
      if (view.cellAt(QPointF(x, y), &row, &column)) reached.insert(column);
    }
    QVERIFY(reached.contains(1234));
    QVERIFY(!reached.contains(1233));
    QVERIFY(reached.size() >= view.colorMap()->data()->keySize() - 1);

    // A layer_stats event adds a row live.
    max_abs[42] = 9.0;
    matrix.updateHook("layer_0_ln_mlp", max_abs, hits, 10);
    QTRY_COMPARE(view.colorMap()->data()->valueSize(), 2);
    QCOMPARE(view.plottedValue(1, 42), 9.0);
  }

  void standardShortcutsAreBound() {
    MainWindow window;
    QStringList shortcuts;
    for (QAction* action : window.findChildren<QAction*>()) shortcuts << action->shortcut().toString();
    QVERIFY(shortcuts.contains("Ctrl+O"));
    QVERIFY(shortcuts.contains("F5"));
    QVERIFY(shortcuts.contains("Ctrl+Q"));
  }
};

QTEST_MAIN(GuiWindowTest)
#include "test_gui_window.moc"
