#include "heatmap_view.h"

#include "color_gradients.h"
#include "dim_profile_panel.h"
#include "heatmap_contour.h"
#include "heatmap_matrix.h"
#include "systematic_outliers_model.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace owb::widgets {

using owb::models::HeatmapMatrix;
using owb::models::SystematicOutliersModel;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Most tick labels an axis shows before it thins them out.
constexpr int kMaxRowLabels = 32;
constexpr int kMaxColumnLabels = 40;
constexpr int kMaxMarkerLabels = 24;
// Log scale: values below max * kLogFloorRatio share the lowest colour.
constexpr double kLogFloorRatio = 1e-4;
const QColor kMarkerColor(230, 85, 13);
constexpr double kSelectionGapPx = 3.0;
constexpr double kDefaultContourThreshold = 6.0;  // Dettmers et al. 2022

// A cell centred on each integer coordinate; a single cell still needs a non-empty range.
QCPRange cellRange(int n) { return n <= 1 ? QCPRange(-0.5, 0.5) : QCPRange(0, n - 1); }
}  // namespace

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent), gradient_id_(gradientIds().first()) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QWidget(this);
  buildControls(bar);
  layout->addWidget(bar);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  stack_ = new QStackedWidget(splitter);
  message_ = new QLabel(stack_);
  message_->setAlignment(Qt::AlignCenter);
  message_->setWordWrap(true);
  empty_message_ = tr("Select a run with a layer_stats.json to see its heatmap.");
  message_->setText(empty_message_);
  stack_->addWidget(message_);

  plot_ = new QCustomPlot(stack_);
  plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot_->setMouseTracking(true);
  map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
  map_->setInterpolate(false);
  map_->setTightBoundary(false);
  scale_ = new QCPColorScale(plot_);
  plot_->plotLayout()->addElement(0, 1, scale_);
  scale_->setType(QCPAxis::atRight);
  map_->setColorScale(scale_);
  auto* margins = new QCPMarginGroup(plot_);
  plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
  plot_->yAxis->setRangeReversed(true);
  plot_->xAxis->setLabel(tr("feature dimension"));
  plot_->yAxis->setLabel(tr("hook point"));
  plot_->xAxis2->setVisible(true);
  plot_->xAxis2->setTickLabelColor(kMarkerColor);
  plot_->xAxis2->setTickPen(QPen(kMarkerColor, 2));
  plot_->xAxis2->setSubTicks(false);
  plot_->xAxis2->setTickLength(0, 8);
  plot_->xAxis2->setLabel(tr("systematic dimensions"));
  plot_->xAxis2->setLabelColor(kMarkerColor);
  connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), plot_->xAxis2,
          qOverload<const QCPRange&>(&QCPAxis::setRange));
  refill_timer_ = new QTimer(this);
  refill_timer_->setSingleShot(true);
  refill_timer_->setInterval(0);
  connect(refill_timer_, &QTimer::timeout, this, &HeatmapView::refillForRange);
  connect(plot_->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), refill_timer_, qOverload<>(&QTimer::start));
  // The bins follow the plot's width in pixels, known only after layout.
  connect(plot_, &QCustomPlot::afterLayout, this, [this] {
    if (plot_->axisRect()->width() != binned_width_px_) refill_timer_->start();
  });
  contour_ = new HeatmapContourItem(plot_);
  selection_ = new QCPItemRect(plot_);
  selection_->setPen(QPen(Qt::white, 1));
  selection_->setBrush(Qt::NoBrush);
  selection_->setVisible(false);
  connect(plot_, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);
  connect(plot_, &QCustomPlot::mousePress, this, &HeatmapView::onMousePress);
  connect(plot_, &QCustomPlot::mouseRelease, this, &HeatmapView::onMouseRelease);
  connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { resetZoom(); });
  stack_->addWidget(plot_);

  profile_ = new DimProfilePanel(splitter);
  splitter->addWidget(stack_);
  splitter->addWidget(profile_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({900, 380});
  layout->addWidget(splitter, 1);

  rebuild_timer_ = new QTimer(this);
  rebuild_timer_->setSingleShot(true);
  rebuild_timer_->setInterval(0);
  connect(rebuild_timer_, &QTimer::timeout, this, &HeatmapView::rebuild);
  setGradientId(gradient_id_);
}

