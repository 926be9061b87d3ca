#include "heatmap_matrix.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace owb::models {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

HeatmapMatrix::HeatmapMatrix(QObject* parent) : QAbstractTableModel(parent) {}

void HeatmapMatrix::setLayerStats(const LayerStats& stats) {
  beginResetModel();
  model_ = stats.model;
  threshold_ = stats.threshold;
  dims_ = stats.hidden_size;
  hooks_ = stats.hooks;
  max_abs_ = stats.max_abs;
  hits_ = stats.hits;
  positions_ = QVector<qint64>(hooks_.size(), stats.positions);
  endResetModel();
}

void HeatmapMatrix::clear() {
  beginResetModel();
  model_.clear();
  threshold_ = 0.0;
  dims_ = 0;
  hooks_.clear();
  max_abs_.clear();
  hits_.clear();
  positions_.clear();
  endResetModel();
}

void HeatmapMatrix::updateHook(const QString& hook, const QVector<double>& max_abs, const QVector<double>& hits,
                               qint64 positions) {
  if (max_abs.size() != hits.size() || max_abs.isEmpty()) return;
  if (dims_ != 0 && max_abs.size() != dims_) return;  // a different model's event
  if (dims_ == 0) {
    beginResetModel();
    dims_ = max_abs.size();
    endResetModel();
  }
  const int row = hooks_.indexOf(hook);
  if (row >= 0) {
    std::copy(max_abs.begin(), max_abs.end(), max_abs_.begin() + qsizetype(row) * dims_);
    std::copy(hits.begin(), hits.end(), hits_.begin() + qsizetype(row) * dims_);
    positions_[row] = positions;
    emit dataChanged(index(row, 0), index(row, dims_ - 1));
    return;
  }
  const int new_row = hooks_.size();
  beginInsertRows(QModelIndex(), new_row, new_row);
  hooks_ << hook;
  max_abs_ += max_abs;
  hits_ += hits;
  positions_ << positions;
  endInsertRows();
}

void HeatmapMatrix::setMeasure(Measure measure) {
  if (measure == measure_) return;
  measure_ = measure;
  if (!isEmpty()) emit dataChanged(index(0, 0), index(hookCount() - 1, dims_ - 1));
  emit measureChanged(measure);
}

QString HeatmapMatrix::measureLabel(Measure measure) {
  return measure == Measure::MaxAbs ? tr("max |x|") : tr("hit share");
}

double HeatmapMatrix::value(int row, int dim, Measure measure) const {
  if (row < 0 || row >= hooks_.size() || dim < 0 || dim >= dims_) return kNaN;
  const qsizetype i = qsizetype(row) * dims_ + dim;
  if (measure == Measure::MaxAbs) return max_abs_[i];
  const qint64 positions = positions_[row];
  return positions > 0 ? hits_[i] / double(positions) : kNaN;
}

QVector<double> HeatmapMatrix::profile(int dim, Measure measure) const {
  QVector<double> out;
  out.reserve(hooks_.size());
  for (int row = 0; row < hooks_.size(); ++row) out << value(row, dim, measure);
  return out;
}

double HeatmapMatrix::maxValue() const {
  double best = kNaN;
  for (int row = 0; row < hooks_.size(); ++row)
    for (int dim = 0; dim < dims_; ++dim) {
      const double v = value(row, dim);
      if (std::isfinite(v) && !(v <= best)) best = v;
    }
  return best;
}

double HeatmapMatrix::minPositiveValue() const {
  double best = kNaN;
  for (int row = 0; row < hooks_.size(); ++row)
    for (int dim = 0; dim < dims_; ++dim) {
      const double v = value(row, dim);
      if (std::isfinite(v) && v > 0 && !(v >= best)) best = v;
    }
  return best;
}

int HeatmapMatrix::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : hooks_.size(); }

int HeatmapMatrix::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : dims_; }

QVariant HeatmapMatrix::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return QVariant();
  if (role == Qt::DisplayRole || role == Qt::EditRole) return value(index.row(), index.column());
  if (role == Qt::ToolTipRole)
    return tr("%1, dim %2: %3").arg(hooks_[index.row()]).arg(index.column()).arg(value(index.row(), index.column()));
  return QVariant();
}

QVariant HeatmapMatrix::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return QVariant();
  if (orientation == Qt::Vertical) return hooks_.value(section);
  return section;
}

}  // namespace owb::models
