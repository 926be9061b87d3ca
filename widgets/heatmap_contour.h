#pragma once
// The threshold contour of the heatmap: the outline of the cells whose max |x| is at or above the
// magnitude threshold (Dettmers et al. 2022: 6.0), drawn as the cell edges that separate such a
// cell from a cell below it or from the outside of the matrix. Every edge is one unit segment,
// so a lone cell has 4 and a 2 x 3 block 10.
#include <QLine>
#include <QVector>

#include <qcustomplot.h>

#include <functional>

namespace owb::widgets {

// Edges between integer cell corners: corner (c, r) is the top-left corner of cell (c, r), so
// cell (c, r) spans corners (c, r) .. (c + 1, r + 1). `above(c, r)` says whether a cell is in.
QVector<QLine> thresholdContour(int columns, int rows, const std::function<bool(int column, int row)>& above);

// Draws such edges over a QCPColorMap in one pass (one item, not one per edge: a 4096-wide map
// can have tens of thousands). Corner (c, r) is at plot coordinates (x0 + c * x_step, y0 + r).
class HeatmapContourItem : public QCPAbstractItem {
  Q_OBJECT
 public:
  explicit HeatmapContourItem(QCustomPlot* plot);

  void setEdges(const QVector<QLine>& edges, double x0, double x_step, double y0);
  const QVector<QLine>& edges() const { return edges_; }
  // Not selectable: clicks go to the colour map underneath.
  double selectTest(const QPointF& pos, bool only_selectable, QVariant* details = nullptr) const override;

 protected:
  void draw(QCPPainter* painter) override;

 private:
  QVector<QLine> edges_;
  double x0_ = 0.0;
  double x_step_ = 1.0;
  double y0_ = 0.0;
};

}  // namespace owb::widgets
