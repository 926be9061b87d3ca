#include "systematic_outliers_model.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace owb::models {

SystematicOutliersModel::SystematicOutliersModel(QObject* parent) : QAbstractTableModel(parent) {}

void SystematicOutliersModel::setRecords(const QVector<SystematicRecord>& records, SystematicSource source) {
  beginResetModel();
  records_ = records;
  source_ = source;
  endResetModel();
}

const SystematicRecord* SystematicOutliersModel::recordForDim(int dim) const {
  const SystematicRecord* best = nullptr;
  for (const SystematicRecord& r : records_)
    if (r.feature_dim == dim && (!best || r.max_magnitude > best->max_magnitude)) best = &r;
  return best;
}

QVector<int> SystematicOutliersModel::dims() const {
  QVector<int> out;
  out.reserve(records_.size());
  for (const SystematicRecord& r : records_) out << r.feature_dim;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int SystematicOutliersModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : records_.size(); }

int SystematicOutliersModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

namespace {
QVariant rawValue(const SystematicRecord& r, int column) {
  switch (column) {
    case SystematicOutliersModel::FeatureDimColumn: return r.feature_dim;
    case SystematicOutliersModel::MaxMagnitudeColumn: return r.max_magnitude;
    case SystematicOutliersModel::LayerPercentColumn:
      return std::isnan(r.layer_percentage) ? QVariant() : QVariant(r.layer_percentage);
    case SystematicOutliersModel::SeqPercentColumn:
      return std::isnan(r.seq_percentage) ? QVariant() : QVariant(r.seq_percentage);
    case SystematicOutliersModel::TotalOccurrencesColumn:
      return r.total_occurrences < 0 ? QVariant() : QVariant(r.total_occurrences);
    case SystematicOutliersModel::LayersAffectedColumn:
      return r.layers_affected.isEmpty() && r.total_occurrences < 0 ? QVariant() : QVariant(int(r.layers_affected.size()));
    default: break;
  }
  return QVariant();
}
}  // namespace

QVariant SystematicOutliersModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return QVariant();
  const SystematicRecord& r = records_[index.row()];
  const int column = index.column();
  if (role == FeatureDimRole) return r.feature_dim;
  if (role == SortRole) return rawValue(r, column);
  if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole && column == LayersAffectedColumn) return r.layers_affected.join(QLatin1Char('\n'));
  if (role != Qt::DisplayRole) return QVariant();
  const QVariant raw = rawValue(r, column);
  if (!raw.isValid()) return QVariant();
  const QLocale locale;
  switch (column) {
    case FeatureDimColumn: return raw;
    case MaxMagnitudeColumn: return locale.toString(r.max_magnitude, 'f', 2);
    case LayerPercentColumn: return locale.toString(100.0 * r.layer_percentage, 'f', 1);
    case SeqPercentColumn: return locale.toString(100.0 * r.seq_percentage, 'f', 1);
    case TotalOccurrencesColumn: return locale.toString(r.total_occurrences);
    case LayersAffectedColumn: return raw;
    default: break;
  }
  return QVariant();
}

QVariant SystematicOutliersModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return QVariant();
  if (role == Qt::DisplayRole) {
    switch (section) {
      case FeatureDimColumn: return tr("Dim");
      case MaxMagnitudeColumn: return tr("Max |x|");
      case LayerPercentColumn: return tr("Layer %");
      case SeqPercentColumn: return tr("Seq %");
      case TotalOccurrencesColumn: return tr("Occurrences");
      case LayersAffectedColumn: return tr("Hooks hit");
      default: break;
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case FeatureDimColumn: return tr("Feature dimension (hidden-state index)");
      case MaxMagnitudeColumn: return tr("Largest |x| of this dimension over every hook and position");
      case LayerPercentColumn: return tr("Hook tensors where the dimension hits / hook tensors analysed (2 per layer)");
      case SeqPercentColumn: return tr("Positions where the dimension hits in any hook / positions analysed");
      case TotalOccurrencesColumn: return tr("Number of (hook, position) hits");
      case LayersAffectedColumn: return tr("Number of hook tensors in layers_affected");
      default: break;
    }
  }
  return QVariant();
}

}  // namespace owb::models
