#include "run_store_model.h"

#include <QBrush>
#include <QDir>
#include <QLocale>

#include <cmath>

namespace owb::models {

// internalId: 0 for experiment rows, experiment index + 1 for run rows.
RunStoreModel::RunStoreModel(QObject* parent) : QAbstractItemModel(parent) {}

void RunStoreModel::setScan(const WorkspaceScan& scan) {
  beginResetModel();
  root_ = scan.root;
  experiments_.clear();
  for (const RunSummary& run : scan.runs) {
    if (experiments_.isEmpty() || experiments_.last().name != run.experiment)
      experiments_.append(Experiment{run.experiment, {}});
    experiments_.last().runs.append(run);
  }
  endResetModel();
}

void RunStoreModel::clear() { setScan(WorkspaceScan{}); }

int RunStoreModel::runCount() const {
  int n = 0;
  for (const Experiment& e : experiments_) n += e.runs.size();
  return n;
}

const RunSummary* RunStoreModel::runAt(const QModelIndex& index) const {
  if (!index.isValid() || index.model() != this || index.internalId() == 0) return nullptr;
  const Experiment& e = experiments_[int(index.internalId() - 1)];
  return index.row() < e.runs.size() ? &e.runs[index.row()] : nullptr;
}

QModelIndex RunStoreModel::indexOfRun(const QString& path, int column) const {
  for (int e = 0; e < experiments_.size(); ++e)
    for (int r = 0; r < experiments_[e].runs.size(); ++r)
      if (experiments_[e].runs[r].path == path) return createIndex(r, column, quintptr(e + 1));
  return QModelIndex();
}

QModelIndex RunStoreModel::index(int row, int column, const QModelIndex& parent) const {
  if (!hasIndex(row, column, parent)) return QModelIndex();
  if (!parent.isValid()) return createIndex(row, column, quintptr(0));
  if (parent.internalId() != 0) return QModelIndex();  // runs have no children
  return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex RunStoreModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || child.internalId() == 0) return QModelIndex();
  return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int RunStoreModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return experiments_.size();
  if (parent.column() != 0 || parent.internalId() != 0) return 0;
  return experiments_[parent.row()].runs.size();
}

int RunStoreModel::columnCount(const QModelIndex&) const { return ColumnCount; }

Qt::ItemFlags RunStoreModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant RunStoreModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return QVariant();
  if (const RunSummary* run = runAt(index)) return runData(*run, index.column(), role);
  if (index.internalId() == 0) return experimentData(experiments_[index.row()], index.column(), role);
  return QVariant();
}

QVariant RunStoreModel::experimentData(const Experiment& experiment, int column, int role) const {
  if (role == Qt::DisplayRole || role == SortRole) {
    if (column == NameColumn) return experiment.name;
    if (column == StatusColumn && role == Qt::DisplayRole) return tr("%n run(s)", nullptr, int(experiment.runs.size()));
  }
  if (role == Qt::ToolTipRole && column == NameColumn)
    return QDir::toNativeSeparators(QDir(root_).filePath(experiment.name));
  return QVariant();
}

QVariant RunStoreModel::runData(const RunSummary& run, int column, int role) const {
  if (role == RunPathRole) return run.path;
  if (role == Qt::ToolTipRole) {
    QStringList lines{QDir::toNativeSeparators(run.path)};
    if (run.systematic_source != SystematicSource::None)
      lines << tr("Systematic outliers: %1").arg(systematicSourceLabel(run.systematic_source));
    if (!run.error.isEmpty()) lines << tr("Failed: %1").arg(run.error);
    lines << run.errors;
    return lines.join(QLatin1Char('\n'));
  }
  if (role == Qt::TextAlignmentRole && (column == SystematicColumn || column == PerplexityColumn))
    return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ForegroundRole) {
    if (!run.errors.isEmpty() || run.status == QLatin1String("failed")) return QBrush(Qt::red);
    return QVariant();
  }
  const bool sort = role == SortRole;
  if (role != Qt::DisplayRole && !sort) return QVariant();
  switch (column) {
    case NameColumn: return run.name;
    case ModelColumn: return run.model;
    case StatusColumn:
      if (!run.errors.isEmpty()) return tr("unreadable");
      return run.status.isEmpty() ? tr("seed") : run.status;
    case KindColumn: {
      QStringList kinds;
      if (run.has_outliers) kinds << tr("outliers");
      if (run.has_perplexity) kinds << tr("perplexity");
      if (kinds.isEmpty()) return run.mode;  // e.g. a run that failed before writing results
      return kinds.join(QLatin1String(", "));
    }
    case SystematicColumn:
      if (run.systematic_count < 0) return QVariant();
      return sort ? QVariant(run.systematic_count) : QVariant(QLocale().toString(run.systematic_count));
    case PerplexityColumn:
      if (std::isnan(run.perplexity)) return QVariant();
      return sort ? QVariant(run.perplexity) : QVariant(QLocale().toString(run.perplexity, 'f', 3));
    default: break;
  }
  return QVariant();
}

QVariant RunStoreModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QVariant();
  switch (section) {
    case NameColumn: return tr("Name");
    case ModelColumn: return tr("Model");
    case StatusColumn: return tr("Status");
    case KindColumn: return tr("Kind");
    case SystematicColumn: return tr("Systematic");
    case PerplexityColumn: return tr("Perplexity");
    default: break;
  }
  return QVariant();
}

}  // namespace owb::models
