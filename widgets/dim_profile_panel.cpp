#include "dim_profile_panel.h"

#include "heatmap_matrix.h"
#include "systematic_outliers_model.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace owb::widgets {

using owb::models::HeatmapMatrix;
using owb::models::SystematicOutliersModel;
using owb::models::SystematicRecord;

namespace {
constexpr int kMaxHookLabels = 12;
}

DimProfilePanel::DimProfilePanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  title_ = new QLabel(this);
  QFont bold = title_->font();
  bold.setBold(true);
  bold.setPointSizeF(bold.pointSizeF() * 1.2);
  title_->setFont(bold);
  layout->addWidget(title_);

  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(220, 220);
  plot_->yAxis->setLabel(tr("max |x|"));
  plot_->yAxis2->setVisible(true);
  plot_->yAxis2->setLabel(tr("hit share (dashed)"));
  plot_->xAxis->setLabel(tr("layer"));
  // Legend under the axes, where it hides no data.
  plot_->legend->setVisible(true);
  plot_->legend->setFont(font());
  plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
  plot_->legend->setWrap(3);
  plot_->legend->setBorderPen(Qt::NoPen);
  plot_->axisRect()->insetLayout()->take(plot_->legend);
  plot_->plotLayout()->addElement(1, 0, plot_->legend);
  plot_->plotLayout()->setRowStretchFactor(1, 0.001);
  threshold_line_ = new QCPItemStraightLine(plot_);
  threshold_line_->setPen(QPen(Qt::gray, 1, Qt::DotLine));
  layout->addWidget(plot_, 1);

  record_ = new QLabel(this);
  record_->setWordWrap(true);
  record_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  record_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  layout->addWidget(record_);
  layout->addStretch();  // keeps the text at the top while the plot is hidden
  refresh();
}

void DimProfilePanel::setModels(HeatmapMatrix* matrix, SystematicOutliersModel* systematic) {
  if (matrix_) disconnect(matrix_, nullptr, this, nullptr);
  if (systematic_) disconnect(systematic_, nullptr, this, nullptr);
  matrix_ = matrix;
  systematic_ = systematic;
  if (systematic) connect(systematic, &QAbstractItemModel::modelReset, this, &DimProfilePanel::refresh);
  refresh();
}

void DimProfilePanel::setDim(int dim) {
  dim_ = dim;
  refresh();
}

QString DimProfilePanel::recordText() const { return record_->text(); }

void DimProfilePanel::refresh() {
  const bool has_dim = dim_ >= 0;
  title_->setText(has_dim ? tr("Dimension %1").arg(dim_) : tr("No dimension selected"));
  record_->setText(has_dim ? describeRecord() : tr("Click a column of the heatmap or a row of the systematic table."));
  refreshPlot();
}

namespace {
// Hooks grouped by kind ("ln_attn", "ln_mlp", ...) with their layer numbers, so the profile
// plots one line per kind over layers instead of zig-zagging between attn and mlp rows.
struct HookSeries {
  QString kind;
  QVector<int> rows;    // matrix rows, forward order
  QVector<double> layers;
};
QVector<HookSeries> groupHooksByKind(const QStringList& hooks) {
  static const QRegularExpression pattern(QStringLiteral("^layer_(\\d+)_(.+)$"));
  QVector<HookSeries> series;
  for (int row = 0; row < hooks.size(); ++row) {
    const QRegularExpressionMatch m = pattern.match(hooks[row]);
    if (!m.hasMatch()) return {};  // unknown naming: caller plots by row
    const QString kind = m.captured(2);
    auto it = std::find_if(series.begin(), series.end(), [&](const HookSeries& s) { return s.kind == kind; });
    if (it == series.end()) it = series.insert(series.end(), HookSeries{kind, {}, {}});
    it->rows << row;
    it->layers << m.captured(1).toDouble();
  }
  return series;
}
const QColor kSeriesColors[] = {QColor(33, 145, 140), QColor(68, 1, 84), QColor(230, 85, 13), QColor(49, 130, 189)};
}  // namespace

