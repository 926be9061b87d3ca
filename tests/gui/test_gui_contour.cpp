// The heatmap's threshold contour: the unit cell edges around the cells with max |x| >= the
// threshold, counted on planted matrices whose edge count is worked out by hand.
#include "heatmap_contour.h"
#include "heatmap_matrix.h"
#include "heatmap_view.h"
#include "systematic_outliers_model.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QStandardPaths>
#include <QtTest>

using owb::models::HeatmapMatrix;
using owb::models::LayerStats;
using owb::widgets::HeatmapView;
using owb::widgets::thresholdContour;

namespace {

// hooks x dims, every cell 1.0 (hits 0) except `planted` ((hook, dim) -> max |x|).
LayerStats plantedStats(int hooks, int dims, const QVector<std::tuple<int, int, double>>& planted) {
  LayerStats stats;
  stats.threshold = 6.0;
  stats.hidden_size = dims;
  stats.positions = 10;
  for (int h = 0; h < hooks; ++h) stats.hooks << QStringLiteral("layer_%1_%2").arg(h / 2).arg(h % 2 ? "ln_mlp" : "ln_attn");
  stats.max_abs.fill(1.0, hooks * dims);
  stats.hits.fill(0.0, hooks * dims);
  for (const auto& [h, d, v] : planted) {
    stats.max_abs[h * dims + d] = v;
    stats.hits[h * dims + d] = v >= 6.0 ? 3.0 : 0.0;
  }
  return stats;
}

}  // namespace

class GuiContourTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English));
  }

  void loneCellHasFourEdges() {
    const QVector<QLine> edges = thresholdContour(3, 3, [](int c, int r) { return c == 1 && r == 1; });
    QCOMPARE(edges.size(), 4);
    QVERIFY(edges.contains(QLine(1, 1, 1, 2)));  // left
    QVERIFY(edges.contains(QLine(2, 1, 2, 2)));  // right
    QVERIFY(edges.contains(QLine(1, 1, 2, 1)));  // top
    QVERIFY(edges.contains(QLine(1, 2, 2, 2)));  // bottom
  }

  void blockAndRingEdgesAreItsBoundary() {
    // A 2 x 3 block: perimeter 2 (2 + 3) = 10 unit edges; no edge inside it.
    QCOMPARE(thresholdContour(5, 4, [](int c, int r) { return c >= 1 && c <= 3 && r >= 1 && r <= 2; }).size(), 10);
    // A 3 x 3 ring: 12 outer edges and the 4 around its hole.
    QCOMPARE(thresholdContour(3, 3, [](int c, int r) { return !(c == 1 && r == 1); }).size(), 16);
    // The whole matrix: its border only.
    QCOMPARE(thresholdContour(4, 2, [](int, int) { return true; }).size(), 12);
    QCOMPARE(thresholdContour(4, 2, [](int, int) { return false; }).size(), 0);
  }

  void heatmapOutlinesCellsAtOrAboveThreshold() {
    // 6 hooks x 10 dims: a 2 x 3 block (10 edges), a cell at exactly 6.0 in the top-left corner
    // (inclusive: 4 edges), a lone cell in the bottom-right corner (4), two cells touching only at
    // a corner (8) and a cell at 5.99 (not outlined).
    HeatmapMatrix matrix;
    owb::models::SystematicOutliersModel systematic;
    matrix.setLayerStats(plantedStats(6, 10,
                                      {{1, 2, 9.0}, {1, 3, 12.0}, {1, 4, 7.0}, {2, 2, 8.0}, {2, 3, 6.5}, {2, 4, 30.0},
                                       {0, 0, 6.0}, {5, 9, 50.0}, {3, 6, 10.0}, {4, 7, 11.0}, {4, 0, 5.99}}));
    HeatmapView view;
    view.resize(1200, 700);
    view.setModels(&matrix, &systematic);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(view.isShowingPlot());
    QVERIFY(view.contourVisible());
    QCOMPARE(view.contourThreshold(), 6.0);
    QCOMPARE(view.contourEdgeCount(), 10 + 4 + 4 + 8);
    // The lone corner cell's edges lie on the matrix border, in plot coordinates cell (9, 5) spans
    // x 8.5..9.5 and y 4.5..5.5.
    const QVector<QLine>& edges = view.contourItem()->edges();
    QVERIFY(edges.contains(QLine(10, 5, 10, 6)));
    QVERIFY(edges.contains(QLine(9, 6, 10, 6)));
    // The contour follows max |x| whichever measure colours the map.
    matrix.setMeasure(HeatmapMatrix::Measure::HitShare);
    QTest::qWait(50);
    QCOMPARE(view.contourEdgeCount(), 26);
    // A higher threshold leaves the cells >= 20: (2, 4) and (5, 9).
    QDoubleSpinBox* spin = nullptr;
    for (QDoubleSpinBox* s : view.findChildren<QDoubleSpinBox*>())
      if (s->toolTip().contains("contour")) spin = s;
    QVERIFY(spin);
    spin->setValue(20.0);
    QCOMPARE(view.contourEdgeCount(), 8);
    // Lower: the 5.99 cell joins (4 more edges).
    view.setContourThreshold(5.9);
    QCOMPARE(view.contourEdgeCount(), 30);
    // Toggled off by its check box, and on again.
    QCheckBox* box = nullptr;
    for (QCheckBox* b : view.findChildren<QCheckBox*>())
      if (b->text().remove('&').startsWith("Contour")) box = b;
    QVERIFY(box);
    box->setChecked(false);
    QVERIFY(!view.contourVisible());
    QCOMPARE(view.contourEdgeCount(), 0);
    view.setContourVisible(true);
    QVERIFY(box->isChecked());
    QCOMPARE(view.contourEdgeCount(), 30);
  }

  void binnedColumnsAreOutlinedAsDrawn() {
    // 2 hooks x 4000 dims on a narrow plot: columns are binned (several per cell). One planted
    // dim still makes one outlined cell per hook row it is in: a 1 x 2 block, 6 edges.
    HeatmapMatrix matrix;
    owb::models::SystematicOutliersModel systematic;
    matrix.setLayerStats(plantedStats(2, 4000, {{0, 1234, 40.0}, {1, 1234, 40.0}}));
    HeatmapView view;
    view.resize(700, 500);
    view.setModels(&matrix, &systematic);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::qWait(50);  // the bins follow the plot's width after layout
    QVERIFY(view.plot()->axisRect()->width() < 4000);
    QCOMPARE(view.contourEdgeCount(), 6);
  }
};

QTEST_MAIN(GuiContourTest)
#include "test_gui_contour.moc"
