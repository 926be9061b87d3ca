#include "export_heatmap.h"

#include "color_gradients.h"

#include <qcustomplot.h>

#include <QCoreApplication>

#include <memory>

namespace owb::widgets {
namespace {
// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::widgets::HeatmapExport)
};
}  // namespace

QCustomPlot* createHeatmapPlot(const owb::models::LayerStats& stats, const QString& title, QWidget* parent) {
  auto* plot = new QCustomPlot(parent);
  plot->plotLayout()->insertRow(0);
  plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(plot->font().family(), 11, QFont::Bold)));
  auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
  map->setInterpolate(false);
  map->setTightBoundary(false);
  const int rows = stats.rows(), dims = stats.hidden_size;
  map->data()->setSize(dims, rows);
  map->data()->setRange(QCPRange(0, std::max(dims - 1, 1)), QCPRange(0, std::max(rows - 1, 1)));
  for (int h = 0; h < rows; ++h)
    for (int d = 0; d < dims; ++d) map->data()->setCell(d, h, stats.maxAbs(h, d));
  auto* scale = new QCPColorScale(plot);
  plot->plotLayout()->addElement(1, 1, scale);
  scale->setType(QCPAxis::atRight);
  scale->axis()->setLabel(Text::tr("max |x|"));
  map->setColorScale(scale);
  map->setGradient(gradientById(QString()));
  map->rescaleDataRange(true);
  auto* margins = new QCPMarginGroup(plot);
  plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  plot->xAxis->setLabel(Text::tr("feature dimension"));
  plot->yAxis->setLabel(Text::tr("hook point"));
  plot->yAxis->setRangeReversed(true);  // first layer at the top, as in the GUI
  // Hook names as tick labels, thinned to at most ~32.
  auto ticker = QSharedPointer<QCPAxisTickerText>::create();
  const int step = std::max(1, (rows + 31) / 32);
  for (int h = 0; h < rows; h += step) ticker->addTick(h, stats.hooks[h]);
  plot->yAxis->setTicker(ticker);
  plot->rescaleAxes();
  plot->xAxis->setRange(-0.5, dims - 0.5);
  plot->yAxis->setRange(-0.5, rows - 0.5);
  return plot;
}

bool saveHeatmapImage(const owb::models::LayerStats& stats, const QString& title, const QString& path,
                      const ImageExportOptions& options, QString* error) {
  std::unique_ptr<QCustomPlot> plot(createHeatmapPlot(stats, title));
  return saveCustomPlotImage(plot.get(), path, options, error);
}

}  // namespace owb::widgets
