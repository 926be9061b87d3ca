#include "heatmap_contour.h"

namespace owb::widgets {

QVector<QLine> thresholdContour(int columns, int rows, const std::function<bool(int column, int row)>& above) {
  QVector<QLine> edges;
  const auto in = [&](int c, int r) { return c >= 0 && r >= 0 && c < columns && r < rows && above(c, r); };
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < columns; ++c) {
      if (!in(c, r)) continue;
      if (!in(c - 1, r)) edges << QLine(c, r, c, r + 1);
      if (!in(c + 1, r)) edges << QLine(c + 1, r, c + 1, r + 1);
      if (!in(c, r - 1)) edges << QLine(c, r, c + 1, r);
      if (!in(c, r + 1)) edges << QLine(c, r + 1, c + 1, r + 1);
    }
  return edges;
}

HeatmapContourItem::HeatmapContourItem(QCustomPlot* plot) : QCPAbstractItem(plot) {
  setSelectable(false);
}

void HeatmapContourItem::setEdges(const QVector<QLine>& edges, double x0, double x_step, double y0) {
  edges_ = edges;
  x0_ = x0;
  x_step_ = x_step;
  y0_ = y0;
}

double HeatmapContourItem::selectTest(const QPointF&, bool, QVariant*) const { return -1; }

void HeatmapContourItem::draw(QCPPainter* painter) {
  QCPAxisRect* rect = clipAxisRect();
  if (edges_.isEmpty() || !rect) return;
  QCPAxis* x_axis = rect->axis(QCPAxis::atBottom);
  QCPAxis* y_axis = rect->axis(QCPAxis::atLeft);
  QVector<QLineF> lines;
  lines.reserve(edges_.size());
  const auto pixel = [&](int c, int r) {
    return QPointF(x_axis->coordToPixel(x0_ + c * x_step_), y_axis->coordToPixel(y0_ + r));
  };
  for (const QLine& e : edges_) lines << QLineF(pixel(e.x1(), e.y1()), pixel(e.x2(), e.y2()));
  // A dark line under a light one: visible on the bright and the dark end of every gradient.
  painter->setPen(QPen(QColor(0, 0, 0, 170), 3.0, Qt::SolidLine, Qt::FlatCap));
  painter->drawLines(lines);
  painter->setPen(QPen(QColor(255, 255, 255), 1.4, Qt::SolidLine, Qt::FlatCap));
  painter->drawLines(lines);
}

}  // namespace owb::widgets