void HeatmapView::buildControls(QWidget* bar) {
  auto* row = new QHBoxLayout(bar);
  row->setContentsMargins(4, 4, 4, 0);
  row->addWidget(new QLabel(tr("Value:"), bar));
  measure_box_ = new QComboBox(bar);
  measure_box_->addItem(HeatmapMatrix::measureLabel(HeatmapMatrix::Measure::MaxAbs));
  measure_box_->addItem(HeatmapMatrix::measureLabel(HeatmapMatrix::Measure::HitShare));
  measure_box_->setToolTip(tr("max |x|: largest magnitude per hook and dimension; "
                              "hit share: positions with |x| >= threshold / positions"));
  row->addWidget(measure_box_);
  connect(measure_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int i) {
    if (matrix_) matrix_->setMeasure(i == 0 ? HeatmapMatrix::Measure::MaxAbs : HeatmapMatrix::Measure::HitShare);
  });
  row->addWidget(new QLabel(tr("Colours:"), bar));
  gradient_box_ = new QComboBox(bar);
  for (const QString& id : gradientIds()) gradient_box_->addItem(gradientDisplayName(id), id);
  row->addWidget(gradient_box_);
  connect(gradient_box_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this](int i) { setGradientId(gradient_box_->itemData(i).toString()); });
  log_box_ = new QCheckBox(tr("&Log scale"), bar);
  row->addWidget(log_box_);
  connect(log_box_, &QCheckBox::toggled, this, &HeatmapView::setLogScale);
  systematic_box_ = new QCheckBox(tr("&Systematic dims only"), bar);
  row->addWidget(systematic_box_);
  connect(systematic_box_, &QCheckBox::toggled, this, &HeatmapView::setSystematicOnly);
  contour_box_ = new QCheckBox(tr("C&ontour ≥"), bar);
  contour_box_->setChecked(contour_visible_);
  contour_box_->setToolTip(tr("Outline the cells whose max |x| is at or above the threshold"));
  row->addWidget(contour_box_);
  contour_spin_ = new QDoubleSpinBox(bar);
  contour_spin_->setRange(0.0, 1e9);
  contour_spin_->setDecimals(2);
  contour_spin_->setSingleStep(0.5);
  contour_spin_->setValue(kDefaultContourThreshold);
  contour_spin_->setToolTip(tr("Magnitude threshold of the contour (|x|)"));
  row->addWidget(contour_spin_);
  connect(contour_box_, &QCheckBox::toggled, this, &HeatmapView::setContourVisible);
  connect(contour_spin_, &QDoubleSpinBox::valueChanged, this, [this] {
    updateContour();
    plot_->replot(QCustomPlot::rpQueuedReplot);
  });
  auto* reset = new QPushButton(tr("&Reset zoom"), bar);
  reset->setToolTip(tr("Show the whole matrix (or double-click the plot)"));
  row->addWidget(reset);
  connect(reset, &QPushButton::clicked, this, &HeatmapView::resetZoom);
  row->addStretch(1);
}

void HeatmapView::setModels(HeatmapMatrix* matrix, SystematicOutliersModel* systematic) {
  if (matrix_) disconnect(matrix_, nullptr, this, nullptr);
  if (systematic_) disconnect(systematic_, nullptr, this, nullptr);
  matrix_ = matrix;
  systematic_ = systematic;
  profile_->setModels(matrix, systematic);
  for (QAbstractItemModel* model : {static_cast<QAbstractItemModel*>(matrix), static_cast<QAbstractItemModel*>(systematic)}) {
    if (!model) continue;
    connect(model, &QAbstractItemModel::modelReset, this, &HeatmapView::scheduleRebuild);
    connect(model, &QAbstractItemModel::dataChanged, this, &HeatmapView::scheduleRebuild);
    connect(model, &QAbstractItemModel::rowsInserted, this, &HeatmapView::scheduleRebuild);
    connect(model, &QAbstractItemModel::layoutChanged, this, &HeatmapView::scheduleRebuild);
  }
  if (matrix) {
    connect(matrix, &QAbstractItemModel::modelReset, this, [this] { plotted_shape_ = QSize(); });
    connect(matrix, &HeatmapMatrix::measureChanged, this, [this](HeatmapMatrix::Measure m) {
      const QSignalBlocker block(measure_box_);
      measure_box_->setCurrentIndex(m == HeatmapMatrix::Measure::MaxAbs ? 0 : 1);
    });
    const QSignalBlocker block(measure_box_);
    measure_box_->setCurrentIndex(matrix->measure() == HeatmapMatrix::Measure::MaxAbs ? 0 : 1);
  }
  rebuild();
}

void HeatmapView::setEmptyMessage(const QString& message) {
  empty_message_ = message;
  message_->setText(message);
}

