#include "comparison_table_model.h"

#include "table_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace owb::models {

namespace {
struct LoadResult {
  QVector<ComparisonRow> rows;
  QStringList errors;
};

QVariant number(double v, int decimals) {
  if (!std::isfinite(v)) return QVariant();
  return QLocale().toString(v, 'f', decimals);
}
QVariant count(qint64 v) { return v >= 0 ? QVariant(QLocale().toString(v)) : QVariant(); }
QVariant significant(double v) { return std::isfinite(v) ? QVariant(QLocale().toString(v, 'g', 4)) : QVariant(); }
}  // namespace

ComparisonTableModel::ComparisonTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ComparisonTableModel::loadRuns(const QStringList& run_folders) {
  const quint64 generation = ++generation_;
  ++loads_in_flight_;
  auto* watcher = new QFutureWatcher<LoadResult>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    --loads_in_flight_;
    if (generation != generation_) return;  // superseded
    const LoadResult result = watcher->result();
    errors_ = result.errors;
    setRows(result.rows);
    emit rowsLoaded();
  });
  watcher->setFuture(QtConcurrent::run([run_folders] {
    LoadResult result;
    result.rows = collectComparisonRows(run_folders, ModelCatalog::builtIn(), &result.errors);
    return result;
  }));
}

void ComparisonTableModel::setRows(const QVector<ComparisonRow>& rows) {
  beginResetModel();
  rows_ = rows;
  endResetModel();
  emit inclusionChanged();
}

QVector<bool> ComparisonTableModel::includedMask() const {
  QVector<bool> mask;
  for (int i = 0; i < rows_.size(); ++i) mask << isIncluded(i);
  return mask;
}

bool ComparisonTableModel::isIncluded(int row) const {
  return row >= 0 && row < rows_.size() && !excluded_.contains(rows_[row].run_path);
}

void ComparisonTableModel::setIncluded(int row, bool included) {
  if (row < 0 || row >= rows_.size() || isIncluded(row) == included) return;
  if (included) excluded_.remove(rows_[row].run_path);
  else excluded_.insert(rows_[row].run_path);
  emit dataChanged(index(row, ModelColumn), index(row, ModelColumn), {Qt::CheckStateRole});
  emit inclusionChanged();
}

void ComparisonTableModel::setAllIncluded(bool included) {
  for (const ComparisonRow& r : rows_) {
    if (included) excluded_.remove(r.run_path);
    else excluded_.insert(r.run_path);
  }
  if (!rows_.isEmpty()) emit dataChanged(index(0, ModelColumn), index(rows_.size() - 1, ModelColumn), {Qt::CheckStateRole});
  emit inclusionChanged();
}

QVector<ComparisonRow> ComparisonTableModel::selected(bool included_only) const {
  if (!included_only) return rows_;
  QVector<ComparisonRow> out;
  for (int i = 0; i < rows_.size(); ++i)
    if (isIncluded(i)) out << rows_[i];
  return out;
}

QByteArray ComparisonTableModel::toCsv(bool included_only) const { return comparisonCsv(selected(included_only)); }
QByteArray ComparisonTableModel::toJson(bool included_only) const { return comparisonJson(selected(included_only)); }

bool ComparisonTableModel::saveTable(const QString& path, QString* error) const {
  return saveCsvOrJson(path, [this] { return toCsv(); }, [this] { return toJson(); }, error);
}

int ComparisonTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }
int ComparisonTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ComparisonTableModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return QVariant();
  const ComparisonRow& r = rows_[index.row()];
  if (role == RunPathRole) return r.run_path;
  if (role == Qt::CheckStateRole && index.column() == ModelColumn)
    return isIncluded(index.row()) ? Qt::Checked : Qt::Unchecked;
  if (role == Qt::ToolTipRole) {
    if (index.column() == ModelColumn) return r.model;
    if (index.column() == TotalParamsColumn || index.column() == ActiveParamsColumn)
      return r.params_source == ParamsSource::Catalog ? tr("From the model catalog")
             : r.params_source == ParamsSource::RunModelInfo ? tr("From the run's model_info") : QVariant();
    if (index.column() == NumOutliersColumn)
      return tr("Length of all_systematic_outliers: per-batch records, a dim counted once per batch it qualified in");
    if (index.column() == PerplexityColumn && !r.perplexity_run.isEmpty())
      return QDir::toNativeSeparators(r.perplexity_run);
    return QVariant();
  }
  if (role == Qt::TextAlignmentRole)
    return index.column() == ModelColumn || index.column() == RunColumn || index.column() == ArchitectureColumn
               ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
               : QVariant(Qt::AlignRight | Qt::AlignVCenter);
  const bool sort = role == SortRole;
  if (role != Qt::DisplayRole && !sort) return QVariant();
  switch (index.column()) {
    case ModelColumn: return r.label;
    case TotalParamsColumn: return sort ? QVariant(r.total_params_b) : significant(r.total_params_b);
    case ActiveParamsColumn: return sort ? QVariant(r.active_params_b) : significant(r.active_params_b);
    case ArchitectureColumn: return r.moe < 0 ? QVariant() : r.moe ? tr("MoE") : tr("dense");
    case NumOutliersColumn: return sort ? QVariant(r.num_outliers) : count(r.num_outliers);
    case MeanLayerColumn: return sort ? QVariant(r.mean_layer_pct) : number(r.mean_layer_pct, 1);
    case MedianLayerColumn: return sort ? QVariant(r.median_layer_pct) : number(r.median_layer_pct, 1);
    case MeanSeqColumn: return sort ? QVariant(r.mean_seq_pct) : number(r.mean_seq_pct, 1);
    case MedianSeqColumn: return sort ? QVariant(r.median_seq_pct) : number(r.median_seq_pct, 1);
    case UniqueColumn: return sort ? QVariant(r.unique_systematic) : count(r.unique_systematic);
    case PerplexityColumn: return sort ? QVariant(r.perplexity) : number(r.perplexity, 3);
    case RunColumn: return r.run_name;
  }
  return QVariant();
}

bool ComparisonTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (role != Qt::CheckStateRole || index.column() != ModelColumn ||
      !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return false;
  setIncluded(index.row(), value.toInt() == Qt::Checked);
  return true;
}

QVariant ComparisonTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return QAbstractTableModel::headerData(section, orientation, role);
  if (role == Qt::ToolTipRole && section >= MeanLayerColumn && section <= MedianSeqColumn)
    return tr("The seed's calculate_metrics over all_systematic_outliers (batch-concatenated), in percent");
  if (role != Qt::DisplayRole) return QVariant();
  switch (section) {
    case ModelColumn: return tr("Model");
    case TotalParamsColumn: return tr("Total params (B)");
    case ActiveParamsColumn: return tr("Active params (B)");
    case ArchitectureColumn: return tr("Architecture");
    case NumOutliersColumn: return tr("Systematic outliers");
    case MeanLayerColumn: return tr("Mean layer %");
    case MedianLayerColumn: return tr("Median layer %");
    case MeanSeqColumn: return tr("Mean seq %");
    case MedianSeqColumn: return tr("Median seq %");
    case UniqueColumn: return tr("Unique dims");
    case PerplexityColumn: return tr("Perplexity");
    case RunColumn: return tr("Run");
  }
  return QVariant();
}

Qt::ItemFlags ComparisonTableModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
  if (index.column() == ModelColumn) f |= Qt::ItemIsUserCheckable;
  return f;
}

}  // namespace owb::models