void DimProfilePanel::refreshPlot() {
  const bool has_data = matrix_ && dim_ >= 0 && dim_ < matrix_->dimCount();
  plot_->setVisible(has_data);
  if (!has_data) return;
  const QVector<double> max_abs = matrix_->profile(dim_, HeatmapMatrix::Measure::MaxAbs);
  const QVector<double> share = matrix_->profile(dim_, HeatmapMatrix::Measure::HitShare);
  QVector<HookSeries> series = groupHooksByKind(matrix_->hooks());
  const bool by_layer = !series.isEmpty();
  if (!by_layer) {
    HookSeries all{tr("hooks"), {}, {}};
    for (int row = 0; row < matrix_->hookCount(); ++row) {
      all.rows << row;
      all.layers << row;
    }
    series = {all};
  }
  plot_->clearGraphs();
  double x_max = 0;
  for (int i = 0; i < series.size(); ++i) {
    const HookSeries& s = series[i];
    const QColor color = kSeriesColors[i % std::size(kSeriesColors)];
    QVector<double> values, shares;
    for (int row : s.rows) {
      values << max_abs[row];
      shares << share[row];
    }
    QCPGraph* magnitude = plot_->addGraph(plot_->xAxis, plot_->yAxis);
    magnitude->setName(s.kind);
    magnitude->setPen(QPen(color, 2));
    magnitude->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
    magnitude->setData(s.layers, values, true);
    QCPGraph* hits = plot_->addGraph(plot_->xAxis, plot_->yAxis2);
    hits->setName(tr("%1 hit share").arg(s.kind));
    hits->setPen(QPen(color, 1.2, Qt::DashLine));
    hits->setData(s.layers, shares, true);
    hits->removeFromLegend();  // same colour, dashed: the right axis says so
    if (!s.layers.isEmpty()) x_max = std::max(x_max, s.layers.last());
  }
  if (by_layer) {
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    plot_->xAxis->setLabel(tr("layer"));
  } else {
    auto hooks = QSharedPointer<QCPAxisTickerText>::create();
    const int n = matrix_->hookCount();
    const int step = std::max(1, (n + kMaxHookLabels - 1) / kMaxHookLabels);
    for (int r = 0; r < n; r += step) hooks->addTick(r, matrix_->hookName(r));
    plot_->xAxis->setTicker(hooks);
    plot_->xAxis->setLabel(tr("hook point"));
  }
  plot_->xAxis->setRange(-0.5, x_max + 0.5);

  double top = matrix_->threshold();
  for (double v : max_abs)
    if (std::isfinite(v)) top = std::max(top, v);
  plot_->yAxis->setRange(0, std::isfinite(top) && top > 0 ? top * 1.08 : 1.0);
  plot_->yAxis2->setRange(0, 1.05);
  const double threshold = matrix_->threshold();
  threshold_line_->setVisible(std::isfinite(threshold) && threshold > 0);
  threshold_line_->point1->setCoords(0, threshold);
  threshold_line_->point2->setCoords(1, threshold);
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString DimProfilePanel::describeRecord() const {
  const QLocale locale;
  QStringList lines;
  if (matrix_ && dim_ < matrix_->dimCount() && matrix_->hookCount() > 0) {
    const QVector<double> max_abs = matrix_->profile(dim_, HeatmapMatrix::Measure::MaxAbs);
    const auto peak = std::max_element(max_abs.begin(), max_abs.end());
    lines << tr("Peak max |x| %1 at %2 (threshold %3).")
                 .arg(locale.toString(*peak, 'g', 4), matrix_->hookName(int(peak - max_abs.begin())),
                      locale.toString(matrix_->threshold(), 'g', 4));
  }
  const SystematicRecord* record = systematic_ ? systematic_->recordForDim(dim_) : nullptr;
  if (!record) {
    lines << tr("Not in this run's systematic-outlier list.");
    return lines.join(QLatin1Char('\n'));
  }
  lines << tr("Systematic: %1.").arg(owb::models::systematicSourceLabel(systematic_->source()));
  lines << tr("Max magnitude: %1").arg(locale.toString(record->max_magnitude, 'g', 5));
  if (!std::isnan(record->layer_percentage))
    lines << tr("Layer %: %1 (%2 hook tensors)")
                 .arg(locale.toString(100.0 * record->layer_percentage, 'f', 1))
                 .arg(record->layers_affected.size());
  if (!std::isnan(record->seq_percentage))
    lines << tr("Seq %: %1").arg(locale.toString(100.0 * record->seq_percentage, 'f', 1));
  if (record->total_occurrences >= 0) lines << tr("Occurrences: %1").arg(locale.toString(record->total_occurrences));
  if (record->batches_qualified >= 0) lines << tr("Batches qualified: %1").arg(record->batches_qualified);
  if (!record->example_values.isEmpty()) {
    QStringList values;
    for (double v : record->example_values) values << locale.toString(v, 'g', 4);
    lines << tr("Example values: %1").arg(values.join(QLatin1String(", ")));
  }
  return lines.join(QLatin1Char('\n'));
}

}  // namespace owb::widgets
