#include "super_weight_detection_plot.h"

#include "model_catalog.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace owb::widgets {

namespace {
// Passes in order; the palette of the other plots (tab10-like).
const QColor kPassColours[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44), QColor(214, 39, 40),
                               QColor(148, 103, 189), QColor(140, 86, 75), QColor(227, 119, 194), QColor(127, 127, 127)};
constexpr double kFloor = 1e-3;  // log axis: |x| below this is drawn at the floor
}  // namespace

SuperWeightDetectionPlot::SuperWeightDetectionPlot(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  plot_ = new QCustomPlot(this);
  plot_->setObjectName("detectionPlot");
  plot_->setMinimumHeight(220);
  plot_->legend->setVisible(true);
  plot_->legend->setFont(QFont(font().family(), 8));
  // The legend right of the axes: the spikes fill the plot's top.
  auto* legend_column = new QCPLayoutGrid;
  plot_->plotLayout()->addElement(0, 1, legend_column);
  legend_column->addElement(0, 0, plot_->legend);
  legend_column->addElement(1, 0, new QCPLayoutGrid);  // filler: the legend keeps its height
  legend_column->setRowStretchFactors({0.01, 1.0});
  legend_column->setMargins(QMargins(0, 0, 6, 0));
  plot_->plotLayout()->setColumnStretchFactor(1, 0.001);
  plot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  plot_->plotLayout()->insertRow(0);
  title_ = new QCPTextElement(plot_, QString(), QFont(font().family(), 10, QFont::Bold));
  plot_->plotLayout()->addElement(0, 0, title_);
  plot_->plotLayout()->addElement(0, 1, new QCPLayoutGrid);  // keeps the title over the axes
  plot_->xAxis->setLabel(tr("Layer"));
  plot_->yAxis->setLabel(tr("max |activation|"));
  layout->addWidget(plot_);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->setAlignment(Qt::AlignCenter);
  layout->addWidget(message_);
  setAnalysis(nullptr, tr("Select a super-weight card to see its detection passes."));
}

void SuperWeightDetectionPlot::setAnalysis(const owb::models::SuperWeightAnalysis* analysis, const QString& message) {
  if (analysis) analysis_ = *analysis;
  else analysis_.reset();
  message_->setText(message);
  message_->setVisible(!message.isEmpty());
  rebuild();
}

void SuperWeightDetectionPlot::setHighlighted(int iteration, int layer) {
  highlighted_iteration_ = iteration;
  highlighted_layer_ = layer;
  rebuild();
}

void SuperWeightDetectionPlot::rebuild() {
  plot_->clearGraphs();
  plot_->clearItems();
  star_count_ = 0;
  plot_->setVisible(analysis_.has_value());
  if (!analysis_) {
    plot_->replot();
    return;
  }
  const owb::models::SuperWeightAnalysis& a = *analysis_;
  title_->setText(tr("Detection passes: %1").arg(owb::models::modelShortName(a.model)));
  double y_max = std::isfinite(a.spike_threshold) ? a.spike_threshold : 1.0;
  double y_min = y_max;
  int x_max = 0;
  QVector<double> star_x, star_y, big_x, big_y;
  for (int p = 0; p < a.passes.size(); ++p) {
    const owb::models::DetectionPass& pass = a.passes[p];
    const QColor colour = kPassColours[p % std::size(kPassColours)];
    QVector<double> x, in, out;
    for (const owb::models::DetectionLayer& l : pass.layers) {
      x << l.layer;
      in << std::max(kFloor, std::abs(l.input_value));
      out << std::max(kFloor, std::abs(l.output_value));
      y_max = std::max({y_max, in.last(), out.last()});
      y_min = std::min({y_min, in.last(), out.last()});
      x_max = std::max(x_max, l.layer);
    }
    QCPGraph* g_in = plot_->addGraph();
    g_in->setData(x, in, true);
    g_in->setPen(QPen(colour, 1.8));
    g_in->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
    g_in->setName(tr("pass %1 |input|").arg(pass.iteration));
    QCPGraph* g_out = plot_->addGraph();
    g_out->setData(x, out, true);
    g_out->setPen(QPen(colour, 1.4, Qt::DashLine));
    g_out->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 4));
    g_out->setName(tr("pass %1 |output|").arg(pass.iteration));
    for (int found : pass.found_layers) {
      const int i = int(x.indexOf(found));
      if (i < 0) continue;
      for (double y : {in[i], out[i]}) {
        const bool selected = found == highlighted_layer_ && pass.iteration == highlighted_iteration_;
        (selected ? big_x : star_x) << found;
        (selected ? big_y : star_y) << y;
        ++star_count_;
      }
    }
  }
  const auto stars = [this](const QVector<double>& x, const QVector<double>& y, double size, const QString& name) {
    if (x.isEmpty()) return;
    QCPGraph* g = plot_->addGraph();
    g->setData(x, y);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(198, 40, 40), 2), QColor(255, 214, 0), size));
    g->setName(name);
  };
  stars(star_x, star_y, 14, tr("super weight found"));
  stars(big_x, big_y, 22, tr("selected super weight"));
  if (std::isfinite(a.spike_threshold)) {
    auto* line = new QCPItemStraightLine(plot_);
    line->point1->setCoords(0, a.spike_threshold);
    line->point2->setCoords(1, a.spike_threshold);
    line->setPen(QPen(QColor(90, 90, 90), 1.2, Qt::DashDotLine));
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(0, a.spike_threshold);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setText(tr("spike threshold %1").arg(a.spike_threshold));
    label->setColor(QColor(90, 90, 90));
  }
  plot_->xAxis->setRange(-0.5, x_max + 0.5);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerFixed>::create());
  plot_->xAxis->ticker().staticCast<QCPAxisTickerFixed>()->setTickStep(x_max > 24 ? 4 : 1);
  plot_->yAxis->setRange(y_min * 0.5, y_max * 4);
  plot_->replot();
}

}  // namespace owb::widgets