void HeatmapView::setLogScale(bool on) {
  if (on != log_box_->isChecked()) {
    const QSignalBlocker block(log_box_);
    log_box_->setChecked(on);
  }
  if (on == log_scale_) return;
  log_scale_ = on;
  scale_->setDataScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  if (on) scale_->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  else scale_->axis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
  rebuild();
}

void HeatmapView::setSystematicOnly(bool on) {
  if (on != systematic_box_->isChecked()) {
    const QSignalBlocker block(systematic_box_);
    systematic_box_->setChecked(on);
  }
  if (on == systematic_only_) return;
  systematic_only_ = on;
  rebuild();
  resetZoom();
}

void HeatmapView::setGradientId(const QString& id) {
  gradient_id_ = gradientIds().contains(id) ? id : gradientIds().first();
  const int i = gradient_box_->findData(gradient_id_);
  if (i != gradient_box_->currentIndex()) {
    const QSignalBlocker block(gradient_box_);
    gradient_box_->setCurrentIndex(i);
  }
  map_->setGradient(gradientById(gradient_id_));
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool HeatmapView::isShowingPlot() const { return stack_->currentWidget() == plot_; }

QString HeatmapView::messageText() const { return message_->text(); }

void HeatmapView::scheduleRebuild() { rebuild_timer_->start(); }

void HeatmapView::rebuild() {
  rebuild_timer_->stop();
  systematic_dims_ = systematic_ ? systematic_->dims() : QVector<int>();
  visible_dims_.clear();
  const int dims = matrix_ ? matrix_->dimCount() : 0;
  if (!matrix_ || matrix_->isEmpty()) {
    message_->setText(empty_message_);
    stack_->setCurrentWidget(message_);
    plotted_shape_ = QSize();
    profile_->setDim(selected_dim_);
    return;
  }
  if (systematic_only_) {
    for (int d : systematic_dims_)
      if (d < dims) visible_dims_ << d;
  } else {
    visible_dims_.resize(dims);
    std::iota(visible_dims_.begin(), visible_dims_.end(), 0);
  }
  if (visible_dims_.isEmpty()) {
    message_->setText(tr("This run has no systematic dimensions; clear \"Systematic dims only\" to see all."));
    stack_->setCurrentWidget(message_);
    return;
  }
  stack_->setCurrentWidget(plot_);
  // Keep the user's zoom while rows stream in; a new shape starts from the whole matrix.
  const QSize shape(visible_dims_.size(), matrix_->hookCount());
  if (shape != plotted_shape_) {
    plotted_shape_ = shape;
    const QSignalBlocker block(plot_->xAxis);  // no refill before the map exists
    resetZoom();
    plot_->xAxis2->setRange(plot_->xAxis->range());
  }
  fillMap();
  updateAxes();
  updateColorRange();
  updateSelectionMarker();
  profile_->setDim(selected_dim_);
  plot_->replot();
}

void HeatmapView::fillMap() {
  const int nx = visible_dims_.size();
  const int ny = matrix_->hookCount();
  // More columns on screen than pixels: each cell shows the max of bin_ columns, so a single
  // outlier dimension never falls between two pixels of the scaled image.
  const QCPRange shown = plot_->xAxis->range();
  int first = std::clamp(int(std::floor(shown.lower + 0.5)), 0, nx - 1);
  int last = std::clamp(int(std::ceil(shown.upper - 0.5)), first, nx - 1);
  binned_width_px_ = plot_->axisRect()->width();
  const int pixels = std::max(50, binned_width_px_);
  bin_ = std::max(1, (last - first + pixels) / pixels);
  if (bin_ == 1) {
    first = 0;
    last = nx - 1;
  }
  bin_first_ = first;
  const int cells = (last - first) / bin_ + 1;
  const double first_centre = first + (bin_ - 1) / 2.0;
  QCPColorMapData* data = map_->data();
  data->setSize(cells, ny);
  data->setRange(cells == 1 ? QCPRange(first - 0.5, first + bin_ - 0.5)
                            : QCPRange(first_centre, first_centre + (cells - 1) * bin_),
                 cellRange(ny));
  const double max = matrix_->maxValue();
  const double floor = log_scale_ ? std::max(matrix_->minPositiveValue(), max * kLogFloorRatio) : kNaN;
  for (int r = 0; r < ny; ++r)
    for (int k = 0; k < cells; ++k) {
      double v = kNaN;
      const int end = std::min(last, first + (k + 1) * bin_ - 1);
      for (int c = first + k * bin_; c <= end; ++c) {
        const double x = matrix_->value(r, visible_dims_[c]);
        if (std::isnan(v) || x > v) v = x;  // NaN cells (no positions) lose to any number
      }
      if (log_scale_ && std::isfinite(v) && !(v >= floor)) v = floor;  // log(0) has no colour
      data->setCell(k, r, v);
    }
  updateContour();
}

void HeatmapView::setContourVisible(bool on) {
  if (on != contour_box_->isChecked()) {
    const QSignalBlocker block(contour_box_);
    contour_box_->setChecked(on);
  }
  contour_visible_ = on;
  updateContour();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

double HeatmapView::contourThreshold() const { return contour_spin_->value(); }

void HeatmapView::setContourThreshold(double threshold) { contour_spin_->setValue(threshold); }

int HeatmapView::contourEdgeCount() const { return contour_->visible() ? int(contour_->edges().size()) : 0; }

// Over the cells as drawn (binned columns take their brightest column), always on max |x|: the
// threshold is a magnitude, whichever measure colours the map.
void HeatmapView::updateContour() {
  const int cells = map_->data()->keySize();
  const int rows = map_->data()->valueSize();
  contour_->setVisible(contour_visible_ && matrix_ && !matrix_->isEmpty() && !visible_dims_.isEmpty());
  if (!contour_->visible()) return;
  const int nx = visible_dims_.size();
  const double threshold = contour_spin_->value();
  const auto above = [&](int k, int r) {
    const int end = std::min(nx - 1, bin_first_ + (k + 1) * bin_ - 1);
    for (int c = bin_first_ + k * bin_; c <= end; ++c)
      if (matrix_->value(r, visible_dims_[c], HeatmapMatrix::Measure::MaxAbs) >= threshold) return true;
    return false;
  };
  contour_->setEdges(thresholdContour(cells, rows, above), bin_first_ - 0.5, bin_, -0.5);
}

void HeatmapView::refillForRange() {
  if (!matrix_ || matrix_->isEmpty() || !isShowingPlot() || visible_dims_.isEmpty()) return;
  // Only a matrix wider than the plot is binned, and only then does the binning follow the zoom.
  updateSelectionMarker();  // its pixel margin follows the zoom
  if (visible_dims_.size() <= binned_width_px_ && plot_->axisRect()->width() == binned_width_px_ && bin_ == 1) {
    plot_->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  fillMap();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::updateAxes() {
  const int nx = visible_dims_.size();
  const int ny = matrix_->hookCount();
  auto rows = QSharedPointer<QCPAxisTickerText>::create();
  const int row_step = std::max(1, (ny + kMaxRowLabels - 1) / kMaxRowLabels);
  for (int r = 0; r < ny; r += row_step) rows->addTick(r, matrix_->hookName(r));
  plot_->yAxis->setTicker(rows);

  if (systematic_only_) {
    auto columns = QSharedPointer<QCPAxisTickerText>::create();
    const int step = std::max(1, (nx + kMaxColumnLabels - 1) / kMaxColumnLabels);
    for (int c = 0; c < nx; c += step) columns->addTick(c, QString::number(visible_dims_[c]));
    plot_->xAxis->setTicker(columns);
  } else {
    auto columns = QSharedPointer<QCPAxisTickerFixed>::create();
    columns->setTickStep(1.0);
    columns->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);  // whole dims only
    plot_->xAxis->setTicker(columns);
  }
  // Systematic dims marked on the top axis, labelled while they fit.
  auto markers = QSharedPointer<QCPAxisTickerText>::create();
  const bool label = systematic_dims_.size() <= kMaxMarkerLabels;
  for (int c = 0; c < nx; ++c)
    if (std::binary_search(systematic_dims_.begin(), systematic_dims_.end(), visible_dims_[c]))
      markers->addTick(c, label ? QString::number(visible_dims_[c]) : QString());
  plot_->xAxis2->setTicker(markers);
  plot_->xAxis2->setTickLabels(label && !systematic_only_);
}

void HeatmapView::updateColorRange() {
  const double max = matrix_->maxValue();
  scale_->axis()->setLabel(HeatmapMatrix::measureLabel(matrix_->measure()));
  if (!std::isfinite(max) || max <= 0) {
    map_->setDataRange(QCPRange(0, 1));
    return;
  }
  if (log_scale_) map_->setDataRange(QCPRange(std::max(matrix_->minPositiveValue(), max * kLogFloorRatio), max));
  else map_->setDataRange(QCPRange(0, max));
}

void HeatmapView::updateSelectionMarker() {
  const int column = visible_dims_.indexOf(selected_dim_);
  selection_->setVisible(column >= 0);
  if (column < 0) return;
  // Outline the column a few pixels outside it, so the marker never covers the cells it marks.
  const double pixels_per_column = plot_->axisRect()->width() / std::max(1e-9, plot_->xAxis->range().size());
  const double margin = std::max(0.0, kSelectionGapPx / std::max(1e-9, pixels_per_column) - 0.5);
  selection_->topLeft->setCoords(column - 0.5 - margin, -0.5);
  selection_->bottomRight->setCoords(column + 0.5 + margin, matrix_->hookCount() - 0.5);
}

void HeatmapView::resetZoom() {
  if (visible_dims_.isEmpty() || !matrix_) return;
  plot_->xAxis->setRange(-0.5, visible_dims_.size() - 0.5);
  plot_->yAxis->setRange(-0.5, matrix_->hookCount() - 0.5);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapView::selectDim(int dim) {
  if (dim == selected_dim_) return;
  selected_dim_ = dim;
  profile_->setDim(dim);
  if (isShowingPlot()) {
    updateSelectionMarker();
    plot_->replot(QCustomPlot::rpQueuedReplot);
  }
  emit dimensionSelected(dim);
}

double HeatmapView::plottedValue(int row, int column) const {
  QCPColorMapData* data = map_->data();  // cell() is not const in QCustomPlot 2.1
  if (!isShowingPlot() || column < bin_first_ || row < 0) return kNaN;
  const int cell = (column - bin_first_) / bin_;
  if (cell >= data->keySize() || row >= data->valueSize()) return kNaN;
  return data->cell(cell, row);
}

bool HeatmapView::cellAt(const QPointF& pixel, int* row, int* column) const {
  if (!isShowingPlot() || !matrix_ || !plot_->axisRect()->rect().contains(pixel.toPoint())) return false;
  const double x = plot_->xAxis->pixelToCoord(pixel.x());
  const int r = int(std::lround(plot_->yAxis->pixelToCoord(pixel.y())));
  if (r < 0 || r >= matrix_->hookCount()) return false;
  const int nx = visible_dims_.size();
  if (bin_ == 1) {
    const int c = int(std::lround(x));
    if (c < 0 || c >= nx) return false;
    *row = r;
    *column = c;
    return true;
  }
  // A binned cell is drawn centred on its columns' middle; it stands for its brightest column.
  const int cells = map_->data()->keySize();
  if (x < bin_first_ - 0.5 || x > bin_first_ + cells * bin_ - 0.5) return false;
  const int cell = std::clamp(int(std::floor((x - (bin_first_ - 0.5)) / bin_)), 0, cells - 1);
  const int start = bin_first_ + cell * bin_;
  if (start >= nx) return false;
  const int end = std::min(nx - 1, start + bin_ - 1);
  int best = start;
  for (int k = start + 1; k <= end; ++k)
    if (matrix_->value(r, visible_dims_[k]) > matrix_->value(r, visible_dims_[best])) best = k;
  *row = r;
  *column = best;
  return true;
}

QString HeatmapView::toolTipForCell(int row, int column) const {
  if (!matrix_ || column < 0 || column >= visible_dims_.size() || row < 0 || row >= matrix_->hookCount()) return {};
  const int dim = visible_dims_[column];
  const double max_abs = matrix_->value(row, dim, HeatmapMatrix::Measure::MaxAbs);
  const double share = matrix_->value(row, dim, HeatmapMatrix::Measure::HitShare);
  QString text = tr("%1\ndim %2\nmax |x| = %3\nhit share = %4 %")
                     .arg(matrix_->hookName(row))
                     .arg(dim)
                     .arg(QLocale().toString(max_abs, 'g', 4))
                     .arg(QLocale().toString(100.0 * share, 'f', 2));
  if (std::binary_search(systematic_dims_.begin(), systematic_dims_.end(), dim)) text += tr("\nsystematic");
  return text;
}

void HeatmapView::onMouseMove(QMouseEvent* event) {
  int row = 0, column = 0;
  if (!(event->buttons() & Qt::LeftButton) && cellAt(event->position(), &row, &column))
    QToolTip::showText(event->globalPosition().toPoint(), toolTipForCell(row, column), plot_);
  else
    QToolTip::hideText();
}

void HeatmapView::onMousePress(QMouseEvent* event) { press_pos_ = event->position().toPoint(); }

void HeatmapView::onMouseRelease(QMouseEvent* event) {
  // A click, not the end of a drag (pan).
  if ((event->position().toPoint() - press_pos_).manhattanLength() > 3 || event->button() != Qt::LeftButton) return;
  int row = 0, column = 0;
  if (cellAt(event->position(), &row, &column)) selectDim(visible_dims_[column]);
}

}  // namespace owb::widgets
